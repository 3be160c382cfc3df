import type { Matrix } from "./matrix";
import type { CsrMatrix } from "./sparse";

/**
 * Feature rows as a model consumes them: a dense block (sentence-encoder
 * vectors, selected or reduced columns) beside a sparse block (TF-IDF n-grams),
 * like scikit-learn's `hstack` of a dense and a sparse matrix. Either may be absent.
 */
export interface Design {
  rows: number;
  /** Dense columns first, then sparse ones. */
  cols: number;
  dense: Matrix | null;
  sparse: CsrMatrix | null;
}

export function isDesign(x: Matrix | Design): x is Design {
  return "dense" in x && "sparse" in x;
}

/** Put a dense and a sparse block side by side; they must have the same rows. */
export function hstack(dense: Matrix | null, sparse: CsrMatrix | null): Design {
  if (!dense && !sparse) throw new Error("hstack: a design needs a dense or a sparse block");
  if (dense && sparse && dense.rows !== sparse.rows) {
    throw new Error(`hstack: dense block has ${dense.rows} rows, sparse block ${sparse.rows}`);
  }
  const rows = dense ? dense.rows : sparse!.rows;
  return { rows, cols: (dense?.cols ?? 0) + (sparse?.cols ?? 0), dense, sparse };
}

export function asDesign(x: Matrix | Design): Design {
  return isDesign(x) ? x : hstack(x, null);
}

/** The design as one dense float32 matrix (for the MLP); refuses wide sparse blocks. */
export function toDense(d: Design, maxCols = 5000): Matrix<Float32Array> {
  if (!d.sparse && d.dense && d.dense.data instanceof Float32Array) return d.dense as Matrix<Float32Array>;
  if (d.cols > maxCols) {
    throw new Error(`a ${d.cols}-column design is too wide to densify (limit ${maxCols}): select or reduce its sparse columns`);
  }
  const out = new Float32Array(d.rows * d.cols);
  const dc = d.dense?.cols ?? 0;
  for (let i = 0; i < d.rows; i++) {
    const o = i * d.cols;
    if (d.dense) out.set(d.dense.data.subarray(i * dc, (i + 1) * dc), o);
    if (d.sparse) {
      const s = d.sparse;
      for (let p = s.indptr[i]; p < s.indptr[i + 1]; p++) out[o + dc + s.indices[p]] = s.values[p];
    }
  }
  return { rows: d.rows, cols: d.cols, data: out };
}

/** Throw, naming the row and column, if any value is NaN or infinite. */
export function checkFinite(d: Design): void {
  if (d.dense) {
    const { data, cols } = d.dense;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new Error(`X row ${Math.floor(i / cols)}, column ${i % cols} is ${data[i]}`);
    }
  }
  if (d.sparse) {
    const s = d.sparse;
    const dc = d.dense?.cols ?? 0;
    for (let i = 0; i < s.rows; i++) {
      for (let p = s.indptr[i]; p < s.indptr[i + 1]; p++) {
        if (!Number.isFinite(s.values[p])) throw new Error(`X row ${i}, column ${dc + s.indices[p]} is ${s.values[p]}`);
      }
    }
  }
}
