// One test per pitfall, named by its id: the guard in lib/ that prevents it, exercised so that removing the guard
// fails the test. lib/pitfalls cites these as `test/e2e/pitfall-guards.test.ts › <id>` (test/e2e/pitfalls.test.ts checks
// that every pitfall has exactly one here).
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseLabel } from "../../lib/data/labels";
import { loadEmbeddings } from "../../lib/embeddings/store";
import { makeConfig } from "../../lib/experiment/config";
import { crossValPredict, gridSearchLogreg } from "../../lib/experiment/cv";
import { loadExperimentData, Part } from "../../lib/experiment/data";
import { disposeResult, ExperimentResult, modelResult, runExperiment } from "../../lib/experiment/run";
import { featureSpec } from "../../lib/features/spec";
import { takeTextRows } from "../../lib/features/featurizer";
import type { Matrix } from "../../lib/linalg/matrix";
import { scoresFromConfusion } from "../../lib/metrics/confusion";
import { averagePrecision, rocAuc } from "../../lib/metrics/curves";
import type { BinaryClassifier } from "../../lib/models/types";
import { summaryTable } from "../../lib/present/summary";
import { stratifiedGroupKFold } from "../../lib/split/split";
import { makeRng } from "../../lib/util/random";
import { tinyDataset } from "../helpers";

const data = loadExperimentData();
// Light settings: these tests exercise the guards, not the representation or the model's quality.
const config = makeConfig({
  models: ["majority", "logreg", "mlp"],
  bootstrap: { resamples: 100, level: 0.95 },
  logreg: { Cs: [1, 3] },
  mlp: { maxEpochs: 8, patience: 3, hiddenUnits: [16] },
  features: { logreg: featureSpec(true, { kind: "chi2", k: 2000 }), mlp: featureSpec(true, { kind: "chi2", k: 500 }) },
  cvFolds: 3,
});

/** The test split with every label flipped, every vector replaced by noise and every text changed. */
function scrambled(t: Part): Part {
  const rng = makeRng(99);
  return {
    ...t,
    y: t.y.map((v) => 1 - v),
    texts: t.texts.map((s) => `safety security ${s}`),
    X: { ...t.X, data: Float32Array.from(t.X.data, () => rng() - 0.5) },
  };
}

// Two light runs, shared: one on the data, one with the test split scrambled.
let runs: Promise<[ExperimentResult, ExperimentResult]> | null = null;
const cleanAndScrambled = () =>
  (runs ??= (async () => {
    const clean = await runExperiment(data, config);
    return [clean, await runExperiment({ ...data, test: scrambled(data.test) }, config)];
  })());
after(async () => {
  if (runs) (await runs).forEach(disposeResult);
});

/** A model that remembers its training rows exactly and knows nothing else. */
class Memorizer implements BinaryClassifier {
  readonly name = "memorizer";
  private seen = new Map<string, number>();
  get isFitted(): boolean {
    return this.seen.size > 0;
  }
  toJSON() {
    return { kind: "memorizer", seen: [...this.seen] };
  }
  fit(X: Matrix, y: ArrayLike<number>): this {
    for (let i = 0; i < X.rows; i++) this.seen.set(X.data.subarray(i * X.cols, (i + 1) * X.cols).join(","), y[i]);
    return this;
  }
  predictProba(X: Matrix): Float64Array {
    return Float64Array.from(
      { length: X.rows },
      (_, i) => this.seen.get(X.data.subarray(i * X.cols, (i + 1) * X.cols).join(",")) ?? 0.5,
    );
  }
}

