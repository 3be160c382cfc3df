// Benchmark: our logistic regression fit against scikit-learn's lbfgs on the same matrices and C, in one run:
// the encoder vectors alone, and the default logreg features (encoder + sparse word/char TF-IDF). Each row reports
// wall and CPU time, iterations and function evaluations on both sides, how far apart the two optima are, and why
// scipy stopped. The two sides' fits are interleaved so that a shared machine's load falls on both alike.
// Run: npm run bench:logreg   (needs Debian's python3 with python3-sklearn)
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { dump } from "npyjs";
import { loadExperimentData } from "../lib/experiment/data";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { Featurizer } from "../lib/features/featurizer";
import { describeFeatures, featureSpec } from "../lib/features/spec";
import { Design, hstack } from "../lib/linalg/design";
import { lbfgsMemorySize, LogisticRegression, logisticObjective } from "../lib/models/logisticRegression";
import { sampleWeights } from "../lib/models/types";
import { minimizeLbfgs } from "../lib/optim/lbfgs";
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

interface SklearnProbe {
  iterations: number;
  evaluations: number;
  message: string;
  /** The objective as scipy saw it (scikit-learn 1.2 hands it the sum over rows; later versions divide by Σsᵢ). */
  fun: number;
  gradMaxAbs: number;
  coef: number[];
  intercept: number;
}
interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** The scikit-learn side: a Python process that answers one timed fit per request, so the two sides interleave. */
async function startSklearn(setup: object) {
  const py = spawn("/usr/bin/python3", [path.join(PROJECT_ROOT, "bench", "logreg_sklearn.py")], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  py.stderr.on("data", (b) => (stderr += b));
  const lines = readline.createInterface({ input: py.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done)
      throw new Error(
        `the scikit-learn side stopped (is python3-sklearn installed?):\n${stderr.trim() || "no output"}`,
      );
    return line.value;
  };
  py.stdin.write(JSON.stringify(setup) + "\n");
  const ready: { rows: SklearnProbe[]; threads: string } = JSON.parse(await next());
  return {
    ...ready,
    time: async (row: number): Promise<Timing> => {
      py.stdin.write(`${row}\n`);
      return JSON.parse(await next());
    },
    close: () => py.stdin.end(),
  };
}

/** One fit of ours, timed: wall and CPU seconds (CPU of the whole process; the fit itself uses one thread). */
function timeOurs(fit: () => LogisticRegression): Timing & { model: LogisticRegression } {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  const model = fit();
  const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, model };
}

const fixed = (v: number, digits: number) => v.toFixed(digits);

