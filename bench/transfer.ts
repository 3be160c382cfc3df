// Which final model keeps the operating point? A check on the TRAINING split only (the test split is never read).
// Each of 5 group-aware folds of the training split plays "new data" once; the other four run the experiment's
// protocol: inner 5-fold CV → out-of-fold scores → threshold (the default policy) → a final model, either
//   refit:         the pipeline fitted once more on all four folds, or
//   fold-ensemble: the inner fold models, their probabilities averaged (the models the threshold was tuned on).
// Printed: how far the held-out fold's precision, recall and flagged share land from the out-of-fold promise.
// Run: npm run bench:transfer   (about 3 minutes on 2 cores)
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { crossValPredictMlp, gridSearchLogreg } from "../lib/experiment/cv";
import { loadExperimentData, Part } from "../lib/experiment/data";
import { takeTextRows } from "../lib/features/featurizer";
import { FoldEnsemble, LogregPipeline, MlpPipeline, pipelineFromJSON, TextPipeline } from "../lib/features/pipelines";
import { confusionAt, scoresFromConfusion } from "../lib/metrics/confusion";
import { chooseThreshold } from "../lib/metrics/threshold";
import { stratifiedGroupKFold } from "../lib/split/split";

const config = DEFAULT_CONFIG;
type Point = { precision: number; recall: number; flagged: number };
const at = (y: readonly number[], s: ArrayLike<number>, t: number): Point => {
  const c = confusionAt(y, s, t);
  const r = scoresFromConfusion(c);
  return { precision: r.precision, recall: r.recall, flagged: (c.tp + c.fp) / y.length };
};

function part(train: Part, idx: number[]): Part {
  const rows = takeTextRows(train, idx);
  return {
    ids: idx.map((i) => train.ids[i]),
    texts: [...rows.texts],
    X: rows.X,
    y: idx.map((i) => train.y[i]),
    groups: idx.map((i) => train.groups[i]),
  };
}

async function main(): Promise<void> {
  const { train } = loadExperimentData();
  const outer = stratifiedGroupKFold(train.y, train.groups, 5, config.seed + 1000);
  const gaps: Record<string, Array<Point>> = {};
  const add = (key: string, promise: Point, got: Point) =>
    (gaps[key] ??= []).push({
      precision: got.precision - promise.precision,
      recall: got.recall - promise.recall,
      flagged: got.flagged - promise.flagged,
    });
  for (const f of outer) {
    const inner = part(train, f.train);
    const held = part(train, f.validation);
    const folds = stratifiedGroupKFold(inner.y, inner.groups, config.cvFolds, config.seed);
    const finals: Record<string, { oof: Float64Array; models: Record<string, TextPipeline> }> = {};
    // logreg at one C from the grid's plateau (30–100 on this split); the grid itself is not re-run per fold.
    const lr = await gridSearchLogreg([30], config.features.logreg, config.logreg, inner, inner.y, folds);
    const refitLr = await new LogregPipeline(config.features.logreg, { ...config.logreg, C: 30 }).fit(inner, inner.y);
    finals.logreg = {
      oof: lr.best.oof,
      models: {
        refit: refitLr,
        "fold-ensemble": new FoldEnsemble(await Promise.all(lr.foldModels.map(pipelineFromJSON))),
      },
    };
    const mlp = await crossValPredictMlp(
      config.features.mlp,
      { ...config.mlp, seed: config.seed },
      inner,
      inner.y,
      inner.groups,
      folds,
      { withFinal: true },
    );
    finals.mlp = {
      oof: mlp.oof,
      models: {
        refit: await MlpPipeline.fromJSON(mlp.final!),
        "fold-ensemble": new FoldEnsemble(await Promise.all(mlp.foldModels.map(pipelineFromJSON))),
      },
    };
    for (const [name, { oof, models }] of Object.entries(finals)) {
      const t = chooseThreshold(inner.y, oof, config.policy).threshold;
      const promise = at(inner.y, oof, t);
      for (const [kind, m] of Object.entries(models)) {
        add(`${name} ${kind}`, promise, at(held.y, await m.predictProba(held), t));
        m.dispose();
      }
    }
    console.error(`outer fold ${f.fold + 1}/5 done`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const fmt = (xs: number[]) =>
    `${mean(xs) >= 0 ? "+" : ""}${mean(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)} to ${Math.max(...xs).toFixed(3)})`;
  console.log(
    `Held-out fold minus out-of-fold promise, mean over 5 outer folds (min to max); ${train.y.length} training rows.`,
  );
  console.log("model final | precision | recall | flagged share");
  for (const [key, g] of Object.entries(gaps)) {
    console.log(
      `${key} | ${fmt(g.map((x) => x.precision))} | ${fmt(g.map((x) => x.recall))} | ${fmt(g.map((x) => x.flagged))}`,
    );
  }
}
main();
