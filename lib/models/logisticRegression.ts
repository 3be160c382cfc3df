import { asDesign, Design } from "../linalg/design";
import type { Matrix } from "../linalg/matrix";
import { minimizeLbfgs } from "../optim/lbfgs";
import { designKernel } from "../linalg/designKernel";
import type { LogregJSON } from "./logregFormat";
import { StandardScaler } from "./scaler";
import { checkFitInputs, ClassWeight, Estimator, NotFittedError, sampleWeights } from "./types";
import { ConfigError, InvalidInputError } from "../errors";
import { scientific } from "../util/numberText";

/** Settings of the logistic regression: C, class weights, standardization, and the solver's limits. */
export interface LogisticRegressionOptions {
  /** Inverse L2 strength, as scikit-learn's C. */
  C?: number;
  classWeight?: ClassWeight;
  /** Standardize features inside fit (so in cross-validation the scaler only sees the training fold). */
  standardize?: boolean;
  /** Gradient tolerance on the weight-averaged objective. */
  tol?: number;
  maxIter?: number;
  /** Called when the optimizer does not converge. Default: console.warn. */
  onWarning?: (message: string) => void;
}

/** How the L-BFGS fit ended: whether it converged, after how many iterations, the largest gradient entry, why. */
export interface ConvergenceInfo {
  converged: boolean;
  iterations: number;
  gradMaxAbs: number;
  message: string;
}

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Binary L2-penalized logistic regression with an unpenalized intercept,
 * minimizing the objective of scikit-learn's LogisticRegression:
 *
 *   Σᵢ sᵢ · log(1 + exp(−ỹᵢ (w·xᵢ + b))) + ‖w‖² / (2C)
 *
 * (sᵢ = class weights). Solved with L-BFGS on typed arrays, on the objective
 * divided by Σsᵢ, as scikit-learn ≥ 1.4 does (scikit-learn#26721), so `tol`
 * means the same thing there. (1.2, Debian's, hands lbfgs the undivided sum:
 * its gradient test is Σsᵢ times stricter, and its fits stop on scipy's
 * relative-reduction test instead; bench:logreg shows both.)
 */
export class LogisticRegression implements Estimator<Matrix | Design> {
  readonly name = "logreg";
  coef = new Float64Array(0);
  intercept = 0;
  scaler: StandardScaler | null = null;
  convergence: ConvergenceInfo | null = null;
  readonly options: Required<Omit<LogisticRegressionOptions, "onWarning">> &
    Pick<LogisticRegressionOptions, "onWarning">;

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = { C: 1, classWeight: null, standardize: false, tol: 1e-6, maxIter: 1000, ...options };
    if (!(this.options.C > 0)) throw new ConfigError("C", `must be positive, got ${this.options.C}`);
  }

  /**
   * Start the next fit from another model's solution: one fitted on the same rows with another C, as
   * scikit-learn's LogisticRegressionCV does along the C path. Same optimum, fewer steps.
   */
  startFrom(previous: LogisticRegression | undefined): this {
    this.warmStart = previous;
    return this;
  }
  private warmStart: LogisticRegression | undefined;

  /** X: a dense matrix, or a design with a sparse block (TF-IDF) beside or instead of a dense one. */
  fit(X: Matrix | Design, y: ArrayLike<number>): this {
    checkFitInputs(X, y);
    const D = asDesign(X);
    if (this.options.standardize && D.sparse)
      throw new ConfigError("standardize", "needs dense features (centering a sparse block would densify it)");
    this.scaler = this.options.standardize && D.dense ? new StandardScaler().fit(D.dense) : null;
    const Z = this.scaled(D);
    const sw = sampleWeights(y, this.options.classWeight);
    const start = new Float64Array(Z.cols + 1);
    const warm = this.warmStart;
    if (warm && warm.coef.length === Z.cols && Boolean(warm.scaler) === Boolean(this.scaler)) {
      start.set(warm.coef);
      start[Z.cols] = warm.intercept;
    }
    this.warmStart = undefined;
    const result = minimizeLbfgs(logisticObjective(Z, y, sw, this.options.C), start, {
      gtol: this.options.tol,
      maxIter: this.options.maxIter,
      memory: lbfgsMemorySize(Z),
    });
    this.coef = result.x.slice(0, Z.cols);
    this.intercept = result.x[Z.cols];
    this.convergence = {
      converged: result.converged,
      iterations: result.iterations,
      gradMaxAbs: result.gradMaxAbs,
      message: result.message,
    };
    if (!result.converged) {
      const msg = `LogisticRegression(C=${this.options.C}) did not converge: ${result.message} (max |gradient| ${scientific(result.gradMaxAbs, 2)} > tol ${this.options.tol}). Raise maxIter or scale the features.`;
      (this.options.onWarning ?? console.warn)(msg);
    }
    return this;
  }

  private scaled(D: Design): Design {
    return this.scaler && D.dense ? { ...D, dense: this.scaler.transform(D.dense) } : D;
  }

  /** w·x + b per row. */
  decisionFunction(X: Matrix | Design): Float64Array {
    if (!this.isFitted) throw new NotFittedError("LogisticRegression");
    const Z = this.scaled(asDesign(X));
    if (Z.cols !== this.coef.length)
      throw new InvalidInputError("X", `model was fitted on ${this.coef.length} features, got ${Z.cols}`);
    const out = new Float64Array(Z.rows);
    for (let i = 0; i < Z.rows; i++) out[i] = this.intercept + rowDot(Z, i, this.coef);
    return out;
  }

  predictProba(X: Matrix | Design): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  /** The objective above at the fitted (or given) parameters, on raw X (for comparison with scikit-learn). */
  objective(X: Matrix | Design, y: ArrayLike<number>, coef = this.coef, intercept = this.intercept): number {
    const Z = this.scaled(asDesign(X));
    const sw = sampleWeights(y, this.options.classWeight);
    const params = Float64Array.from([...coef, intercept]);
    const swSum = sw.reduce((a, b) => a + b, 0);
    return logisticObjective(Z, y, sw, this.options.C)(params, new Float64Array(params.length)) * swSum;
  }

  get isFitted(): boolean {
    return this.convergence !== null;
  }

  toJSON(): LogregJSON {
    const { onWarning: _callback, ...options } = this.options;
    return {
      kind: "logreg",
      options,
      coef: Array.from(this.coef),
      intercept: this.intercept,
      scaler: this.scaler ? { mean: Array.from(this.scaler.mean), scale: Array.from(this.scaler.scale) } : null,
      convergence: this.convergence,
    };
  }

  static fromJSON(j: LogregJSON): LogisticRegression {
    const m = new LogisticRegression(j.options);
    m.coef = Float64Array.from(j.coef);
    m.intercept = j.intercept;
    if (j.scaler) {
      m.scaler = new StandardScaler();
      m.scaler.mean = Float64Array.from(j.scaler.mean);
      m.scaler.scale = Float64Array.from(j.scaler.scale);
    }
    m.convergence = j.convergence;
    return m;
  }
}

