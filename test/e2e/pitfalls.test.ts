// Each pitfall measured on the real data with light settings: the faulty number is off the way the pitfall says,
// every number carries its n and an interval, and the faulty arm differs from the clean run by the pitfall alone.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadExperimentData } from "../../lib/experiment/data";
import { makeConfig } from "../../lib/experiment/config";
import { disposeResult, ExperimentResult, modelResult, runExperiment } from "../../lib/experiment/run";
import { featureSpec } from "../../lib/features/spec";
import * as P from "../../lib/pitfalls";
import { stoppingTasks } from "../../lib/pitfalls/earlyStoppingOnTest";
import { foldTasks } from "../../lib/pitfalls/featurizerOnAllData";
import { ensembleOf, outOfFoldOf, runRefits } from "../../lib/pitfalls/refits";
import { cleanFolds } from "../../lib/pitfalls/context";
import { testScoresByC } from "../../lib/pitfalls/tunedOnTest";
import { ROOT } from "../helpers";

const data = loadExperimentData();
const config = makeConfig({
  models: ["majority", "logreg", "mlp"],
  bootstrap: { resamples: 100, level: 0.95 },
  logreg: { Cs: [1, 3] },
  mlp: { maxEpochs: 8, patience: 3, hiddenUnits: [16] },
  // Light features: this file tests the pitfalls, not the representation (bench:embedding-choice chooses that).
  features: { logreg: featureSpec(true, { kind: "chi2", k: 2000 }), mlp: featureSpec(true, { kind: "chi2", k: 500 }) },
  cvFolds: 3,
});

// Pitfall 8b's SVD demo on word n-grams only: the same kind of leak as notebook 02's LSA-384, in seconds.
const WORD_LSA_64 = {
  ...featureSpec(false, { kind: "lsa", dimension: 64 }, config.seed),
  ngrams: [{ analyzer: "word" as const, ngramRange: [1, 2] as [number, number], minDf: 2, maxFeatures: 5000 }],
};

// One clean run, and every pitfall started on it at once; each test awaits only its own pitfall.
let clean: ExperimentResult;
let ctx: P.PitfallContext;
const measured = new Map<P.PitfallId, Promise<P.PitfallResult>>();
let lsa: Promise<P.PitfallResult>;
before(async () => {
  clean = await runExperiment(data, config);
  ctx = P.pitfallContext(data, clean);
  lsa = P.measureFeaturizerOutsideFolds(ctx, WORD_LSA_64);
  for (const id of P.PITFALL_IDS) measured.set(id, P.measurePitfall(id, ctx));
  // Rejections are reported by the test that awaits them, not as unhandled here.
  for (const p of [lsa, ...measured.values()]) p.catch(() => {});
});
after(() => disposeResult(clean));

async function result(id: P.PitfallId): Promise<P.PitfallResult> {
  const r = measured.get(id);
  if (!r) throw new Error(`${id} was not started`);
  return checked(await r);
}

const value = (v: P.PitfallValue): number => {
  assert.ok(v.value !== null && Number.isFinite(v.value), "a number");
  return v.value;
};

/** What every measured pitfall owes its reader: its id, a headline, and every number with its n and interval. */
function checked(r: P.PitfallResult): P.PitfallResult {
  assert.ok(P.PITFALL_IDS.includes(r.id));
  assert.equal(new Set(r.measures.map((m) => m.key)).size, r.measures.length, `${r.id}: measure keys are unique`);
  P.headlineOf(r);
  for (const m of r.measures) {
    for (const v of [m.faulty, m.clean]) {
      // Only a 0/0 has neither (pitfall 10): the faulty code's NaN and the clean pipeline's "undefined".
      if (v.value === null || Number.isNaN(v.value)) continue;
      assert.ok(v.n > 0 && v.interval, `${r.id} / ${m.key}: no n or interval`);
      assert.ok(v.interval.low <= v.value + 1e-9 && v.value <= v.interval.high + 1e-9, `${r.id} / ${m.key}: outside`);
      assert.equal(v.interval.estimate, v.value, `${r.id} / ${m.key}: the interval is around another number`);
    }
    if (m.difference) {
      const { estimate: d, low, high } = m.difference;
      assert.ok(low <= d + 1e-9 && d <= high + 1e-9, `${r.id} / ${m.key}: difference outside its interval`);
    }
  }
  return r;
}

describe("the clean reference: with its pitfall left out, each faulty arm is the clean run bit for bit", () => {
  test("logistic regression folds rebuilt by the pitfall tasks give the clean out-of-fold and test scores", async () => {
    const lr = modelResult(clean, "logreg");
    const results = await runRefits(ctx, foldTasks(ctx, false));
    assert.deepEqual(outOfFoldOf(data.train.y.length, cleanFolds(ctx), results), lr.scores.oof);
    assert.deepEqual(ensembleOf(results), lr.scores.test);
  });

  test("the C path rebuilt for pitfall 4 gives the clean test scores at the C cross-validation chose", async () => {
    const byC = await testScoresByC(ctx);
    const lr = modelResult(clean, "logreg");
    assert.deepEqual(byC[config.logreg.Cs.indexOf(lr.selected.C)], lr.scores.test);
  });

  test("MLP fold models rebuilt for pitfall 5, stopping on their own carve, give the clean test scores", async () => {
    const rebuilt = ensembleOf(await runRefits(ctx, stoppingTasks(ctx, "carve")));
    assert.deepEqual(rebuilt, modelResult(clean, "mlp").scores.test);
  });
});

