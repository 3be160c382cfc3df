import { orthonormalizeColumns, symmetricEigen } from "../linalg/decompositions";
import { luBasis } from "../linalg/lu";
import { Matrix, zeros } from "../linalg/matrix";
import { csrFromDense, CsrMatrix, gramTimesDense, sparseTimesDense, sparseTransposeTimesDense } from "../linalg/sparse";
import { gaussian, makeRng } from "../util/random";
import { InvalidInputError } from "../errors";

export interface TruncatedSvd {
  /** Right singular vectors as columns: d × k (the transpose of scikit-learn's `components_`). */
  projection: Matrix<Float64Array>;
  singularValues: Float64Array;
  /** Variance of each component's scores over the fitted rows, over the total variance of A. */
  explainedVarianceRatio: Float64Array;
}

/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp 2011; the algorithm of
 * scikit-learn's TruncatedSVD): a seeded Gaussian sketch, power iterations
 * normalized by LU, then an exact eigen-decomposition of the small projected Gram matrix.
 *
 * Everything dense lives on the document side (n × l), since here there are
 * far fewer documents than terms; the term side is only ever touched through
 * sparse products. Signs are fixed so the largest-magnitude entry of each
 * component is positive, so results do not hinge on the solver's sign choice.
 */
export function randomizedSvd(a: CsrMatrix, k: number, seed: number, nIter = 5, oversample = 10): TruncatedSvd {
  if (k > Math.min(a.rows, a.cols))
    throw new InvalidInputError("k", `cannot take ${k} components of a ${a.rows}×${a.cols} matrix`);
  const l = Math.min(k + oversample, a.rows, a.cols);
  const rng = makeRng(seed);
  const omega = zeros(a.cols, l);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = gaussian(rng);

  // Q: an orthonormal basis (n × l) for the range of A, sharpened by power iterations. Between them LU keeps the
  // basis well scaled at a quarter of Gram–Schmidt's cost (scikit-learn's power_iteration_normalizer="LU");
  // Gram–Schmidt makes the last one orthonormal.
  let q = sparseTimesDense(a, omega);
  for (let it = 0; it < nIter; it++) {
    luBasis(q);
    q = gramTimesDense(a, q);
  }
  orthonormalizeColumns(q);
  // B = Qᵀ A. Its Gram matrix B Bᵀ = Qᵀ (A (Aᵀ Q)) is only l × l.
  // Dense products go through the sparse kernels (same bits as matrix.ts's loops, SIMD where available).
  const qCsr = csrFromDense(q);
  const gram = sparseTransposeTimesDense(qCsr, gramTimesDense(a, q));
  const { values, vectors } = symmetricEigen(gram);

  // Right singular vectors: v_c = Bᵀ w_c / s_c = Aᵀ (Q w_c) / s_c.
  const w = zeros(l, k);
  const singularValues = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    singularValues[c] = Math.sqrt(Math.max(values[c], 0));
    for (let p = 0; p < l; p++) w.data[p * k + c] = vectors.data[p * l + c];
  }
  const projection = sparseTransposeTimesDense(a, sparseTimesDense(qCsr, w)); // d × k
  // Each column's sign: that of its largest-magnitude entry (the first, on ties), found in one pass over the rows.
  const d = a.cols;
  const maxAbs = new Float64Array(k);
  const sign = new Float64Array(k).fill(1);
  for (let j = 0; j < d; j++) {
    for (let c = 0; c < k; c++) {
      const v = projection.data[j * k + c];
      if (Math.abs(v) > maxAbs[c]) {
        maxAbs[c] = Math.abs(v);
        sign[c] = Math.sign(v);
      }
    }
  }
  const scale = Float64Array.from(singularValues, (s, c) => (s > 0 ? sign[c] / s : 0));
  for (let j = 0; j < d; j++) for (let c = 0; c < k; c++) projection.data[j * k + c] *= scale[c];
  return { projection, singularValues, explainedVarianceRatio: explainedVariance(a, projection) };
}

/** Explained variance ratio per component, as scikit-learn computes it: var(A·v) / total variance of A's columns. */
function explainedVariance(a: CsrMatrix, projection: Matrix<Float64Array>): Float64Array {
  const n = a.rows;
  const d = a.cols;
  const k = projection.cols;
  const colSum = new Float64Array(d);
  const colSq = new Float64Array(d);
  for (let p = 0; p < a.values.length; p++) {
    colSum[a.indices[p]] += a.values[p];
    colSq[a.indices[p]] += a.values[p] ** 2;
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += colSq[j] / n - (colSum[j] / n) ** 2;
  const scores = sparseTimesDense(a, projection);
  const ratio = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = scores.data[i * k + c];
      s += v;
      s2 += v * v;
    }
    ratio[c] = (s2 / n - (s / n) ** 2) / total;
  }
  return ratio;
}
