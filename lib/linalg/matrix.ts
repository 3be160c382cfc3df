import { InvalidInputError } from "../errors";
/** A dense row-major matrix. Float32 for storage and models' inputs, Float64 where precision matters. */
export interface Matrix<T extends Float32Array | Float64Array = Float32Array | Float64Array> {
  rows: number;
  cols: number;
  data: T;
}

/** A rows × cols float64 matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix<Float64Array> {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Row i of m as a view (no copy). */
export function row(m: Matrix, i: number): Float32Array | Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Rows of m at the given indices, in that order, as a new matrix of the same element type. */
export function takeRows<T extends Float32Array | Float64Array>(m: Matrix<T>, indices: readonly number[]): Matrix<T> {
  const Ctor = m.data.constructor as { new (n: number): T };
  const out = new Ctor(indices.length * m.cols);
  indices.forEach((r, k) => out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols));
  return { rows: indices.length, cols: m.cols, data: out };
}

/** Σ aᵢ·bᵢ over the first n entries, summed in index order. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/** Scale each row to unit Euclidean length (rows of zeros stay zero). */
export function normalizeRows(m: Matrix): void {
  for (let i = 0; i < m.rows; i++) {
    const r = row(m, i);
    const norm = Math.sqrt(dot(r, r));
    if (norm > 0) for (let j = 0; j < r.length; j++) r[j] /= norm;
  }
}

/** C = Aᵀ B for dense A (n×p) and B (n×q): a p×q Float64 matrix. */
export function transposeTimes(a: Matrix, b: Matrix): Matrix<Float64Array> {
  if (a.rows !== b.rows) throw new InvalidInputError("b", `transposeTimes: ${a.rows} vs ${b.rows} rows`);
  const out = zeros(a.cols, b.cols);
  for (let i = 0; i < a.rows; i++) {
    const ar = row(a, i);
    const br = row(b, i);
    for (let p = 0; p < a.cols; p++) {
      const v = ar[p];
      if (v === 0) continue;
      const o = p * b.cols;
      for (let q = 0; q < b.cols; q++) out.data[o + q] += v * br[q];
    }
  }
  return out;
}

/** Dense transpose. */
export function transpose(m: Matrix): Matrix<Float64Array> {
  const out = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[j * m.rows + i] = m.data[i * m.cols + j];
  return out;
}

/** A · B for dense A (n×p) and B (p×q). */
export function times(a: Matrix, b: Matrix): Matrix<Float64Array> {
  if (a.cols !== b.rows) throw new InvalidInputError("b", `times: ${a.cols} vs ${b.rows}`);
  const out = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    const o = i * b.cols;
    for (let p = 0; p < a.cols; p++) {
      const v = a.data[i * a.cols + p];
      if (v === 0) continue;
      const bo = p * b.cols;
      for (let q = 0; q < b.cols; q++) out.data[o + q] += v * b.data[bo + q];
    }
  }
  return out;
}