describe("pitfall guards", () => {
  test('1-label-strings: "False" is never truthy; any case, spaces or one period is read; anything else is refused', () => {
    assert.equal(parseLabel("False")?.label, 0);
    for (const raw of [" True", "TRUE", "true.", "True"]) assert.equal(parseLabel(raw)?.label, 1, raw);
    for (const raw of ["False.", " false ", "FALSE"]) assert.equal(parseLabel(raw)?.label, 0, raw);
    assert.equal(parseLabel("yes"), null);
    assert.throws(
      () =>
        tinyDataset([
          ["Thanks for the fire drill", "True"],
          ["Great lunch", "maybe"],
        ]),
      /row 2.*"maybe"/,
    );
  });

  test("2-repeats-across-split: no repeat group on both sides of the committed split, or of two CV folds", () => {
    const trainMessages = new Set(data.split.train.map((r) => r.repeatKey));
    assert.equal(data.split.test.filter((r) => trainMessages.has(r.repeatKey)).length, 0);
    const folds = stratifiedGroupKFold(data.train.y, data.train.groups, 5, 42);
    for (const f of folds) {
      const inTrain = new Set(f.train.map((i) => data.train.groups[i]));
      assert.ok(!f.validation.some((i) => inTrain.has(data.train.groups[i])), `fold ${f.fold}`);
    }
  });

  test("3-scored-on-training-rows: crossValPredict never scores a row with a model that saw it", async () => {
    const n = 400;
    const X = { rows: n, cols: 2, data: Float32Array.from({ length: 2 * n }, (_, i) => i) };
    const y = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const folds = stratifiedGroupKFold(
      y,
      y.map((_, i) => i),
      4,
      1,
    );
    const oof = await crossValPredict(() => new Memorizer(), X, y, folds);
    // In-sample, the memorizer is perfect; out-of-fold it has never seen the row and can only say 0.5.
    assert.ok(oof.every((s) => s === 0.5));
    assert.equal(averagePrecision(y, Array.from(new Memorizer().fit(X, y).predictProba(X))), 1);
  });

  test("4-tuned-on-test: C and every threshold stay put when the test split is scrambled", async () => {
    const [a, b] = await cleanAndScrambled();
    for (const name of ["logreg", "mlp"] as const)
      assert.equal(modelResult(b, name).threshold.threshold, modelResult(a, name).threshold.threshold, name);
    assert.deepEqual(modelResult(b, "logreg").selected, modelResult(a, "logreg").selected);
    assert.notEqual(modelResult(b, "logreg").test.averagePrecision, modelResult(a, "logreg").test.averagePrecision);
  });

  test("5-early-stopping-on-test: the MLP stops at the same epochs, with the same scores, when test rows change", async () => {
    const [a, b] = await cleanAndScrambled();
    assert.deepEqual(modelResult(b, "mlp").selected, modelResult(a, "mlp").selected);
    assert.deepEqual(modelResult(b, "mlp").scores.oof, modelResult(a, "mlp").scores.oof);
    assert.deepEqual(modelResult(b, "mlp").fitted.toJSON(), modelResult(a, "mlp").fitted.toJSON());
  });

  test("6-accuracy-under-imbalance: the summary leads with precision, recall and AP, beside the majority baseline", async () => {
    const [a] = await cleanAndScrambled();
    const rows = summaryTable(a);
    const columns = Object.keys(rows[0]);
    for (const c of ["precision", "recall", "average precision"])
      assert.ok(columns.indexOf(c) < columns.indexOf("accuracy"), `${c} comes before accuracy`);
    const majority = rows.find((r) => r.model === "majority");
    assert.ok(majority, "the majority baseline is in the summary");
    assert.match(String(majority.precision), /^undefined/);
    assert.match(String(majority.recall), /^0\.000/);
  });

  test("7-misaligned-embeddings: embeddings out of row order, or missing a row, are refused on load", () => {
    const swapped = [...data.split.test];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    assert.throws(() => loadEmbeddings({ ...data.split, test: swapped }), /another row order/);
    assert.throws(() => loadEmbeddings({ ...data.split, test: data.split.test.slice(1) }), /no longer in test/);
  });

  test("8a-featurizer-on-all-data: every fitted featurizer is the same when the test texts change", async () => {
    const [a, b] = await cleanAndScrambled();
    for (const name of ["logreg", "mlp"] as const)
      assert.deepEqual(modelResult(b, name).fitted.toJSON(), modelResult(a, name).fitted.toJSON(), name);
  });

  test("8b-featurizer-outside-folds: a fold's pipeline is the same when its own validation texts change", async () => {
    const rows = takeTextRows(
      data.train,
      data.train.ids.slice(0, 600).map((_, i) => i),
    );
    const y = data.train.y.slice(0, 600);
    const folds = stratifiedGroupKFold(y, data.train.groups.slice(0, 600), 3, 1);
    const changed = new Set(folds[0].validation);
    const edited = { ...rows, texts: rows.texts.map((t, i) => (changed.has(i) ? `safety hazard ${t}` : t)) };
    const spec = featureSpec(true, { kind: "tfidf" });
    const options = { classWeight: "balanced" as const, standardize: false };
    const before = await gridSearchLogreg([1], spec, options, rows, y, folds, { workers: 1 });
    const after_ = await gridSearchLogreg([1], spec, options, edited, y, folds, { workers: 1 });
    assert.deepEqual(after_.foldModels[0], before.foldModels[0], "fold 0 never saw its validation rows");
    assert.notDeepEqual(after_.foldModels[1], before.foldModels[1], "fold 1 trains on them, so it moves");
  });

  test("9-roc-auc-from-hard-labels: the reported ROC-AUC is computed from scores, not 0/1 predictions", async () => {
    const [a] = await cleanAndScrambled();
    const lr = modelResult(a, "logreg");
    assert.equal(lr.test.rocAuc, rocAuc(a.test.y, lr.scores.test));
    const hard = Array.from(lr.scores.test, (s) => (s >= lr.threshold.threshold ? 1 : 0));
    assert.notEqual(lr.test.rocAuc, rocAuc(a.test.y, hard));
  });

  test("10-precision-zero-division: nothing flagged gives precision listed as undefined, never NaN", () => {
    const s = scoresFromConfusion({ tp: 0, fp: 0, tn: 90, fn: 10 });
    assert.ok(s.undefined.includes("precision"));
    assert.ok(Number.isFinite(s.precision));
  });

  test("11-one-split-one-number: every reported test metric carries its bootstrap interval", async () => {
    const [a] = await cleanAndScrambled();
    const lr = modelResult(a, "logreg");
    for (const key of ["precision", "recall", "f1", "averagePrecision"] as const) {
      const ci = lr.test.ci[key];
      assert.ok(ci && ci.low <= ci.estimate && ci.estimate <= ci.high, key);
      assert.ok(ci.high > ci.low, `${key}: an interval, not a point`);
    }
  });
});
