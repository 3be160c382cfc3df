import { Matrix, zeros } from "./matrix";
import { getOrThrow } from "../util/maps";
import { KernelArena, paddedStride } from "./kernelMemory";
import { InvalidInputError } from "../errors";

/** Compressed sparse rows: the TF-IDF matrix (documents × terms). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** Build a CSR matrix from per-row maps of column → value (columns sorted within a row). */
export function csrFromRows(rows: Array<Map<number, number>>, cols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + r.size));
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float64Array(indptr[rows.length]);
  rows.forEach((r, i) => {
    const cs = [...r.keys()].sort((a, b) => a - b);
    cs.forEach((c, k) => {
      indices[indptr[i] + k] = c;
      values[indptr[i] + k] = getOrThrow(r, c, "sparse row");
    });
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** A · M for sparse A (n×d) and dense M (d×k). */
export function sparseTimesDense(a: CsrMatrix, m: Matrix): Matrix<Float64Array> {
  if (a.cols !== m.rows) throw new InvalidInputError("m", `sparseTimesDense: ${a.cols} vs ${m.rows}`);
  return inKernel(a, m, "times") ?? sparseTimesDenseJs(a, m);
}

/** Aᵀ · M for sparse A (n×d) and dense M (n×k): a d×k matrix. */
export function sparseTransposeTimesDense(a: CsrMatrix, m: Matrix): Matrix<Float64Array> {
  if (a.rows !== m.rows) throw new InvalidInputError("m", `sparseTransposeTimesDense: ${a.rows} vs ${m.rows}`);
  const t = kernelReady(a);
  return (t && inKernel(t, m, "times")) ?? sparseTransposeTimesDenseJs(a, m);
}

/**
 * A · (Aᵀ · Q) for sparse A (n×d) and dense Q (n×k): an n×k matrix, with the same bits as
 * `sparseTimesDense(a, sparseTransposeTimesDense(a, q))` but without the d×k matrix in between (the kernel goes
 * term by term). Needs A's rows in increasing column order, as every CSR built here has; others take the two steps.
 */
export function gramTimesDense(a: CsrMatrix, q: Matrix): Matrix<Float64Array> {
  if (a.rows !== q.rows) throw new InvalidInputError("q", `gramTimesDense: ${a.rows} vs ${q.rows}`);
  const t = kernelReady(a);
  return (t && inKernel(t, q, "gram")) ?? sparseTimesDenseJs(a, sparseTransposeTimesDenseJs(a, q));
}

/**
 * Aᵀ as CSR, kept per matrix, for the kernels: Aᵀ·M then gathers rows of the small M instead of scattering into
 * rows of the large result. Its rows list A's rows in increasing order, so every output element sums in the same
 * order as the scatter loop and gets the same bits. Null for a matrix whose rows are not in column order.
 */
const transposes = new WeakMap<CsrMatrix, CsrMatrix | null>();
function kernelReady(a: CsrMatrix): CsrMatrix | null {
  let t = transposes.get(a);
  if (t === undefined) transposes.set(a, (t = rowsSorted(a) ? csrTranspose(a) : null));
  return t;
}

function rowsSorted(a: CsrMatrix): boolean {
  for (let i = 0; i < a.rows; i++)
    for (let p = a.indptr[i] + 1; p < a.indptr[i + 1]; p++) if (a.indices[p] <= a.indices[p - 1]) return false;
  return true;
}

/**
 * The product in the WebAssembly kernels (same bits as the plain loops below), or null where they are unavailable
 * or the rows are too short for SIMD to pay. "times": A·M with A the given CSR; "gram": A·Aᵀ·M, given Aᵀ's CSR.
 */
function inKernel(a: CsrMatrix, m: Matrix, kind: "times" | "gram"): Matrix<Float64Array> | null {
  const k = m.cols;
  if (k < 8) return null;
  const stride = paddedStride(k);
  const nnz = a.indptr[a.rows];
  const outRows = kind === "times" ? a.rows : a.cols;
  const parts = [(a.rows + 1) * 4, nnz * 4, nnz * 8, m.rows * stride * 8, outRows * stride * 8, stride * 8];
  const arena = KernelArena.create(parts, (b, [indptrAt, indicesAt, valuesAt, srcAt, dstAt]) => {
    new Int32Array(b, indptrAt, a.rows + 1).set(a.indptr.subarray(0, a.rows + 1));
    new Int32Array(b, indicesAt, nnz).set(a.indices.subarray(0, nnz));
    new Float64Array(b, valuesAt, nnz).set(a.values.subarray(0, nnz));
    const src = new Float64Array(b, srcAt, m.rows * stride);
    if (stride === k) src.set(m.data);
    else {
      src.fill(0);
      for (let i = 0; i < m.rows; i++) src.set(m.data.subarray(i * k, (i + 1) * k), i * stride);
    }
    new Float64Array(b, dstAt, outRows * stride).fill(0);
  });
  if (!arena) return null;
  const [indptrAt, indicesAt, valuesAt, srcAt, dstAt, uAt] = arena.offsets;
  if (kind === "times") arena.exports.csrTimesRows(indptrAt, indicesAt, valuesAt, a.rows, srcAt, dstAt, stride * 8);
  else arena.exports.gramTimesRows(indptrAt, indicesAt, valuesAt, a.rows, srcAt, dstAt, stride * 8, uAt);
  const dst = new Float64Array(arena.claim(), dstAt, outRows * stride);
  const out = zeros(outRows, k);
  if (stride === k) out.data.set(dst);
  else for (let i = 0; i < outRows; i++) out.data.set(dst.subarray(i * stride, i * stride + k), i * k);
  return out;
}

/** A · M in plain TypeScript: the fallback, and the reference the kernel is tested against. */
export function sparseTimesDenseJs(a: CsrMatrix, m: Matrix): Matrix<Float64Array> {
  const k = m.cols;
  const out = zeros(a.rows, k);
  for (let i = 0; i < a.rows; i++) {
    const o = i * k;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const v = a.values[p];
      const mo = a.indices[p] * k;
      for (let j = 0; j < k; j++) out.data[o + j] += v * m.data[mo + j];
    }
  }
  return out;
}

/** Aᵀ · M in plain TypeScript: the fallback, and the reference the kernel is tested against. */
export function sparseTransposeTimesDenseJs(a: CsrMatrix, m: Matrix): Matrix<Float64Array> {
  const k = m.cols;
  const out = zeros(a.cols, k);
  for (let i = 0; i < a.rows; i++) {
    const mo = i * k;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const v = a.values[p];
      const o = a.indices[p] * k;
      for (let j = 0; j < k; j++) out.data[o + j] += v * m.data[mo + j];
    }
  }
  return out;
}