/**
 * L-BFGS pairs to keep for a fit on X. More pairs, fewer evaluations: on the encoder's 512 columns 30 pairs take
 * 32–45% fewer than scipy's 10 (bench:logreg's rows: 33, 51, 28 against 54, 93, 41). But the two-loop recursion
 * costs about 4 multiply-adds per parameter per pair each iteration, and an evaluation about 2 per stored value of X
 * (X·w, then Xᵀ·r): keep up to 30 while their upkeep stays within a tenth of an evaluation, and never fewer than
 * scipy's 10 (the TF-IDF designs, 43,000 parameters over 2 million values, get 10).
 */
export function lbfgsMemorySize(X: Design): number {
  const values = X.rows * (X.dense?.cols ?? 0) + (X.sparse ? X.sparse.indptr[X.rows] : 0);
  const affordable = Math.floor((0.1 * 2 * values) / (4 * (X.cols + 1)));
  return Math.max(10, Math.min(30, affordable));
}

/** w·x for row i of a design (dense columns first, then sparse). */
function rowDot(X: Design, i: number, w: ArrayLike<number>): number {
  let z = 0;
  if (X.dense) {
    const { cols, data } = X.dense;
    for (let j = 0, o = i * cols; j < cols; j++) z += w[j] * data[o + j];
  }
  if (X.sparse) {
    const s = X.sparse;
    const dc = X.dense?.cols ?? 0;
    for (let p = s.indptr[i]; p < s.indptr[i + 1]; p++) z += w[dc + s.indices[p]] * s.values[p];
  }
  return z;
}

/**
 * The weight-averaged objective and its gradient over [w..., b]: the hot path.
 * The design is copied once per fit into the WebAssembly kernels' memory
 * (lib/linalg/designKernel.ts), which compute X·w and Xᵀ·r (dense block in
 * f64x2 SIMD, sparse block over its non-zeros); the per-row loss and
 * residual sit in between.
 */
export function logisticObjective(X: Design, y: ArrayLike<number>, sw: Float64Array, C: number) {
  const n = X.rows;
  const d = X.cols;
  const dc = X.dense?.cols ?? 0;
  const kernel = designKernel(X.dense, X.sparse, n);
  const swSum = sw.reduce((a, b) => a + b, 0);
  const l2 = 1 / (C * swSum);
  return (params: Float64Array, grad: Float64Array): number => {
    const b = params[d];
    let v = kernel.views();
    v.w.set(params.subarray(0, dc));
    v.ws.set(params.subarray(dc, d));
    kernel.margins();
    // The intercept first, then the sparse terms: z = b + x_dense·w + x_sparse·w.
    for (let i = 0; i < n; i++) v.z[i] = b + v.z[i];
    kernel.sparseMargins();
    const { z, r } = v;
    let loss = 0;
    let gradB = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i];
      // log(1 + e^z) − y·z is the log-loss for y ∈ {0, 1}.
      loss += sw[i] * (softplus(zi) - y[i] * zi);
      const ri = (sw[i] * (sigmoid(zi) - y[i])) / swSum;
      r[i] = ri;
      gradB += ri;
    }
    kernel.gradient();
    v = kernel.views();
    grad.set(v.g.subarray(0, dc));
    grad.set(v.gs, dc);
    grad[d] = gradB;
    let reg = 0;
    for (let j = 0; j < d; j++) {
      reg += params[j] * params[j];
      grad[j] += l2 * params[j];
    }
    return loss / swSum + 0.5 * l2 * reg;
  };
}
