// Benchmark: `npm start`'s work (the experiment with logreg, mlp and baselines, bootstrap CIs) against a Python
// peer doing the same protocol with scikit-learn on the same features (encoder vectors + TF-IDF fitted inside
// every fold), the same committed folds and the same number of workers. One run each, one after the other.
// Run: npm run bench:experiment   (needs Debian's python3 with python3-sklearn)
//
// Where the peer can't match us exactly (scikit-learn 1.2): its MLP has no dropout and no class weights, its early-
// stopping carve is a random stratified split (not whole repeat groups) taken after the featurizer saw all the fold's
// rows, and its L2 (alpha) is scaled by batch size; its word tokens skip our NFKC normalization. Its logreg does as
// ours: per fold, the features fitted once, then a warm-started C path (joblib over folds).
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { loadExperimentData } from "../lib/experiment/data";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { disposeResult, modelResult, runExperiment } from "../lib/experiment/run";
import { defaultWorkerCount } from "../lib/parallel/pool";
import { PROJECT_ROOT } from "../lib/paths";
import { stratifiedGroupKFold } from "../lib/split/split";

async function main(): Promise<void> {
  const config = DEFAULT_CONFIG;
  const workers = defaultWorkerCount();
  const t0 = process.hrtime.bigint();
  const data = loadExperimentData();
  const result = await runExperiment(data, config, () => {}, { workers });
  const ours = Number(process.hrtime.bigint() - t0) / 1e9;
  disposeResult(result);

  const mlpLexical = config.features.mlp.lexical;
  const request = {
    trainTexts: data.train.texts,
    testTexts: data.test.texts,
    trainY: data.train.y,
    testY: data.test.y,
    trainGroups: data.train.groups,
    testGroups: data.test.groups,
    // The folds runExperiment made (the same call), so both sides cross-validate on the same rows.
    foldValidation: stratifiedGroupKFold(data.train.y, data.train.groups, config.cvFolds, config.seed).map(
      (f) => f.validation,
    ),
    seed: config.seed,
    Cs: config.logreg.Cs,
    cRule: config.logreg.cRule,
    ngrams: config.features.logreg.ngrams,
    mlp: { ...config.mlp, chi2: mlpLexical?.kind === "chi2" ? mlpLexical.k : 10000 },
    resamples: config.bootstrap.resamples,
    workers,
  };
  const py = spawnSync("/usr/bin/python3", [path.join(PROJECT_ROOT, "bench", "experiment_sklearn.py")], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (py.status !== 0) {
    console.error(`scikit-learn peer failed (is python3-sklearn installed?):\n${py.stderr}`);
    process.exitCode = 1;
    return;
  }
  const sk = JSON.parse(py.stdout);
  console.log(
    `Experiment (load, ${config.cvFolds}-fold CV, thresholds, final models, test, ${config.bootstrap.resamples} bootstrap resamples), one run each:`,
  );
  console.log(`  workers: ours a pool of ${workers} threads; scikit-learn n_jobs=${workers} (joblib processes)`);
  console.log(`  ours (TypeScript, TF.js wasm):     ${ours.toFixed(1)} s`);
  const stages = Object.entries(sk.stages as Record<string, number>)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(", ");
  console.log(`  scikit-learn peer:                 ${sk.seconds.toFixed(1)} s   (${stages})`);
  console.log(`  ratio ours / scikit-learn:         ${(ours / sk.seconds).toFixed(2)}×   (goal: ≤ 1.0×)`);
  console.log("  test average precision     ours     scikit-learn");
  for (const name of ["logreg", "mlp"] as const) {
    const a = modelResult(result, name).test.averagePrecision!;
    console.log(`    ${name.padEnd(24)} ${a.toFixed(4)}   ${sk.models[name].testAveragePrecision.toFixed(4)}`);
  }
  console.log(`  (logreg C: ours ${modelResult(result, "logreg").selected.C}, scikit-learn ${sk.models.logreg.C})`);
}
main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
