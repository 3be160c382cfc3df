// Which final model keeps the operating point? A check on the TRAINING split only (the test split is never read).
// Each of 5 group-aware folds of the training split plays "new data" once; the other four run the experiment's
// protocol: inner 5-fold CV (the logistic regression's C from the configured grid by the configured rule) → out-of-fold
// scores → threshold (the default policy) → a final model, either
//   refit:         the pipeline fitted once more on all four folds,
//   fold-ensemble: the inner fold models, their probabilities averaged (the models the threshold was tuned on), or
//   one fold model: each inner fold model alone (its gaps averaged over the five), for what averaging adds.
// Printed: how far the held-out fold's precision, recall and flagged share land from the out-of-fold promise.
// Run: npm run bench:transfer   (about 5 minutes on 2 cores: the C grid runs in every outer fold)
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { crossValPredictMlp, gridSearchLogreg } from "../lib/experiment/cv";
import { loadExperimentData, Part } from "../lib/experiment/data";
import { takeTextRows } from "../lib/features/featurizer";
import { FoldEnsemble, LogregPipeline, MlpPipeline, pipelineFromJSON, TextPipeline } from "../lib/features/pipelines";
import { confusionAt, scoresFromConfusion } from "../lib/metrics/confusion";
import { chooseThreshold } from "../lib/metrics/threshold";
import { stratifiedGroupKFold } from "../lib/split/split";
import { deriveSeed } from "../lib/experiment/seeds";

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
  const outer = stratifiedGroupKFold(train.y, train.groups, 5, deriveSeed(config.seed, "transfer-outer-folds"));
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
    const finals: Record<string, { oof: Float64Array; models: Record<string, TextPipeline>; members: TextPipeline[] }> =
      {};
    // logreg: the grid and the rule run again inside each outer training set (nested), as the experiment would.
    const lr = await gridSearchLogreg(config.logreg.Cs, config.features.logreg, config.logreg, inner, inner.y, folds);
    const C = lr.best.params;
    const refitLr = await new LogregPipeline(config.features.logreg, { ...config.logreg, C }).fit(inner, inner.y);
    const lrMembers = await Promise.all(lr.foldModels.map(pipelineFromJSON));
    finals.logreg = {
      oof: lr.best.oof,
      models: { refit: refitLr, "fold-ensemble": new FoldEnsemble(lrMembers) },
      members: await Promise.all(lr.foldModels.map(pipelineFromJSON)),
    };
    console.error(`outer fold ${f.fold + 1}: logreg C = ${C}`);
    const mlp = await crossValPredictMlp(
      config.features.mlp,
      { ...config.mlp, seed: config.seed },
      inner,
      inner.y,
      inner.groups,
      folds,
      { withFinal: true },
    );
    if (!mlp.final) throw new Error("the MLP's refit was asked for (withFinal) but not returned");
    finals.mlp = {
      oof: mlp.oof,
      models: {
        refit: await MlpPipeline.fromJSON(mlp.final),
        "fold-ensemble": new FoldEnsemble(await Promise.all(mlp.foldModels.map(pipelineFromJSON))),
      },
      members: await Promise.all(mlp.foldModels.map(pipelineFromJSON)),
    };
    for (const [name, { oof, models, members }] of Object.entries(finals)) {
      const t = chooseThreshold(inner.y, oof, config.policy).threshold;
      const promise = at(inner.y, oof, t);
      for (const [kind, m] of Object.entries(models)) {
        add(`${name} ${kind}`, promise, at(held.y, await m.predictProba(held), t));
        m.dispose();
      }
      // One fold model alone: the mean of the members' gaps (what the ensemble's averaging adds is the difference).
      const alone: Point[] = [];
      for (const m of members) {
        alone.push(at(held.y, await m.predictProba(held), t));
        m.dispose();
      }
      const mean = (k: keyof Point) => alone.reduce((a, p) => a + p[k], 0) / alone.length;
      add(`${name} one fold model`, promise, {
        precision: mean("precision"),
        recall: mean("recall"),
        flagged: mean("flagged"),
      });
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
main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
