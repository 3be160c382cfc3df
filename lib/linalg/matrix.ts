/** A dense row-major matrix. Float32 for storage and models' inputs, Float64 where precision matters. */
export interface Matrix<T extends Float32Array | Float64Array = Float32Array | Float64Array> {
  rows: number;
  cols: number;
  data: T;
}

export function zeros(rows: number, cols: number): Matrix<Float64Array> {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

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
  if (a.rows !== b.rows) throw new Error(`transposeTimes: ${a.rows} vs ${b.rows} rows`);
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
  if (a.cols !== b.rows) throw new Error(`times: ${a.cols} vs ${b.rows}`);
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

/**
 * Orthonormalize the columns of m (modified Gram–Schmidt, run twice for
 * numerical orthogonality). Works on the transpose so every inner loop runs
 * over contiguous memory. Used by randomized SVD.
 */
export function orthonormalizeColumns(m: Matrix<Float64Array>): void {
  const t = transpose(m); // k × n: each column of m is now a contiguous row
  const { rows: k, cols: n, data } = t;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      const vj = data.subarray(j * n, (j + 1) * n);
      for (let p = 0; p < j; p++) {
        const vp = data.subarray(p * n, (p + 1) * n);
        const s = dot(vp, vj);
        for (let i = 0; i < n; i++) vj[i] -= s * vp[i];
      }
      const norm = Math.sqrt(dot(vj, vj));
      for (let i = 0; i < n; i++) vj[i] = norm > 1e-300 ? vj[i] / norm : 0;
    }
  }
  m.data.set(transpose(t).data);
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns.
 */
export function symmetricEigen(
  sym: Matrix<Float64Array>,
  maxSweeps = 100,
): { values: Float64Array; vectors: Matrix<Float64Array> } {
  const n = sym.rows;
  if (sym.cols !== n) throw new Error("symmetricEigen needs a square matrix");
  const a = Float64Array.from(sym.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] ** 2;
      for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vectors.data[i * n + j] = v[i * n + order[j]];
  return { values, vectors };
}
