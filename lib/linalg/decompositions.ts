/**
 * The factorizations the randomized SVD (../embeddings/svd.ts) needs besides LU (./lu.ts): an orthonormal basis
 * (Gram–Schmidt) and the eigen-decomposition of a small symmetric matrix (Householder tridiagonalization, then
 * implicit QL: the EISPACK tred2/tql2 pair, as JAMA writes it).
 */
import { dot, Matrix, transpose, zeros } from "./matrix";
import { InternalError, InvalidInputError } from "../errors";

/**
 * Orthonormalize the columns of m (modified Gram–Schmidt, run twice for numerical orthogonality). Works on the
 * transpose so every inner loop runs over contiguous memory. Used by randomized SVD.
 *
 * Columns go four at a time against the columns already done: their dot products are independent sums, so one
 * loop carries four of them side by side (each still summed in index order: the same bits as one at a time).
 */
export function orthonormalizeColumns(m: Matrix<Float64Array>): void {
  const t = transpose(m); // k × n: each column of m is now a contiguous row
  const { rows: k, cols: n, data } = t;
  const v = (j: number) => data.subarray(j * n, (j + 1) * n);
  for (let pass = 0; pass < 2; pass++) {
    for (let j0 = 0; j0 < k; j0 += 4) {
      const group = Math.min(4, k - j0);
      for (let p = 0; p < j0; p++) {
        if (group === 4) subtractProjections4(v(p), v(j0), v(j0 + 1), v(j0 + 2), v(j0 + 3));
        else for (let j = j0; j < j0 + group; j++) subtractProjection(v(p), v(j));
      }
      for (let j = j0; j < j0 + group; j++) {
        const vj = v(j);
        for (let p = j0; p < j; p++) subtractProjection(v(p), vj);
        const norm = Math.sqrt(dot(vj, vj));
        for (let i = 0; i < n; i++) vj[i] = norm > 1e-300 ? vj[i] / norm : 0;
      }
    }
  }
  m.data.set(transpose(t).data);
}

/** vj −= (vp · vj) vp. */
function subtractProjection(vp: Float64Array, vj: Float64Array): void {
  const s = dot(vp, vj);
  for (let i = 0; i < vj.length; i++) vj[i] -= s * vp[i];
}

/** subtractProjection of vp from four vectors at once. */
function subtractProjections4(vp: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array) {
  const n = vp.length;
  let sa = 0,
    sb = 0,
    sc = 0,
    sd = 0;
  for (let i = 0; i < n; i++) {
    const x = vp[i];
    sa += x * a[i];
    sb += x * b[i];
    sc += x * c[i];
    sd += x * d[i];
  }
  for (let i = 0; i < n; i++) {
    const x = vp[i];
    a[i] -= sa * x;
    b[i] -= sb * x;
    c[i] -= sc * x;
    d[i] -= sd * x;
  }
}

/**
 * Eigen-decomposition of a symmetric matrix (its lower triangle is read after symmetrizing (S + Sᵀ)/2).
 * Returns eigenvalues in descending order and the matching eigenvectors as columns.
 */
export function symmetricEigen(sym: Matrix<Float64Array>): { values: Float64Array; vectors: Matrix<Float64Array> } {
  const n = sym.rows;
  if (sym.cols !== n) throw new InvalidInputError("sym", "symmetricEigen needs a square matrix");
  const v: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const r = new Float64Array(n);
    for (let j = 0; j < n; j++) r[j] = (sym.data[i * n + j] + sym.data[j * n + i]) / 2;
    v.push(r);
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(v, d, e);
  tridiagonalQl(v, d, e);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x]);
  const values = Float64Array.from(order, (i) => d[i]);
  const vectors = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vectors.data[i * n + j] = v[i][order[j]];
  return { values, vectors };
}

/** Householder reduction to tridiagonal form (tred2): V becomes the orthogonal transform, d the diagonal, e the
 * sub-diagonal (in e[1..n-1]). */
function tridiagonalize(V: Float64Array[], d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = V[n - 1][j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[i - 1][j];
        V[i][j] = 0;
        V[j][i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j][i] = f;
        g = e[j] + V[j][j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k][j] * d[k];
          e[k] += V[k][j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k][j] -= f * e[k] + g * d[k];
        d[j] = V[i - 1][j];
        V[i][j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[n - 1][i] = V[i][i];
    V[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k][i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k][i + 1] * V[k][j];
        for (let k = 0; k <= i; k++) V[k][j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k][i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[n - 1][j];
    V[n - 1][j] = 0;
  }
  V[n - 1][n - 1] = 1;
  e[0] = 0;
}

/** Eigenvalues and vectors of the tridiagonal form by the implicit QL method (tql2); V accumulates the rotations. */
function tridiagonalQl(V: Float64Array[], d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n && Math.abs(e[m]) > eps * tst1) m++;
    if (m === n) m = n - 1;
    if (m > l) {
      for (let iter = 0; ; iter++) {
        if (iter > 300) throw new InternalError("symmetricEigen: the QL iteration did not converge");
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const row = V[k];
            h = row[i + 1];
            row[i + 1] = s * row[i] + c * h;
            row[i] = c * row[i] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (Math.abs(e[l]) <= eps * tst1) break;
      }
    }
    d[l] += f;
    e[l] = 0;
  }
}