async function main(): Promise<void> {
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
  const ourFit = (k: number) => () => {
    const { design, C, cw } = rows[k];
    return new LogisticRegression({ C, classWeight: cw === "none" ? null : cw, tol: TOL }).fit(
      designs[design],
      train.y,
    );
  };

  const sk = await startSklearn({
    dir,
    y: train.y,
    designs: names.map((n) => files[n]),
    sparseCols: Object.fromEntries(
      names.filter((n) => designs[n].sparse).map((n) => [files[n], designs[n].sparse!.cols]),
    ),
    rows: rows.map((r) => ({ design: files[r.design], C: r.C, classWeight: r.cw, tol: TOL })),
  }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));

  // One untimed fit per design first (JIT and WebAssembly tiers warm up; the Python side does the same).
  names.forEach((n) => new LogisticRegression({ tol: TOL }).fit(designs[n], train.y));
  // The solver's own account of each fit (function evaluations are not kept on the model): the same problem
  // LogisticRegression.fit hands to minimizeLbfgs, checked to land on the model's coefficients.
  const solved = rows.map(({ design, C, cw }, k) => {
    const D = designs[design];
    const sw = sampleWeights(train.y, cw === "none" ? null : cw);
    const result = minimizeLbfgs(logisticObjective(D, train.y, sw, C), new Float64Array(D.cols + 1), {
      gtol: TOL,
      memory: lbfgsMemorySize(D),
    });
    const model = ourFit(k)();
    if (result.x[D.cols] !== model.intercept || result.x.some((v, j) => j < D.cols && v !== model.coef[j]))
      throw new Error(`row ${k}: the solver's direct run left the fit's path; the bench's replica is stale`);
    return result;
  });

  // Interleaved: each repetition fits every row on both sides, alternating which side goes first.
  const ours: Timing[][] = rows.map(() => []);
  const theirs: Timing[][] = rows.map(() => []);
  for (let rep = 0; rep < RUNS; rep++)
    for (let k = 0; k < rows.length; k++) {
      if (rep % 2 === 0) ours[k].push(timeOurs(ourFit(k)));
      theirs[k].push(await sk.time(k));
      if (rep % 2 === 1) ours[k].push(timeOurs(ourFit(k)));
    }
  sk.close();

  const wall = (ts: Timing[]) => median(ts.map((t) => t.seconds));
  const cpu = (ts: Timing[]) => median(ts.map((t) => t.cpuSeconds));
  console.log(
    `LR fit on ${train.X.rows} training rows, tol ${TOL}, median of ${RUNS} runs per side, the two sides interleaved ` +
      `(load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")})`,
  );
  console.log(
    `threads: ours 1 (one fit runs in the calling thread; CV folds run on a pool of ${defaultWorkerCount()}); scikit-learn ${sk.threads}`,
  );
  console.log(
    "time: wall s / CPU s (CPU over all threads); it/ev: iterations / function evaluations; " +
      "max |g|: the final gradient of the objective divided by Σ class weights (ours stops at tol)",
  );
  console.log(
    "features (columns)        C    class_weight | ours time       it/ev  | sklearn time    it/ev  | ours/sklearn wall, CPU | objective rel. diff | coef cosine | scipy stopped on",
  );
  rows.forEach(({ design, C, cw }, k) => {
    const s = sk.rows[k];
    const r = solved[k];
    const model = ourFit(k)();
    const D = designs[design];
    // Both optima on our objective Σ sᵢ·logloss + ‖w‖²/(2C): (ours − scikit-learn's) / scikit-learn's.
    const fOurs = model.objective(D, train.y);
    const fSk = model.objective(D, train.y, Float64Array.from(s.coef), s.intercept);
    // scipy's gradient on the scale ours is tested on (the objective divided by Σsᵢ), whatever scale it saw.
    const swSum = sampleWeights(train.y, cw === "none" ? null : cw).reduce((a, b) => a + b, 0);
    const skGradMaxAbs = (s.gradMaxAbs * fSk) / swSum / s.fun;
    const time = (ts: Timing[]) => `${fixed(wall(ts), 4)} / ${fixed(cpu(ts), 4)}`.padEnd(15);
    const counts = (it: number, ev: number) => `${it}/${ev}`.padEnd(6);
    console.log(
      `${`${design} (${D.cols})`.padEnd(25)} ${String(C).padEnd(4)} ${cw.padEnd(12)} | ` +
        `${time(ours[k])} ${counts(r.iterations, r.evaluations)} | ${time(theirs[k])} ${counts(s.iterations, s.evaluations)} | ` +
        `${`${fixed(wall(ours[k]) / wall(theirs[k]), 2)}×, ${fixed(cpu(ours[k]) / cpu(theirs[k]), 2)}×`.padEnd(22)} | ` +
        `${((fOurs - fSk) / Math.abs(fSk)).toExponential(2).padEnd(19)} | ${fixed(cosine(model.coef, s.coef), 7).padEnd(11)} | ` +
        `${s.message.replace("CONVERGENCE: ", "")} (max |g| ${skGradMaxAbs.toExponential(1)}; ours ${r.gradMaxAbs.toExponential(1)})`,
    );
  });
}
main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
