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

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) {
    const v = Math.abs(g[i]);
    if (v > m) m = v;
  }
  return m;
}

/** d += c·v, returning u·d (the new d) from the same pass: one sweep where the two-loop recursion needs two. */
function axpyThenDot(d: Float64Array, c: number, v: Float64Array, u: Float64Array): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) {
    d[i] += c * v[i];
    s += u[i] * d[i];
  }
  return s;
}

/**
 * Limited-memory BFGS (Nocedal & Wright, alg. 7.4/7.5) with a backtracking
 * Armijo line search. Deterministic. The result says whether it converged;
 * callers must surface `converged: false`, never hide it.
 *
 * Over tens of thousands of parameters (sparse TF-IDF columns) this bookkeeping costs as much as the
 * objective, so the history is a preallocated ring, nothing is allocated per iteration, and the two-loop
 * recursion fuses each update of d with the next dot product (same arithmetic, in the same order).
 */
export function minimizeLbfgs(fn: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { gtol = 1e-6, maxIter = 1000, memory = 10 } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fn(x, g);
  let evaluations = 1;
  // History ring: slot (oldest + k) % memory holds the k-th oldest pair.
  const sRing = Array.from({ length: memory }, () => new Float64Array(n));
  const yRing = Array.from({ length: memory }, () => new Float64Array(n));
  const rho = new Float64Array(memory);
  /** sᵀy and yᵀy of each pair, for the initial Hessian scale (sᵀy / yᵀy of the newest pair). */
  const syOf = new Float64Array(memory);
  const yyOf = new Float64Array(memory);
  let oldest = 0;
  let count = 0;
  const slot = (k: number) => (oldest + k) % memory;
  const alpha = new Float64Array(memory);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let s = new Float64Array(n);
  let y = new Float64Array(n);
  let gmax = maxAbs(g);

  for (let iter = 0; iter < maxIter; iter++) {
    if (gmax <= gtol)
      return {
        x,
        f,
        gradMaxAbs: gmax,
        iterations: iter,
        evaluations,
        converged: true,
        message: "gradient below tolerance",
      };

    // Two-loop recursion: d = −H g.
    if (count) {
      const sNewest = sRing[slot(count - 1)];
      let sd = 0;
      for (let i = 0; i < n; i++) {
        d[i] = g[i];
        sd += sNewest[i] * d[i];
      }
      for (let k = count - 1; k >= 0; k--) {
        const at = slot(k);
        alpha[k] = rho[at] * sd;
        // The last update's dot is unused: dot against itself keeps the loop uniform.
        sd = axpyThenDot(d, -alpha[k], yRing[at], k > 0 ? sRing[slot(k - 1)] : d);
      }
      const newest = slot(count - 1);
      const gamma = syOf[newest] / yyOf[newest];
      const y0 = yRing[slot(0)];
      let yd = 0;
      for (let i = 0; i < n; i++) {
        d[i] *= gamma;
        yd += y0[i] * d[i];
      }
      for (let k = 0; k < count; k++) {
        const at = slot(k);
        const beta = rho[at] * yd;
        yd = axpyThenDot(d, alpha[k] - beta, sRing[at], k + 1 < count ? yRing[slot(k + 1)] : d);
      }
    } else {
      const gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = g[i] * gamma;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      d[i] = -d[i];
      slope += g[i] * d[i];
    }
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      count = 0;
      const scale = Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = -g[i] / scale;
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
      return {
        x,
        f,
        gradMaxAbs: gmax,
        iterations: iter,
        evaluations,
        converged: false,
        message: "line search failed to decrease the objective",
      };
    }
    // The new pair, its dot products and the new gradient's max |·| in one pass.
    let sy = 0,
      ss = 0,
      yy2 = 0,
      gmaxNew = 0;
    for (let i = 0; i < n; i++) {
      const si = (s[i] = xNew[i] - x[i]);
      const yi = (y[i] = gNew[i] - g[i]);
      sy += si * yi;
      ss += si * si;
      yy2 += yi * yi;
      const a = Math.abs(gNew[i]);
      if (a > gmaxNew) gmaxNew = a;
    }
    if (sy > 1e-12 * Math.sqrt(ss * yy2)) {
      // Swap the new pair into the ring (dropping the oldest when full); the dropped arrays become scratch.
      const at = count === memory ? slot(0) : slot(count);
      [sRing[at], s] = [s, sRing[at]];
      [yRing[at], y] = [y, yRing[at]];
      rho[at] = 1 / sy;
      syOf[at] = sy;
      yyOf[at] = yy2;
      if (count === memory) oldest = (oldest + 1) % memory;
      else count++;
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    gmax = gmaxNew;
    const relChange = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1);
    f = fNew;
    // scipy's `ftol` criterion: progress has stalled at machine precision.
    if (relChange <= 2.220446049250313e-16 * 10 && gmax > gtol) {
      return {
        x,
        f,
        gradMaxAbs: gmax,
        iterations: iter + 1,
        evaluations,
        converged: gmax <= gtol * 10,
        message: "objective stopped decreasing",
      };
    }
  }
  return {
    x,
    f,
    gradMaxAbs: gmax,
    iterations: maxIter,
    evaluations,
    converged: gmax <= gtol,
    message: gmax <= gtol ? "gradient below tolerance" : `not converged after ${maxIter} iterations`,
  };
}
