/**
 * The kernels of ./wasm/kernels.ts as plain TypeScript, each summing in exactly the WebAssembly version's order so
 * that both give the same bits: the fallback where WebAssembly SIMD is unavailable, and the reference its test
 * compares against.
 */
import type { CsrMatrix } from "./sparse";

/** zᵢ = Σⱼ Xᵢⱼ wⱼ over padded rows, in the WebAssembly kernel's summation order. */
export function marginsJs(x: Float64Array, n: number, stride: number, w: Float64Array, z: Float64Array): void {
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      s5 = 0,
      s6 = 0,
      s7 = 0;
    for (let j = 0; j < stride; j += 8) {
      s0 += x[o + j] * w[j];
      s1 += x[o + j + 1] * w[j + 1];
      s2 += x[o + j + 2] * w[j + 2];
      s3 += x[o + j + 3] * w[j + 3];
      s4 += x[o + j + 4] * w[j + 4];
      s5 += x[o + j + 5] * w[j + 5];
      s6 += x[o + j + 6] * w[j + 6];
      s7 += x[o + j + 7] * w[j + 7];
    }
    z[i] = s0 + s2 + (s4 + s6) + (s1 + s3 + (s5 + s7));
  }
}

/** g += Σᵢ rᵢ Xᵢ over padded rows (element-wise, so any order gives the same bits). */
export function axpyRowsJs(x: Float64Array, n: number, stride: number, r: Float64Array, g: Float64Array): void {
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    const ri = r[i];
    if (ri === 0) continue;
    for (let j = 0; j < stride; j++) g[j] += ri * x[o + j];
  }
}

/** zᵢ += Σₚ w[indices[p]]·values[p] over each row's non-zeros, as the WebAssembly kernel does. */
export function sparseMarginsJs(a: CsrMatrix, w: Float64Array, z: Float64Array): void {
  const { indptr, indices, values } = a;
  for (let i = 0; i < a.rows; i++) {
    let acc = z[i];
    for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) acc += w[indices[p]] * values[p];
    z[i] = acc;
  }
}

/** g[indices[p]] += rᵢ·values[p] for each row with rᵢ ≠ 0, as the WebAssembly kernel does. */
export function sparseScatterJs(a: CsrMatrix, r: Float64Array, g: Float64Array): void {
  const { indptr, indices, values } = a;
  for (let i = 0; i < a.rows; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) g[indices[p]] += ri * values[p];
  }
}
