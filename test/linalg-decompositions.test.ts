import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { orthonormalizeColumns, symmetricEigen } from "../lib/linalg/decompositions";
import { luBasis, luBasisJs } from "../lib/linalg/lu";
import { KernelArena } from "../lib/linalg/kernelMemory";
import { Matrix, times, transpose, transposeTimes, zeros } from "../lib/linalg/matrix";
import {
  csrFromDense,
  CsrMatrix,
  gramTimesDense,
  sparseTimesDense,
  sparseTimesDenseJs,
  sparseTransposeTimesDense,
  sparseTransposeTimesDenseJs,
} from "../lib/linalg/sparse";
import { gaussian, makeRng } from "../lib/util/random";

function randomDense(rows: number, cols: number, seed: number, zeroEvery = 0): Matrix<Float64Array> {
  const rng = makeRng(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = zeroEvery && i % zeroEvery === 0 ? 0 : gaussian(rng);
  return m;
}

/** A random sparse matrix with columns in increasing order in each row (as every CSR built here has). */
function randomCsr(rows: number, cols: number, density: number, seed: number): CsrMatrix {
  const rng = makeRng(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) if (rng() < density) m.data[i] = gaussian(rng);
  return csrFromDense(m);
}

const sameBits = (a: Matrix, b: Matrix) =>
  a.rows === b.rows && a.cols === b.cols && a.data.every((v, i) => Object.is(v, b.data[i]));

describe("sparse × dense kernels", () => {
  // Short rows (k < 8) take the plain loops; the others the WebAssembly kernels, padded or not.
  for (const k of [3, 8, 13, 40]) {
    test(`A·M, Aᵀ·M and A·Aᵀ·Q give the plain loops' bits (k = ${k})`, () => {
      const a = randomCsr(60, 90, 0.1, k);
      const m = randomDense(90, k, k + 1);
      const q = randomDense(60, k, k + 2);
      assert.ok(sameBits(sparseTimesDense(a, m), sparseTimesDenseJs(a, m)));
      assert.ok(sameBits(sparseTransposeTimesDense(a, q), sparseTransposeTimesDenseJs(a, q)));
      const twoSteps = sparseTimesDenseJs(a, sparseTransposeTimesDenseJs(a, q));
      assert.ok(sameBits(gramTimesDense(a, q), twoSteps));
    });
  }

  test("a row whose columns are out of order takes the two-step path: still the two-step bits", () => {
    const a = randomCsr(20, 30, 0.3, 7);
    const row = a.indptr[1];
    [a.indices[row], a.indices[row + 1]] = [a.indices[row + 1], a.indices[row]];
    [a.values[row], a.values[row + 1]] = [a.values[row + 1], a.values[row]];
    const q = randomDense(20, 16, 8);
    assert.ok(sameBits(gramTimesDense(a, q), sparseTimesDenseJs(a, sparseTransposeTimesDenseJs(a, q))));
  });

  test("dense products through csrFromDense give matrix.ts's bits (zeros skipped in both)", () => {
    const q = randomDense(50, 24, 3, 7);
    const w = randomDense(24, 20, 4);
    const y = randomDense(50, 24, 5);
    const qCsr = csrFromDense(q);
    assert.ok(sameBits(sparseTimesDense(qCsr, w), times(q, w)));
    assert.ok(sameBits(sparseTransposeTimesDense(qCsr, y), transposeTimes(q, y)));
  });

  test("a shape mismatch is refused with both sizes", () => {
    const a = randomCsr(5, 6, 0.5, 1);
    assert.throws(() => gramTimesDense(a, zeros(6, 8)), /gramTimesDense: 5 vs 6/);
  });
});

describe("LU kernel", () => {
  test("the WebAssembly SIMD kernels are available here (else the bit tests compare the plain loops with themselves)", () => {
    assert.ok(
      KernelArena.create([8], () => {}),
      "WebAssembly SIMD is unavailable: the kernels were not tested",
    );
  });

  // Odd and even widths (a lane pair straddles 16-byte boundaries at odd ones), exact zeros (multipliers of 0 skip
  // their row; a zero column skips its elimination), and a square matrix.
  for (const [n, l, zeroEvery] of [
    [30, 7, 0],
    [41, 8, 5],
    [64, 13, 3],
    [50, 40, 0],
    [9, 9, 2],
  ]) {
    test(`luBasis gives the plain loops' bits (${n} × ${l}${zeroEvery ? `, every ${zeroEvery}th entry 0` : ""})`, () => {
      const m = randomDense(n, l, n + l, zeroEvery);
      if (zeroEvery === 2) for (let i = 0; i < n; i++) m.data[i * l + 3] = 0; // a whole column of zeros
      const kernel = { ...m, data: Float64Array.from(m.data) };
      const plain = { ...m, data: Float64Array.from(m.data) };
      luBasis(kernel);
      luBasisJs(plain);
      assert.ok(sameBits(kernel, plain));
      assert.ok(!sameBits(kernel, m), "the basis is not the input");
    });
  }
});

describe("factorizations", () => {
  test("luBasis gives P·L: unit lower trapezoidal up to a row permutation, spanning the same columns", () => {
    const m = randomDense(30, 6, 11);
    const basis = { ...m, data: Float64Array.from(m.data) };
    luBasis(basis);
    // Every entry at most 1 in size (partial pivoting), and each column j has a 1 in a row the earlier columns'
    // 1s do not use, with zeros in that row after column j.
    assert.ok(basis.data.every((v) => Math.abs(v) <= 1 + 1e-15));
    const pivotRows = new Set<number>();
    for (let j = 0; j < 6; j++) {
      const row = [...Array(30).keys()].find(
        (i) =>
          !pivotRows.has(i) &&
          basis.data[i * 6 + j] === 1 &&
          [...Array(6 - j - 1).keys()].every((t) => basis.data[i * 6 + j + 1 + t] === 0),
      );
      assert.ok(row !== undefined, `column ${j} has its unit pivot`);
      pivotRows.add(row);
    }
    // Same column space: projecting m onto the orthonormalized basis leaves nothing.
    const q = { ...basis, data: Float64Array.from(basis.data) };
    orthonormalizeColumns(q);
    const residual = times(q, transposeTimes(q, m));
    residual.data.forEach((v, i) => assert.ok(Math.abs(v - m.data[i]) < 1e-10, `entry ${i}: ${v} vs ${m.data[i]}`));
  });

  test("symmetricEigen: S·v = λ·v, orthonormal vectors, values descending (incl. repeated ones)", () => {
    const b = randomDense(12, 12, 21);
    const s = transposeTimes(b, b); // symmetric positive semi-definite
    const repeated = zeros(4, 4);
    [2, 2, 1, 0].forEach((v, i) => (repeated.data[i * 4 + i] = v));
    for (const sym of [s, repeated]) {
      const n = sym.rows;
      const { values, vectors } = symmetricEigen(sym);
      for (let c = 1; c < n; c++) assert.ok(values[c] <= values[c - 1], "descending");
      const sv = times(sym, vectors);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < n; c++)
          assert.ok(Math.abs(sv.data[i * n + c] - values[c] * vectors.data[i * n + c]) < 1e-9 * (1 + values[0]));
      const vtv = transposeTimes(vectors, vectors);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) assert.ok(Math.abs(vtv.data[i * n + j] - (i === j ? 1 : 0)) < 1e-12);
    }
    assert.deepEqual(Array.from(symmetricEigen(repeated).values), [2, 2, 1, 0]);
  });

  test("orthonormalizeColumns: QᵀQ = I, and the four-at-a-time loop gives one-at-a-time's bits", () => {
    for (const cols of [5, 9]) {
      const m = randomDense(40, cols, cols);
      const q = { ...m, data: Float64Array.from(m.data) };
      orthonormalizeColumns(q);
      const qtq = transposeTimes(q, q);
      for (let i = 0; i < cols; i++)
        for (let j = 0; j < cols; j++) assert.ok(Math.abs(qtq.data[i * cols + j] - (i === j ? 1 : 0)) < 1e-13);
      // Reference: modified Gram–Schmidt twice, one column at a time, on the transpose.
      const t = transpose(m);
      const v = (j: number) => t.data.subarray(j * 40, (j + 1) * 40);
      for (let pass = 0; pass < 2; pass++)
        for (let j = 0; j < cols; j++) {
          for (let p = 0; p < j; p++) {
            let s = 0;
            for (let i = 0; i < 40; i++) s += v(p)[i] * v(j)[i];
            for (let i = 0; i < 40; i++) v(j)[i] -= s * v(p)[i];
          }
          let nn = 0;
          for (let i = 0; i < 40; i++) nn += v(j)[i] * v(j)[i];
          const norm = Math.sqrt(nn);
          for (let i = 0; i < 40; i++) v(j)[i] /= norm;
        }
      assert.ok(sameBits(q, transpose(t)));
    }
  });
});
