import { Matrix, zeros } from "./matrix";
import { getOrThrow } from "../util/maps";

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
  if (a.cols !== m.rows) throw new Error(`sparseTimesDense: ${a.cols} vs ${m.rows}`);
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

/** Aᵀ · M for sparse A (n×d) and dense M (n×k): a d×k matrix. */
export function sparseTransposeTimesDense(a: CsrMatrix, m: Matrix): Matrix<Float64Array> {
  if (a.rows !== m.rows) throw new Error(`sparseTransposeTimesDense: ${a.rows} vs ${m.rows}`);
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
