import { LbfgsMemory } from "./lbfgsMemory";
import { LineSearchOptions, strongWolfeLineSearch } from "./lineSearch";
import { InvalidInputError } from "../errors";

/** Objective: returns f(x) and writes ∇f(x) into grad. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gtol (scipy's `gtol`, which scikit-learn sets from `tol`). */
  gtol?: number;
  /**
   * Also stop when an iteration lowers f by at most ftol relative to max(|f|, 1) (scipy's factr·eps). scipy's
   * default, 2.2e-9, often stops before the gradient test holds; ours, 10·eps, only once progress has stalled at
   * machine precision, so `gtol` decides.
   */
  ftol?: number;
  maxIter?: number;
  /** History pairs kept (scipy's `maxcor`, scikit-learn's default 10). */
  memory?: number;
  /** The line search's settings; the defaults are L-BFGS-B's (c1 1e-3, c2 0.9, xtol 0.1, 20 evaluations). */
  lineSearch?: LineSearchOptions;
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

const EPS = 2.220446049250313e-16;

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) {
    const v = Math.abs(g[i]);
    if (v > m) m = v;
  }
  return m;
}

/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.5) with a line search satisfying the strong Wolfe conditions
 * (Moré–Thuente, as scipy's L-BFGS-B). The first step, and any restart, goes along −∇f with a step of 1/‖∇f‖;
 * later ones try the quasi-Newton step 1 first. Deterministic. The result says whether it converged; callers must
 * surface `converged: false`, never hide it.
 */
export function minimizeLbfgs(fn: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { gtol = 1e-6, ftol = 10 * EPS, maxIter = 1000, memory: size = 10 } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fn(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new InvalidInputError("x0", `the objective is ${f} at the starting point`);
  const memory = new LbfgsMemory(n, size);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let gmax = maxAbs(g);
  const result = (iterations: number, converged: boolean, message: string): LbfgsResult => ({
    x,
    f,
    gradMaxAbs: gmax,
    iterations,
    evaluations,
    converged,
    message,
  });

  // φ(α) = f(x + α·d), φ'(α) = ∇f(x + α·d)·d; each call leaves that point in xNew and its gradient in gNew.
  const phi = (step: number) => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
    const value = fn(xNew, gNew);
    evaluations++;
    let slope = 0;
    for (let i = 0; i < n; i++) slope += gNew[i] * d[i];
    return { value, slope };
  };

  let iterations = 0;
  while (iterations < maxIter) {
    if (gmax <= gtol) return result(iterations, true, "gradient below tolerance");

    // d = −H·∇f, or steepest descent scaled to a unit first step when there is no curvature yet (or it misleads).
    let slope = 0;
    let initialStep = 1;
    if (memory.count) {
      memory.applyInverseHessian(g, d);
      for (let i = 0; i < n; i++) {
        d[i] = -d[i];
        slope += g[i] * d[i];
      }
    }
    if (!(slope < 0)) {
      memory.clear();
      let gg = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -g[i];
        gg += g[i] * g[i];
      }
      slope = -gg;
      initialStep = Math.min(1 / Math.sqrt(gg), 1e10);
    }

    const search = strongWolfeLineSearch(phi, f, slope, initialStep, options.lineSearch);
    if (search.status !== "strong-wolfe" && !(search.value < f)) {
      // No usable step. As L-BFGS-B does, forget the curvature pairs and retry once along −∇f.
      if (memory.count) {
        memory.clear();
        continue;
      }
      return result(iterations, false, `line search failed to decrease the objective (${search.status})`);
    }

    // The new pair, its dot products and the new gradient's max |·| in one pass.
    const { s, y } = memory;
    let sy = 0,
      yy = 0,
      gmaxNew = 0;
    for (let i = 0; i < n; i++) {
      const si = (s[i] = xNew[i] - x[i]);
      const yi = (y[i] = gNew[i] - g[i]);
      sy += si * yi;
      yy += yi * yi;
      const a = Math.abs(gNew[i]);
      if (a > gmaxNew) gmaxNew = a;
    }
    // L-BFGS-B's test: skip a pair whose curvature is not positive beyond rounding (the Wolfe step ensures it is).
    if (sy > EPS * -search.step * slope) memory.commit(sy, yy);
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    gmax = gmaxNew;
    const fOld = f;
    f = search.value;
    iterations++;
    if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1) && gmax > gtol)
      return result(iterations, gmax <= gtol * 10, "objective stopped decreasing");
  }
  return result(
    maxIter,
    gmax <= gtol,
    gmax <= gtol ? "gradient below tolerance" : `not converged after ${maxIter} iterations`,
  );
}
