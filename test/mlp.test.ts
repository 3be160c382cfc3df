import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { MlpClassifier } from "../lib/models/mlp";
import { Design, hstack } from "../lib/linalg/design";
import { csrFromRows } from "../lib/linalg/sparse";
import { initTfBackend, tf } from "../lib/models/tfBackend";
import { averagePrecision } from "../lib/metrics/curves";
import { gaussian, makeRng } from "../lib/util/random";

function synthetic(n: number, d: number, seed: number) {
  const rng = makeRng(seed);
  const y = Array.from({ length: n }, () => (rng() < 0.2 ? 1 : 0));
  const data = new Float32Array(n * d);
  y.forEach((label, i) => {
    for (let j = 0; j < d; j++) data[i * d + j] = gaussian(rng) + (label && j < 3 ? 1.2 : 0);
  });
  return { X: { rows: n, cols: d, data }, y };
}

const small = { hiddenUnits: [8], maxEpochs: 30, patience: 4, batchSize: 32 };

describe("training", () => {
  test("the backend is chosen once and the wasm listeners are removed", async () => {
    const before = process.listeners("unhandledRejection").length;
    const backend = await initTfBackend(() => {});
    assert.ok(["tensorflow", "wasm", "cpu"].includes(backend));
    assert.equal(await initTfBackend(() => {}), backend);
    assert.equal(
      process.listeners("unhandledRejection").length,
      before,
      "no rethrowing unhandledRejection handler left behind",
    );
  });

  test("MLP learns a separable signal, with early stopping on its own validation carve", async () => {
    const { X, y } = synthetic(600, 10, 1);
    const m = await new MlpClassifier(small).fit(X, y);
    const p = await m.predictProba(X);
    assert.ok(averagePrecision(y, Array.from(p)) > 0.7);
    const info = m.fitInfo!;
    assert.ok(info.bestEpoch >= 1 && info.bestEpoch <= info.epochsRun);
    assert.equal(info.trainRows + info.validationRows, 600);
    const best = Math.min(...info.history.map((h) => h.valLoss));
    assert.equal(info.history[info.bestEpoch - 1].valLoss, best, "the restored epoch is the best validation loss");
    m.dispose();
  });

  test("same seed gives the same scores; another seed gives others", async () => {
    const { X, y } = synthetic(300, 6, 2);
    const run = async (seed: number) => {
      const m = await new MlpClassifier({ ...small, seed }).fit(X, y);
      const p = await m.predictProba(X);
      m.dispose();
      return p;
    };
    assert.deepEqual(await run(3), await run(3));
    assert.notDeepEqual(await run(3), await run(4));
  });

  test("no tensor leaks: the tensor count is flat across fits", async () => {
    const { X, y } = synthetic(200, 6, 3);
    await initTfBackend(() => {});
    const counts: number[] = [];
    for (let k = 0; k < 3; k++) {
      const m = await new MlpClassifier({ ...small, maxEpochs: 5, seed: k }).fit(X, y);
      await m.predictProba(X);
      m.dispose();
      counts.push(tf.memory().numTensors);
    }
    assert.equal(new Set(counts).size, 1, `tensor counts ${counts}`);
  });
});

describe("saving and input checks", () => {
  test("a saved MLP reloads to identical predictions", async () => {
    const { X, y } = synthetic(200, 5, 4);
    const m = await new MlpClassifier({ ...small, maxEpochs: 5 }).fit(X, y);
    const back = await MlpClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.deepEqual(await back.predictProba(X), await m.predictProba(X));
    m.dispose();
    back.dispose();
  });

  test("bad settings and inputs are refused", async () => {
    assert.throws(() => new MlpClassifier({ dropout: 1 }), /dropout/);
    assert.throws(() => new MlpClassifier({ hiddenUnits: [] }), /hiddenUnits/);
    await assert.rejects(new MlpClassifier().predictProba({ rows: 1, cols: 2, data: new Float32Array(2) }), /call fit/);
  });

  /** The same synthetic rows with columns from `dense` on kept dense and the rest given as a sparse block. */
  function splitColumns(X: { rows: number; cols: number; data: Float32Array }, dense: number): Design {
    const d = { rows: X.rows, cols: dense, data: new Float32Array(X.rows * dense) };
    const perRow: Array<Map<number, number>> = [];
    for (let i = 0; i < X.rows; i++) {
      d.data.set(X.data.subarray(i * X.cols, i * X.cols + dense), i * dense);
      const m = new Map<number, number>();
      // Keep it sparse: only clearly non-zero entries (the others become exact zeros in both inputs).
      for (let j = dense; j < X.cols; j++)
        if (Math.abs(X.data[i * X.cols + j]) > 1) m.set(j - dense, X.data[i * X.cols + j]);
      perRow.push(m);
    }
    return hstack(d, csrFromRows(perRow, X.cols - dense));
  }

  test("sparse input columns: the same network as on the densified input, it saves and reloads, no tensor leaks", async () => {
    const { X, y } = synthetic(400, 12, 4);
    const design = splitColumns(X, 5);
    const densified = { rows: X.rows, cols: X.cols, data: new Float32Array(X.rows * X.cols) };
    for (let i = 0; i < X.rows; i++) {
      densified.data.set(design.dense!.data.subarray(i * 5, i * 5 + 5), i * X.cols);
      const s = design.sparse!;
      for (let p = s.indptr[i]; p < s.indptr[i + 1]; p++) densified.data[i * X.cols + 5 + s.indices[p]] = s.values[p];
    }
    const opts = { ...small, maxEpochs: 5, patience: 5, dropout: 0 };
    const before = tf.memory().numTensors;
    const a = await new MlpClassifier(opts).fit(design, y);
    const b = await new MlpClassifier(opts).fit(densified, y);
    const [pa, pb] = [await a.predictProba(design), await b.predictProba(densified)];
    pa.forEach((p, i) => assert.ok(Math.abs(p - pb[i]) < 1e-4, `row ${i}: ${p} vs ${pb[i]}`));
    assert.equal(a.fitInfo!.bestEpoch, b.fitInfo!.bestEpoch);
    const reloaded = await MlpClassifier.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    assert.deepEqual(await reloaded.predictProba(design), pa);
    await assert.rejects(a.predictProba(densified), /5 dense/);
    [a, b, reloaded].forEach((m) => m.dispose());
    assert.equal(tf.memory().numTensors, before, "tensors left behind");
  });
});