describe("each pitfall, measured", () => {
  test("1-label-strings: Boolean(label) makes every row positive; an exact comparison mislabels some", async () => {
    const r = await result("1-label-strings");
    const cast = P.measureOf(r, "cast-to-boolean");
    assert.equal(value(cast.faulty), 1);
    assert.ok(value(cast.clean) < 0.2);
    const exact = P.measureOf(r, "compared-exactly");
    assert.ok((exact.faulty.k ?? 0) > 0 && exact.clean.k === 0);
    assert.equal(P.classify(r), "invalidates the estimate");
  });

  test("2-repeats-across-split: folds split by row leak copies and flatter the out-of-fold AP", async () => {
    const r = await result("2-repeats-across-split");
    assert.ok((P.measureOf(r, "test-exposure").faulty.k ?? 0) > 0);
    assert.equal(P.measureOf(r, "test-exposure").clean.k, 0, "the committed split keeps every message on one side");
    assert.ok((P.measureOf(r, "fold-exposure").faulty.k ?? 0) > 0);
    assert.equal(P.measureOf(r, "fold-exposure").clean.k, 0);
    assert.ok((P.measureOf(r, "out-of-fold-ap").difference?.estimate ?? 0) > 0);
  });

  test("3-scored-on-training-rows: the same fold ensemble scores its own training rows higher than test", async () => {
    const m = P.headlineOf(await result("3-scored-on-training-rows"));
    assert.ok(value(m.faulty) > value(m.clean));
    assert.equal(m.difference?.method, "MOVER", "different rows: the arms' intervals combined");
  });

  test("4-tuned-on-test: a threshold or C chosen on test can only flatter the test number", async () => {
    const r = await result("4-tuned-on-test");
    for (const key of ["threshold", "C"]) {
      const m = P.measureOf(r, key);
      assert.ok(value(m.faulty) >= value(m.clean) - 1e-12, key);
    }
    assert.equal(P.measureOf(r, "both").difference?.method, "paired bootstrap");
  });

  test("5-early-stopping-on-test: the fold ensemble stopped on test, paired with the clean one on test rows", async () => {
    const m = P.headlineOf(await result("5-early-stopping-on-test"));
    assert.equal(m.faulty.n, data.test.y.length);
    assert.equal(m.difference?.method, "paired bootstrap");
  });

  test("6-accuracy-under-imbalance: a model that flags nothing scores a high accuracy and zero recall", async () => {
    const r = await result("6-accuracy-under-imbalance");
    const m = P.headlineOf(r);
    assert.ok(value(m.faulty) > 0.85 && value(m.clean) === 0);
    assert.equal(P.classify(r), "inflates the reported number");
    for (const key of ["recall", "average-precision"])
      assert.ok((P.measureOf(r, key).difference?.high ?? 0) < 0, `${key}: logreg beats the majority class`);
  });

  test("7-misaligned-embeddings: shuffled or shifted vectors wreck the same model's test AP", async () => {
    const r = await result("7-misaligned-embeddings");
    for (const key of ["shuffled", "row-dropped"]) {
      const m = P.measureOf(r, key);
      assert.ok(value(m.faulty) < value(m.clean) - 0.2, key);
      assert.ok((m.difference?.high ?? 0) < 0, `${key}: the paired interval excludes no damage`);
    }
    assert.equal(P.classify(r), "invalidates the estimate");
  });

  test("8a-featurizer-on-all-data: a featurizer that saw the test texts moves the test scores", async () => {
    const m = P.headlineOf(await result("8a-featurizer-on-all-data"));
    // This file's logreg selects chi² columns, fitted with labels: fitted with test rows it also sees test labels.
    assert.match(m.metric, /chi² step sees test labels/);
    assert.notEqual(m.difference?.estimate, 0);
  });

  test("8b-featurizer-outside-folds: an SVD fitted outside the folds promises fewer flagged messages than test gets", async () => {
    const r = checked(await lsa);
    assert.equal(r.variant, "lsa-64");
    const gap = P.measureOf(r, "flag-gap");
    assert.ok((gap.difference?.high ?? 0) < 0, "out-of-fold flags fewer than the test split gets");
    const own = await result("8b-featurizer-outside-folds");
    assert.equal(own.variant, "encoder + chi2-2000");
    assert.equal(P.resultOf([own, r], "8b-featurizer-outside-folds", "lsa-64"), r);
    assert.throws(() => P.resultOf([own, r], "8b-featurizer-outside-folds"), /name the variant/);
  });

  test("9-roc-auc-from-hard-labels: 0/1 predictions give a lower ROC-AUC than the scores", async () => {
    const m = P.headlineOf(await result("9-roc-auc-from-hard-labels"));
    assert.ok(value(m.faulty) < value(m.clean));
  });

  test("10-precision-zero-division: the faulty code computes NaN; the clean pipeline lists undefined", async () => {
    const r = await result("10-precision-zero-division");
    const m = P.headlineOf(r);
    assert.ok(Number.isNaN(m.faulty.value) && m.clean.value === null && m.faulty.n === 0);
    assert.equal(P.classify(r), "invalidates the estimate");
  });

  test("11-one-split-one-number: each fold model on the test split against its own fold, one value per fold", async () => {
    const m = P.headlineOf(await result("11-one-split-one-number"));
    assert.equal(m.faulty.perRun?.length, config.cvFolds);
    assert.equal(m.clean.perRun?.length, config.cvFolds);
    assert.equal(m.difference?.method, "folds min–max");
  });

  test("every pitfall has a guard test named by its id, and only one", () => {
    const source = fs.readFileSync(path.join(ROOT, P.GUARD_TEST_FILE), "utf8");
    for (const id of P.PITFALL_IDS) {
      const titles = source.match(new RegExp(`test\\(\\s*["'\`]${id}: `, "g")) ?? [];
      assert.equal(titles.length, 1, `${P.guardTestOf(id)}: ${titles.length} tests`);
    }
  });
});
