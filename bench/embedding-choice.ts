// Which features? Compares representations by grouped 5-fold CV average precision on the TRAINING split only
// (the test split is never read). Every lexical step (TF-IDF vocabulary and idf, chi² selection, SVD) is
// fitted inside each fold on that fold's training rows, through the same pipeline the experiment uses.
// Logistic regression: C picked per candidate from the experiment's grid (the mean over folds of the best C;
// equally optimistic for every candidate). MLP: the experiment's settings, early stopping on its own carve.
// Run: npm run bench:embedding-choice [-- --only logreg|mlp]
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { crossValPredictMlp, gridSearchLogreg } from "../lib/experiment/cv";
import { loadExperimentData } from "../lib/experiment/data";
import { describeFeatures, FeatureSpec, featureSpec, LexicalStep } from "../lib/features/spec";
import { averagePrecision } from "../lib/metrics/curves";
import { stratifiedGroupKFold } from "../lib/split/split";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

async function main(): Promise<void> {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
  const { train } = loadExperimentData();
  const folds = stratifiedGroupKFold(train.y, train.groups, 5, DEFAULT_CONFIG.seed);
  const foldAps = (oof: Float64Array) =>
    folds.map((f) =>
      averagePrecision(
        f.validation.map((i) => train.y[i]),
        f.validation.map((i) => oof[i]),
      ),
    );
  const pos = train.y.reduce((a, b) => a + b, 0);
  console.log(
    `Training split: ${train.y.length} rows (${pos} positive), 5 group-aware folds, seed ${DEFAULT_CONFIG.seed}.`,
  );
  console.log("model | features | mean CV AP | sd over folds | setting | seconds");
  const row = (model: string, spec: FeatureSpec, aps: number[], setting: string, t: number) =>
    console.log(
      `${model} | ${describeFeatures(spec)} | ${mean(aps).toFixed(3)} | ${sd(aps).toFixed(3)} | ${setting} | ${((Date.now() - t) / 1000).toFixed(0)}`,
    );

  const lex = (l: LexicalStep | null, encoder = true) => featureSpec(encoder, l, DEFAULT_CONFIG.seed);
  if (only !== "mlp") {
    const candidates = [
      lex(null),
      lex({ kind: "tfidf" }),
      lex({ kind: "lsa", dimension: 128 }),
      lex({ kind: "chi2", k: 1000 }),
      lex({ kind: "tfidf" }, false),
      lex({ kind: "lsa", dimension: 384 }, false),
    ];
    for (const spec of candidates) {
      const t = Date.now();
      const { best } = await gridSearchLogreg(
        DEFAULT_CONFIG.logreg.Cs,
        spec,
        DEFAULT_CONFIG.logreg,
        train,
        train.y,
        folds,
      );
      row("logreg", spec, best.foldScores, `C=${best.params}`, t);
    }
  }
  if (only !== "logreg") {
    const candidates = [
      lex(null),
      lex({ kind: "chi2", k: 2000 }),
      lex({ kind: "chi2", k: 10000 }),
      lex({ kind: "tfidf" }),
      lex({ kind: "lsa", dimension: 128 }),
    ];
    for (const spec of candidates) {
      const t = Date.now();
      const { oof, fitInfos } = await crossValPredictMlp(
        spec,
        { ...DEFAULT_CONFIG.mlp, seed: DEFAULT_CONFIG.seed },
        train,
        train.y,
        train.groups,
        folds,
      );
      row("mlp", spec, foldAps(oof), `best epochs ${fitInfos.map((f) => f.bestEpoch).join("/")}`, t);
    }
  }
}
main();
