// Benchmark: our logistic regression fit against scikit-learn's lbfgs on the same matrices and C, in one run:
// the encoder vectors alone, and the default logreg features (encoder + sparse word/char TF-IDF).
// Run: npm run bench:logreg   (needs Debian's python3 with python3-sklearn)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dump } from "npyjs";
import { loadExperimentData } from "../lib/experiment/data";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { Featurizer } from "../lib/features/featurizer";
import { describeFeatures, featureSpec } from "../lib/features/spec";
import { Design, hstack } from "../lib/linalg/design";
import { LogisticRegression } from "../lib/models/logisticRegression";
import { defaultWorkerCount } from "../lib/parallel/pool";
import { PROJECT_ROOT } from "../lib/paths";

const RUNS = 7;
const TOL = 1e-6;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The design as files numpy/scipy read: the dense block as float32 (as stored), the sparse block as CSR arrays. */
function writeDesign(dir: string, name: string, D: Design): void {
  const put = (suffix: string, bytes: ArrayBuffer) =>
    fs.writeFileSync(path.join(dir, `${name}.${suffix}.npy`), Buffer.from(bytes));
  if (D.dense)
    put(
      "dense",
      dump(D.dense.data, [D.dense.rows, D.dense.cols], { dtype: D.dense.data instanceof Float32Array ? "f4" : "f8" }),
    );
  if (D.sparse) {
    put("indptr", dump(D.sparse.indptr, [D.sparse.indptr.length], { dtype: "i4" }));
    put("indices", dump(D.sparse.indices, [D.sparse.indices.length], { dtype: "i4" }));
    put("values", dump(D.sparse.values, [D.sparse.values.length], { dtype: "f8" }));
  }
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

function main(): void {
  const { train } = loadExperimentData();
  const spec = DEFAULT_CONFIG.features.logreg;
  // The logreg's default features, fitted on all training rows (as in a final refit).
  const designs: Record<string, Design> = {
    encoder: hstack(train.X, null),
    [describeFeatures(spec)]: Featurizer.fitTransform(
      spec.lexical ? spec : featureSpec(true, { kind: "tfidf" }),
      train,
      train.y,
    ).design,
  };
  const names = Object.keys(designs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-logreg-"));
  const files = Object.fromEntries(names.map((n) => [n, n.replace(/[^a-z0-9]+/gi, "_")]));
  names.forEach((n) => writeDesign(dir, files[n], designs[n]));
  const grid = [
    [1, "balanced"],
    [10, "balanced"],
    [1, "none"],
  ] as const;
  const rows = names.flatMap((design) => grid.map(([C, cw]) => ({ design, C, cw })));

  // One untimed fit per design first (JIT and WebAssembly tiers warm up; the Python side does the same).
  names.forEach((n) => new LogisticRegression({ tol: TOL }).fit(designs[n], train.y));
  const ours = rows.map(({ design, C, cw }) => {
    const times: number[] = [];
    let model!: LogisticRegression;
    for (let r = 0; r < RUNS; r++) {
      const t = process.hrtime.bigint();
      model = new LogisticRegression({ C, classWeight: cw === "none" ? null : cw, tol: TOL }).fit(
        designs[design],
        train.y,
      );
      times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
    return { seconds: median(times), model };
  });

  const request = {
    dir,
    y: train.y,
    designs: names.map((n) => files[n]),
    sparseCols: Object.fromEntries(
      names.filter((n) => designs[n].sparse).map((n) => [files[n], designs[n].sparse!.cols]),
    ),
    rows: rows.map((r) => ({ design: files[r.design], C: r.C, classWeight: r.cw, tol: TOL })),
    runs: RUNS,
  };
  const py = spawnSync("/usr/bin/python3", [path.join(PROJECT_ROOT, "bench", "logreg_sklearn.py")], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (py.status !== 0) {
    console.error(`scikit-learn run failed (is python3-sklearn installed?):\n${py.stderr}`);
    process.exitCode = 1;
    return;
  }
  const sk: {
    rows: Array<{ seconds: number; iterations: number; coef: number[]; intercept: number }>;
    threads: string;
  } = JSON.parse(py.stdout);

  console.log(
    `LR fit on ${train.X.rows} training rows, tol ${TOL}, median of ${RUNS} runs each, wall time, run one after the other`,
  );
  console.log(
    `threads: ours 1 (one fit runs in the calling thread; CV folds run on a pool of ${defaultWorkerCount()}); scikit-learn ${sk.threads}`,
  );
  console.log(
    "features (columns)        C    class_weight | ours s (iters)  | sklearn s (iters) | ours/sklearn | objective rel. diff | coef cosine",
  );
  rows.forEach(({ design, C, cw }, k) => {
    const { seconds, model } = ours[k];
    const s = sk.rows[k];
    const D = designs[design];
    // Both optima on our objective Σ sᵢ·logloss + ‖w‖²/(2C): (ours − scikit-learn's) / scikit-learn's.
    const fOurs = model.objective(D, train.y);
    const fSk = model.objective(D, train.y, Float64Array.from(s.coef), s.intercept);
    console.log(
      `${`${design} (${D.cols})`.padEnd(25)} ${String(C).padEnd(4)} ${cw.padEnd(12)} | ` +
        `${`${seconds.toFixed(4)} (${model.convergence!.iterations})`.padEnd(15)} | ` +
        `${`${s.seconds.toFixed(4)} (${s.iterations})`.padEnd(17)} | ` +
        `${`${(seconds / s.seconds).toFixed(2)}×`.padEnd(12)} | ` +
        `${((fOurs - fSk) / Math.abs(fSk)).toExponential(2).padEnd(19)} | ${cosine(model.coef, s.coef).toFixed(7)}`,
    );
  });
}
main();
