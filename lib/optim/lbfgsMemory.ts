import { InternalError, InvalidInputError } from "../errors";
/**
 * The limited memory of L-BFGS: the last few pairs s = x₊ − x, y = ∇f₊ − ∇f, and the two-loop recursion
 * (Nocedal & Wright, algorithm 7.4) that applies the inverse-Hessian approximation they define.
 *
 * Over tens of thousands of parameters (sparse TF-IDF columns) this bookkeeping costs as much as the objective,
 * so the pairs live in a preallocated ring, nothing is allocated per iteration, and the recursion fuses each
 * update of the direction with the next dot product (same arithmetic, in the same order).
 */
export class LbfgsMemory {
  /** Scratch for the next pair: fill these, then `commit`. */
  s: Float64Array;
  y: Float64Array;
  private readonly sRing: Float64Array[];
  private readonly yRing: Float64Array[];
  private readonly rho: Float64Array;
  /** sᵀy and yᵀy of each pair, for the initial Hessian scale (sᵀy / yᵀy of the newest pair). */
  private readonly syOf: Float64Array;
  private readonly yyOf: Float64Array;
  private readonly alpha: Float64Array;
  /** Slot (oldest + k) % size holds the k-th oldest pair. */
  private oldest = 0;
  private stored = 0;

  constructor(
    readonly dimension: number,
    readonly size: number,
  ) {
    if (!(Number.isInteger(size) && size >= 1))
      throw new InvalidInputError("size", `L-BFGS memory must be an integer ≥ 1, got ${size}`);
    this.s = new Float64Array(dimension);
    this.y = new Float64Array(dimension);
    this.sRing = Array.from({ length: size }, () => new Float64Array(dimension));
    this.yRing = Array.from({ length: size }, () => new Float64Array(dimension));
    this.rho = new Float64Array(size);
    this.syOf = new Float64Array(size);
    this.yyOf = new Float64Array(size);
    this.alpha = new Float64Array(size);
  }

  /** Pairs held. */
  get count(): number {
    return this.stored;
  }

  /** Forget every pair (the next direction is steepest descent). */
  clear(): void {
    this.oldest = 0;
    this.stored = 0;
  }

  private slot(k: number): number {
    return (this.oldest + k) % this.size;
  }

  /**
   * Keep the scratch pair (s, y), given its sᵀy and yᵀy, dropping the oldest pair when full. The dropped
   * arrays become the next scratch.
   */
  commit(sy: number, yy: number): void {
    const at = this.stored === this.size ? this.slot(0) : this.slot(this.stored);
    [this.sRing[at], this.s] = [this.s, this.sRing[at]];
    [this.yRing[at], this.y] = [this.y, this.yRing[at]];
    this.rho[at] = 1 / sy;
    this.syOf[at] = sy;
    this.yyOf[at] = yy;
    if (this.stored === this.size) this.oldest = (this.oldest + 1) % this.size;
    else this.stored++;
  }

  /** d = H·g by the two-loop recursion, H₀ = (sᵀy / yᵀy)·I from the newest pair. Needs at least one pair. */
  applyInverseHessian(g: Float64Array, d: Float64Array): void {
    const count = this.stored;
    if (!count) throw new InternalError("the L-BFGS memory is empty: there is no curvature to apply");
    const { sRing, yRing, rho, alpha } = this;
    const n = this.dimension;
    const sNewest = sRing[this.slot(count - 1)];
    let sd = 0;
    for (let i = 0; i < n; i++) {
      d[i] = g[i];
      sd += sNewest[i] * d[i];
    }
    for (let k = count - 1; k >= 0; k--) {
      const at = this.slot(k);
      alpha[k] = rho[at] * sd;
      // The last update's dot is unused: dot against itself keeps the loop uniform.
      sd = axpyThenDot(d, -alpha[k], yRing[at], k > 0 ? sRing[this.slot(k - 1)] : d);
    }
    const newest = this.slot(count - 1);
    const gamma = this.syOf[newest] / this.yyOf[newest];
    const y0 = yRing[this.slot(0)];
    let yd = 0;
    for (let i = 0; i < n; i++) {
      d[i] *= gamma;
      yd += y0[i] * d[i];
    }
    for (let k = 0; k < count; k++) {
      const at = this.slot(k);
      const beta = rho[at] * yd;
      yd = axpyThenDot(d, alpha[k] - beta, sRing[at], k + 1 < count ? yRing[this.slot(k + 1)] : d);
    }
  }
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