/**
 * A dense matrix as CSR (its zeros left out), so dense products can run in the sparse kernels: A·M and Aᵀ·M on it
 * give the same bits as matrix.ts's times and transposeTimes, which skip zeros too and sum in the same order.
 */
export function csrFromDense(m: Matrix): CsrMatrix {
  const indptr = new Int32Array(m.rows + 1);
  let nnz = 0;
  for (let i = 0; i < m.data.length; i++) if (m.data[i] !== 0) nnz++;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      if (v === 0) continue;
      indices[p] = j;
      values[p++] = v;
    }
    indptr[i + 1] = p;
  }
  return { rows: m.rows, cols: m.cols, indptr, indices, values };
}

/** Aᵀ as CSR (its rows list A's rows in increasing order), so Aᵀ·M can gather instead of scatter. */
export function csrTranspose(a: CsrMatrix): CsrMatrix {
  const nnz = a.indptr[a.rows];
  const indptr = new Int32Array(a.cols + 1);
  for (let p = 0; p < nnz; p++) indptr[a.indices[p] + 1]++;
  for (let j = 0; j < a.cols; j++) indptr[j + 1] += indptr[j];
  const next = indptr.slice(0, a.cols);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const q = next[a.indices[p]]++;
      indices[q] = i;
      values[q] = a.values[p];
    }
  }
  return { rows: a.cols, cols: a.rows, indptr, indices, values };
}
