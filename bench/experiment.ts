// Benchmark: `npm start`'s work (the experiment with logreg, mlp and baselines, bootstrap CIs) against a Python
// peer doing the same with scikit-learn (LogisticRegression + MLPClassifier) on the same embeddings and split.
// Run: npm run bench:experiment   (needs Debian's python3 with python3-sklearn)
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { loadExperimentData } from "../lib/experiment/data";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { disposeResult, modelResult, runExperiment } from "../lib/experiment/run";
import { PROJECT_ROOT } from "../lib/paths";

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const data = loadExperimentData();
  const result = await runExperiment(data, DEFAULT_CONFIG);
  const ours = Number(process.hrtime.bigint() - t0) / 1e9;
  disposeResult(result);

  const request = {
    trainY: data.train.y,
    testY: data.test.y,
    trainGroups: data.train.groups,
    seed: DEFAULT_CONFIG.seed,
    Cs: DEFAULT_CONFIG.logreg.Cs,
    resamples: DEFAULT_CONFIG.bootstrap.resamples,
  };
  const py = spawnSync("/usr/bin/python3", [path.join(PROJECT_ROOT, "bench", "experiment_sklearn.py")], { input: JSON.stringify(request), encoding: "utf8" });
  if (py.status !== 0) {
    console.error(`scikit-learn peer failed (is python3-sklearn installed?):\n${py.stderr}`);
    process.exitCode = 1;
    return;
  }
  const sk = JSON.parse(py.stdout);
  console.log(`Experiment (load, 5-fold CV, thresholds, refit, test, ${DEFAULT_CONFIG.bootstrap.resamples} bootstrap resamples), one run each:`);
  console.log(`  ours (TypeScript, TF.js ${"wasm/cpu"}): ${ours.toFixed(1)} s   (goal: < 60 s)`);
  console.log(`  scikit-learn peer:                 ${sk.seconds.toFixed(1)} s`);
  console.log(`  ratio ours / scikit-learn:         ${(ours / sk.seconds).toFixed(2)}×   (goal: ≤ 1.0×)`);
  console.log("  test average precision     ours     scikit-learn");
  for (const name of ["logreg", "mlp"] as const) {
    const a = modelResult(result, name).test.averagePrecision!;
    console.log(`    ${name.padEnd(24)} ${a.toFixed(4)}   ${sk.models[name].testAveragePrecision.toFixed(4)}`);
  }
  console.log(`  (logreg C: ours ${modelResult(result, "logreg").selected.C}, scikit-learn ${sk.models.logreg.C})`);
}
main();
