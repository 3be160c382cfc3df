import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { lbfgsMemorySize, LogisticRegression } from "../lib/models/logisticRegression";
import { sampleWeights } from "../lib/models/types";
import { readNpyMatrix } from "../lib/embeddings/npy";
import { readManifest } from "../lib/embeddings/manifest";
import { DEFAULT_MANIFEST_FILE } from "../lib/embeddings/store";
import { Matrix } from "../lib/linalg/matrix";
import { makeRng, gaussian } from "../lib/util/random";
import { fixture, ROOT } from "./helpers";

const ref = JSON.parse(fs.readFileSync(fixture("sklearn", "logreg.json"), "utf8"));
const X = readNpyMatrix(path.join(ROOT, ref.embeddings));
const y = Array.from(ref.y as string, Number);

describe("against scikit-learn", () => {
  test("the LR fixture was made from the committed embeddings (else: regenerate fixtures)", () => {
    assert.deepEqual(
      ref.ids,
      readManifest(DEFAULT_MANIFEST_FILE).files.train.ids,
      "run /usr/bin/python3 scripts/make_fixtures.py logreg",
    );
    assert.equal(X.rows, y.length);
  });

  const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let ab = 0,
      aa = 0,
      bb = 0;
    for (let i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] ** 2;
      bb += b[i] ** 2;
    }
    return ab / Math.sqrt(aa * bb);
  };

  for (const f of ref.fits) {
    test(`LR reaches scikit-learn's optimum on real embeddings (C=${f.C}, class_weight=${f.classWeight})`, () => {
      const m = new LogisticRegression({ C: f.C, classWeight: f.classWeight }).fit(X, y);
      assert.ok(m.convergence!.converged, m.convergence!.message);
      const cos = cosine(m.coef, f.coef);
      assert.ok(cos >= 0.9999, `coefficient cosine ${cos}`);
      const ours = m.objective(X, y);
      const theirs = m.objective(X, y, Float64Array.from(f.coef), f.intercept);
      assert.ok(Math.abs(theirs - f.objective) / f.objective < 1e-9, "our objective formula equals scikit-learn's");
      assert.ok(Math.abs(ours - f.objective) / f.objective <= 1e-6, `objective ${ours} vs scikit-learn ${f.objective}`);
      assert.ok(
        Math.abs(m.intercept - f.intercept) < 1e-3 * Math.max(1, Math.abs(f.intercept)),
        `intercept ${m.intercept} vs ${f.intercept}`,
      );
    });
  }

  test("balanced class weights are n / (2 · n_class), as scikit-learn defines them", () => {
    const w = sampleWeights([1, 0, 0, 0], "balanced");
    assert.deepEqual(Array.from(w), [2, 4 / 6, 4 / 6, 4 / 6]);
    assert.deepEqual(Array.from(sampleWeights([1, 0], null)), [1, 1]);
  });
});

describe("fitting", () => {
  test("non-convergence is reported, never silent", () => {
    const warnings: string[] = [];
    const m = new LogisticRegression({ C: 100, maxIter: 3, onWarning: (w) => warnings.push(w) }).fit(X, y);
    assert.equal(m.convergence!.converged, false);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /did not converge/);
  });

  function synthetic(n: number, d: number, seed: number): { X: Matrix<Float32Array>; y: number[] } {
    const rng = makeRng(seed);
    const data = new Float32Array(n * d);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const label = rng() < 0.3 ? 1 : 0;
      y.push(label);
      for (let j = 0; j < d; j++) data[i * d + j] = gaussian(rng) * (j + 1) + (label && j === 0 ? 1.5 : 0) + 10;
    }
    return { X: { rows: n, cols: d, data }, y };
  }

  test("standardization is fitted inside fit: the scaler sees only the rows passed to fit", () => {
    const { X: A, y: ya } = synthetic(200, 3, 1);
    const m = new LogisticRegression({ standardize: true }).fit(A, ya);
    const mean0 = Array.from({ length: 200 }, (_, i) => A.data[i * 3]).reduce((a, b) => a + b, 0) / 200;
    assert.ok(Math.abs(m.scaler!.mean[0] - mean0) < 1e-9);
    const p = m.predictProba(A);
    assert.ok(p.every((v) => v > 0 && v < 1));
  });

  test("a saved model reloads to identical predictions", () => {
    const { X: A, y: ya } = synthetic(150, 4, 2);
    const m = new LogisticRegression({ C: 0.5, classWeight: "balanced", standardize: true }).fit(A, ya);
    const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.deepEqual(back.predictProba(A), m.predictProba(A));
  });

  test("fit refuses one-class labels, mismatched rows and non-finite features", () => {
    const { X: A } = synthetic(10, 2, 3);
    assert.throws(() => new LogisticRegression().fit(A, Array(10).fill(0)), /only one class/);
    assert.throws(() => new LogisticRegression().fit(A, [0, 1]), /10 rows but y has 2/);
    const bad = { ...A, data: Float32Array.from(A.data) };
    bad.data[5] = NaN;
    assert.throws(
      () =>
        new LogisticRegression().fit(
          bad,
          Array.from({ length: 10 }, (_, i) => i % 2),
        ),
      /row 2, column 1 is NaN/,
    );
    assert.throws(() => new LogisticRegression({ C: 0 }), /C must be positive/);
  });
});

describe("L-BFGS memory", () => {
  test("the L-BFGS memory grows to 30 pairs where they are cheap next to an evaluation, and stays at scipy's 10 where not", () => {
    const dense = (rows: number, cols: number) => ({
      rows,
      cols,
      dense: { rows, cols, data: new Float32Array(0) },
      sparse: null,
    });
    const sparse = (rows: number, cols: number, nnz: number) => ({
      rows,
      cols,
      dense: null,
      sparse: {
        rows,
        cols,
        indptr: Int32Array.from({ length: rows + 1 }, (_, i) => Math.round((nnz * i) / rows)),
        indices: new Int32Array(0),
        values: new Float64Array(0),
      },
    });
    assert.equal(lbfgsMemorySize(dense(2418, 512)), 30, "the encoder vectors");
    assert.equal(lbfgsMemorySize(sparse(2418, 43130, 765030)), 10, "TF-IDF alone");
    // In between, pairs are kept while 4 multiply-adds per parameter per pair stay within a tenth of 2 per value.
    const mid = sparse(2418, 2000, 800_000);
    const m = lbfgsMemorySize(mid);
    assert.ok(m > 10 && m < 30, `got ${m}`);
    assert.ok(4 * 2001 * m <= 0.1 * 2 * 800_000 && 4 * 2001 * (m + 1) > 0.1 * 2 * 800_000);
  });
});
