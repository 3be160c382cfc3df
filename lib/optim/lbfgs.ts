/** Objective: returns f(x) and writes ∇f(x) into grad. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gtol (scipy's `gtol`, which scikit-learn sets from `tol`). */
  gtol?: number;
  maxIter?: number;
  /** History pairs kept (scipy's `maxcor`, scikit-learn's default 10). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  gradMaxAbs: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const maxAbs = (g: Float64Array) => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * Limited-memory BFGS (Nocedal & Wright, alg. 7.4/7.5) with a backtracking
 * Armijo line search. Deterministic. The result says whether it converged;
 * callers must surface `converged: false`, never hide it.
 */
export function minimizeLbfgs(fn: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { gtol = 1e-6, maxIter = 1000, memory = 10 } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fn(x, g);
  let evaluations = 1;
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alpha = new Float64Array(memory);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);

  for (let iter = 0; iter < maxIter; iter++) {
    const gmax = maxAbs(g);
    if (gmax <= gtol) return { x, f, gradMaxAbs: gmax, iterations: iter, evaluations, converged: true, message: "gradient below tolerance" };

    // Two-loop recursion: d = −H g.
    d.set(g);
    for (let k = sHist.length - 1; k >= 0; k--) {
      alpha[k] = rhoHist[k] * dot(sHist[k], d);
      const yk = yHist[k];
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * yk[i];
    }
    const gamma = sHist.length ? dot(sHist[sHist.length - 1], yHist[yHist.length - 1]) / dot(yHist[yHist.length - 1], yHist[yHist.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < sHist.length; k++) {
      const beta = rhoHist[k] * dot(yHist[k], d);
      const sk = sHist[k];
      for (let i = 0; i < n; i++) d[i] += (alpha[k] - beta) * sk[i];
    }
    for (let i = 0; i < n; i++) d[i] = -d[i];
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHist.length = yHist.length = rhoHist.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i] / Math.max(1, Math.sqrt(dot(g, g)));
      slope = dot(g, d);
    }

    // Backtracking Armijo line search from the quasi-Newton step.
    let step = 1;
    let fNew = NaN;
    for (let ls = 0; ls < 50; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = fn(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= f + 1e-4 * step * slope)) {
      return { x, f, gradMaxAbs: gmax, iterations: iter, evaluations, converged: false, message: "line search failed to decrease the objective" };
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    x = Float64Array.from(xNew);
    const tmp = g;
    g = gNew;
    gNew = tmp;
    const relChange = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1);
    f = fNew;
    // scipy's `ftol` criterion: progress has stalled at machine precision.
    if (relChange <= 2.220446049250313e-16 * 10 && maxAbs(g) > gtol) {
      return { x, f, gradMaxAbs: maxAbs(g), iterations: iter + 1, evaluations, converged: maxAbs(g) <= gtol * 10, message: "objective stopped decreasing" };
    }
  }
  const gmax = maxAbs(g);
  return { x, f, gradMaxAbs: gmax, iterations: maxIter, evaluations, converged: gmax <= gtol, message: gmax <= gtol ? "gradient below tolerance" : `not converged after ${maxIter} iterations` };
}
