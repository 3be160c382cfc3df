import type { CsrMatrix } from "../linalg/sparse";
import { InvalidInputError } from "../errors";

/**
 * scikit-learn's `chi2(X, y)` for non-negative features and labels 0/1: for
 * each column, Σ over classes of (observed − expected)² / expected, where
 * observed is the column's sum within the class and expected its total sum
 * times the class's share of rows.
 */
export function chi2Scores(X: CsrMatrix, y: ArrayLike<number>): Float64Array {
  if (X.rows !== y.length) throw new InvalidInputError("y", `chi2: X has ${X.rows} rows but y has ${y.length}`);
  const sumPos = new Float64Array(X.cols);
  const sumAll = new Float64Array(X.cols);
  let pos = 0;
  for (let i = 0; i < X.rows; i++) {
    pos += y[i];
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      sumAll[X.indices[p]] += X.values[p];
      if (y[i] === 1) sumPos[X.indices[p]] += X.values[p];
    }
  }
  const shares = [1 - pos / X.rows, pos / X.rows];
  const out = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const observed = [sumAll[j] - sumPos[j], sumPos[j]];
    let s = 0;
    for (let c = 0; c < 2; c++) {
      const expected = shares[c] * sumAll[j];
      s += expected > 0 ? (observed[c] - expected) ** 2 / expected : 0;
    }
    out[j] = s;
  }
  return out;
}

/** The k best columns, as SelectKBest picks them (stable ascending sort, last k; ties go to later columns), in column order. */
export function selectKBest(scores: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new InvalidInputError("k", `k must be a positive integer, got ${k}`);
  const order = Array.from({ length: scores.length }, (_, j) => j).sort((a, b) => scores[a] - scores[b]);
  return order.slice(Math.max(0, order.length - k)).sort((a, b) => a - b);
}

/** Only the given columns of a sparse matrix, renumbered 0..columns.length-1 in the order given. */
export function selectColumns(X: CsrMatrix, columns: readonly number[]): CsrMatrix {
  const where = new Map(columns.map((c, k) => [c, k]));
  const indptr = new Int32Array(X.rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const k = where.get(X.indices[p]);
      if (k === undefined) continue;
      indices.push(k);
      values.push(X.values[p]);
    }
    indptr[i + 1] = indices.length;
  }
  return {
    rows: X.rows,
    cols: columns.length,
    indptr,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}
