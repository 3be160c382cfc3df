/**
 * LU with partial pivoting as the randomized SVD's normalizer between power iterations (scikit-learn's
 * power_iteration_normalizer="LU"). The elimination, n·l²/2 multiply-subtracts, runs in a WebAssembly SIMD kernel
 * (./wasm/luKernels.ts) where one is available, else in the TypeScript loop below: the same bits either way.
 */
import type { Matrix } from "./matrix";
import { KernelArena } from "./kernelMemory";
import { InvalidInputError } from "../errors";

/**
 * Replace the n × l matrix m (n ≥ l) by P·L from its LU factorization with partial pivoting: a basis of the same
 * column space whose entries are at most 1 in size below the unit diagonal (scipy's lu(…, permute_l=True)). Costs
 * about a quarter of Gram–Schmidt; the power iterations only need the basis to stay well scaled.
 */
export function luBasis(m: Matrix<Float64Array>): void {
  const { rows: n, cols: l } = m;
  if (n < l) throw new InvalidInputError("m", `luBasis needs at least as many rows as columns, got ${n} × ${l}`);
  const arena = KernelArena.create([n * l * 8], (b, [at]) => new Float64Array(b, at, n * l).set(m.data));
  if (!arena) return luBasisJs(m);
  const [at] = arena.offsets;
  // The kernel's memory does not grow during the factorization, so one view serves the whole of it.
  const a = new Float64Array(arena.claim(), at, n * l);
  luBasisWith(a, n, l, (_a, k) => arena.exports.luEliminate(at, n, l, k));
  m.data.set(a);
}

/** luBasis in plain TypeScript: the fallback, and the reference the kernel is tested against. */
export function luBasisJs(m: Matrix<Float64Array>): void {
  luBasisWith(m.data, m.rows, m.cols, eliminateJs);
}

/** Below row k: each row's multiplier aᵢₖ / aₖₖ in place, then its row minus the multiplier times row k. */
function eliminateJs(a: Float64Array, k: number, n: number, l: number): void {
  const akk = a[k * l + k];
  for (let i = k + 1; i < n; i++) {
    const o = i * l;
    const f = (a[o + k] /= akk);
    if (f === 0) continue;
    for (let j = k + 1; j < l; j++) a[o + j] -= f * a[k * l + j];
  }
}

/** The factorization on `a` (n × l, row-major), each column's elimination by `eliminate`; then P·L into `a`. */
function luBasisWith(
  a: Float64Array,
  n: number,
  l: number,
  eliminate: (a: Float64Array, k: number, n: number, l: number) => void,
): void {
  const rowOf = Int32Array.from({ length: n }, (_, i) => i); // rowOf[i]: the original row now at position i
  const swap = new Float64Array(l);
  for (let k = 0; k < l; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * l + k]) > Math.abs(a[pivot * l + k])) pivot = i;
    if (pivot !== k) {
      swap.set(a.subarray(pivot * l, pivot * l + l));
      a.copyWithin(pivot * l, k * l, k * l + l);
      a.set(swap, k * l);
      [rowOf[k], rowOf[pivot]] = [rowOf[pivot], rowOf[k]];
    }
    if (a[k * l + k] === 0) continue; // the column is already eliminated: its multipliers stay 0
    eliminate(a, k, n, l);
  }
  // L: the multipliers below the diagonal, 1 on it, 0 above; then each row back to its original position.
  const pl = new Float64Array(n * l);
  for (let i = 0; i < n; i++) {
    const o = rowOf[i] * l;
    for (let j = 0; j < Math.min(i, l); j++) pl[o + j] = a[i * l + j];
    if (i < l) pl[o + i] = 1;
  }
  a.set(pl);
}
