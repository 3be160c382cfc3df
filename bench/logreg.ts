// Benchmark: our logistic regression fit against scikit-learn's lbfgs on the same embeddings and C, in one run.
// Run: npm run bench:logreg   (needs Debian's python3 with python3-sklearn)
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { loadExperimentData } from "../lib/experiment/data";
import { LogisticRegression } from "../lib/models/logisticRegression";
import { PROJECT_ROOT } from "../lib/paths";

const RUNS = 7;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const { train } = loadExperimentData();
  console.log(`LR fit on ${train.X.rows}×${train.X.cols} training embeddings, median of ${RUNS} runs`);
  console.log("C      class_weight  tol    | ours s (iters)   | sklearn lbfgs s (iters) | ratio ours/sklearn | objective rel. gap (ours − sklearn)");
  for (const [C, cw] of [[1, "balanced"], [10, "balanced"], [1, "none"]] as const) {
    for (const tol of [1e-4, 1e-6]) {
      const times: number[] = [];
      let model!: LogisticRegression;
      for (let r = 0; r < RUNS; r++) {
        const t = process.hrtime.bigint();
        model = new LogisticRegression({ C, classWeight: cw === "none" ? null : cw, tol }).fit(train.X, train.y);
        times.push(Number(process.hrtime.bigint() - t) / 1e9);
      }
      // Our objective is Σ sᵢ·logloss + ‖w‖²/(2C); scikit-learn's script reports C times that.
      const ours = C * model.objective(train.X, train.y);
      const py = spawnSync("/usr/bin/python3", [path.join(PROJECT_ROOT, "bench", "logreg_sklearn.py"), String(C), cw, String(tol), String(RUNS)], {
        input: train.y.join(""),
        encoding: "utf8",
      });
      if (py.status !== 0) {
        console.error(`scikit-learn run failed (is python3-sklearn installed?):\n${py.stderr}`);
        process.exitCode = 1;
        return;
      }
      const sk = JSON.parse(py.stdout);
      const t = median(times);
      console.log(
        `${String(C).padEnd(6)} ${cw.padEnd(13)} ${tol.toExponential(0).padEnd(6)} | ${t.toFixed(4)} (${model.convergence!.iterations})`.padEnd(48) +
          ` | ${sk.seconds.toFixed(4)} (${sk.iterations})`.padEnd(26) +
          ` | ${(t / sk.seconds).toFixed(2)}×`.padEnd(21) +
          ` | ${((ours - sk.objective) / sk.objective).toExponential(2)}`,
      );
    }
  }
}
main();
