import type { CsrMatrix } from "../linalg/sparse";

/**
 * The first-layer weights for sparse input columns, kept and trained in plain
 * JS: x_s·W_s touches only the rows of W_s that a message's non-zero columns
 * select, and the wasm backend has no kernel for the scatter that TF.js's
 * gather gradient needs. Updated with the same Adam (and L2) as the rest.
 */
export class SparseRows {
  readonly m: Float32Array;
  readonly v: Float32Array;
  private t = 0;

  constructor(
    readonly W: Float32Array,
    readonly units: number,
  ) {
    this.m = new Float32Array(W.length);
    this.v = new Float32Array(W.length);
  }

  /** x_s·W_s for the given rows of S (one row of `units` values per row). */
  forward(S: CsrMatrix, rows: readonly number[]): Float32Array {
    const u = this.units;
    const out = new Float32Array(rows.length * u);
    rows.forEach((r, k) => {
      for (let p = S.indptr[r]; p < S.indptr[r + 1]; p++) {
        const v = S.values[p];
        const o = S.indices[p] * u;
        for (let j = 0; j < u; j++) out[k * u + j] += v * this.W[o + j];
      }
    });
    return out;
  }

  /** One Adam step from dL/d(x_s·W_s) of these rows, plus the gradient of l2·ΣW². */
  step(
    S: CsrMatrix,
    rows: readonly number[],
    dH: Float32Array,
    l2: number,
    lr: number,
    beta1 = 0.9,
    beta2 = 0.999,
    eps = 1e-7,
  ): void {
    const u = this.units;
    const g = new Float32Array(this.W.length);
    rows.forEach((r, k) => {
      for (let p = S.indptr[r]; p < S.indptr[r + 1]; p++) {
        const v = S.values[p];
        const o = S.indices[p] * u;
        for (let j = 0; j < u; j++) g[o + j] += v * dH[k * u + j];
      }
    });
    this.t++;
    const lrT = (lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    for (let i = 0; i < this.W.length; i++) {
      const gi = g[i] + 2 * l2 * this.W[i];
      this.m[i] = beta1 * this.m[i] + (1 - beta1) * gi;
      this.v[i] = beta2 * this.v[i] + (1 - beta2) * gi * gi;
      this.W[i] -= (lrT * this.m[i]) / (Math.sqrt(this.v[i]) + eps);
    }
  }

  sumOfSquares(): number {
    let s = 0;
    for (let i = 0; i < this.W.length; i++) s += this.W[i] * this.W[i];
    return s;
  }
}
