import type { Matrix } from "./matrix";
import type { CsrMatrix } from "./sparse";
import { InvalidInputError } from "../errors";

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

/** Whether x is a Design (dense and sparse blocks) rather than a plain matrix. */
export function isDesign(x: Matrix | Design): x is Design {
  return "dense" in x && "sparse" in x;
}

/** Put a dense and a sparse block side by side; they must have the same rows. */
export function hstack(dense: Matrix | null, sparse: CsrMatrix | null): Design {
  const rows = dense?.rows ?? sparse?.rows;
  if (rows === undefined) throw new InvalidInputError("blocks", "hstack: a design needs a dense or a sparse block");
  if (dense && sparse && dense.rows !== sparse.rows) {
    throw new InvalidInputError("sparse", `hstack: dense block has ${dense.rows} rows, sparse block ${sparse.rows}`);
  }
  return { rows, cols: (dense?.cols ?? 0) + (sparse?.cols ?? 0), dense, sparse };
}

/** x as a Design: a plain matrix becomes its dense block. */
export function asDesign(x: Matrix | Design): Design {
  return isDesign(x) ? x : hstack(x, null);
}

/** Throw, naming the row and column, if any value is NaN or infinite. */
export function checkFinite(d: Design): void {
  if (d.dense) {
    const { data, cols } = d.dense;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]))
        throw new InvalidInputError("X", `X row ${Math.floor(i / cols)}, column ${i % cols} is ${data[i]}`);
    }
  }
  if (d.sparse) {
    const s = d.sparse;
    const dc = d.dense?.cols ?? 0;
    for (let i = 0; i < s.rows; i++) {
      for (let p = s.indptr[i]; p < s.indptr[i + 1]; p++) {
        if (!Number.isFinite(s.values[p]))
          throw new InvalidInputError("X", `X row ${i}, column ${dc + s.indices[p]} is ${s.values[p]}`);
      }
    }
  }
}

/** Rows of a design at the given indices, in that order. */
export function takeDesignRows(d: Design, indices: readonly number[]): Design {
  let dense: Matrix | null = null;
  if (d.dense) {
    const m = d.dense;
    const Ctor = m.data.constructor as { new (n: number): Float32Array | Float64Array };
    const out = new Ctor(indices.length * m.cols);
    indices.forEach((r, k) => out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols));
    dense = { rows: indices.length, cols: m.cols, data: out };
  }
  let sparse: CsrMatrix | null = null;
  if (d.sparse) {
    const s = d.sparse;
    const indptr = new Int32Array(indices.length + 1);
    indices.forEach((r, k) => (indptr[k + 1] = indptr[k] + s.indptr[r + 1] - s.indptr[r]));
    const cols = new Int32Array(indptr[indices.length]);
    const values = new Float64Array(indptr[indices.length]);
    indices.forEach((r, k) => {
      cols.set(s.indices.subarray(s.indptr[r], s.indptr[r + 1]), indptr[k]);
      values.set(s.values.subarray(s.indptr[r], s.indptr[r + 1]), indptr[k]);
    });
    sparse = { rows: indices.length, cols: s.cols, indptr, indices: cols, values };
  }
  return { rows: indices.length, cols: d.cols, dense, sparse };
}
