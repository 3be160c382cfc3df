// Each pitfall: the faulty pattern really does produce a worse (or falsely better) number, every number carries
// its n and an interval, and the test named as its guard exists. Guards without a home elsewhere are tested here.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadExperimentData } from "../lib/experiment/data";
import { makeConfig } from "../lib/experiment/config";
import { disposeResult, ExperimentResult, modelResult, runExperiment } from "../lib/experiment/run";
import { crossValPredict } from "../lib/experiment/cv";
import { stratifiedGroupKFold } from "../lib/split/split";
import { rocAuc, averagePrecision } from "../lib/metrics/curves";
import type { Matrix } from "../lib/linalg/matrix";
import type { BinaryClassifier } from "../lib/models/types";
import * as P from "../lib/pitfalls";
import { featureSpec } from "../lib/features/spec";
import { pitfallTable, pitfallValue } from "../lib/present/pitfalls";
import { ROOT } from "./helpers";

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

// The SVD pitfall on word n-grams only: the same kind of leak as notebook 02's LSA-384 demo, in seconds.
const WORD_LSA_64 = {
  ...featureSpec(false, { kind: "lsa", dimension: 64 }, config.seed),
  ngrams: [{ analyzer: "word" as const, ngramRange: [1, 2] as [number, number], minDf: 2, maxFeatures: 5000 }],
};

// One clean run, shared by the tests below.
let cleanRun: Promise<ExperimentResult> | null = null;
const cleanResult = () => (cleanRun ??= runExperiment(data, config));
after(async () => {
  if (cleanRun) disposeResult(await cleanRun);
});

test("every pitfall's faulty number is off in the expected direction, with n and an interval, and its guard test exists", async () => {
  const clean = await cleanResult();
  const all: P.PitfallMeasure[] = [
    ...P.labelCastPitfall(data.dataset),
    ...(await P.repeatsAcrossSplitPitfall(data, clean, 1)),
    ...(await P.evaluateOnTrainPitfall(data, clean)),
    ...(await P.tunedOnTestPitfall(data, clean)),
    ...(await P.earlyStoppingOnTestPitfall(data, clean, [1, 2])),
    ...P.accuracyPitfall(clean),
    ...(await P.misalignedEmbeddingsPitfall(data, clean, 1)),
    ...(await P.vectorizerOnAllDataPitfall(data, clean, [1, 2])),
    ...(await P.vectorizerInCvPitfall(data, clean, WORD_LSA_64, [1, 2])),
    ...P.rocFromHardLabelsPitfall(clean),
    ...P.undefinedPrecisionPitfall(clean),
    ...(await P.splitVariancePitfall(data, clean, [1, 2, 3])),
  ];
  const by = (metric: string) => all.find((m) => m.metric.startsWith(metric))!;
  const f = (metric: string) => by(metric).faulty.value as number;
  const c = (metric: string) => by(metric).clean.value as number;
  assert.equal(f("positive rate with Boolean"), 1);
  // This file's logreg selects chi² columns, fitted with labels: fitted on all rows it also sees test labels.
  assert.match(by("logreg test AP, mean over").pitfall, /chi² selection included: it also sees test labels/);
  assert.ok(f("share of rows lost") > 0 && by("share of rows lost").faulty.k! > 0);
  assert.ok(f("share of test messages with a copy") > 0);
  // Recall on leaked and fresh positives is reported as k/n, not as a bare rate.
  const recall = by("recall (threshold 0.5) on positives");
  for (const v of [recall.faulty, recall.clean]) assert.equal(v.value, v.k! / v.n);
  assert.ok(f("logreg average precision") > c("logreg average precision"), "in-sample AP beats test AP");
  assert.ok(f("test F1") >= c("test F1"), "a threshold tuned on test flatters test F1");
  assert.ok(f("test average precision (best C") >= c("test average precision (best C") - 1e-9);
  // Like with like: majority vs logreg on the same rows; accuracy flatters the majority class, recall and AP do not.
  assert.ok(f("test accuracy") > 0.85 && f("test recall") === 0);
  for (const m of all.filter((x) => x.pitfall === "accuracy under imbalance" && x.metric !== "test accuracy"))
    assert.ok(m.difference!.interval.hi < 0, `${m.metric}: logreg beats the majority class, paired interval`);
  for (const m of all.filter((x) => x.pitfall.startsWith("embeddings misaligned"))) {
    assert.ok((m.faulty.value as number) < (m.clean.value as number) - 0.2, `${m.pitfall}`);
    assert.ok(m.difference!.interval.hi < 0, `${m.pitfall}: the paired interval excludes no damage`);
  }
  assert.ok(f("logreg test ROC-AUC") < c("logreg test ROC-AUC"));
  assert.ok(Number.isNaN(f("precision when nothing is flagged")) && by("precision when nothing").clean.value === null);
  // An SVD fitted outside the folds makes out-of-fold scores flag fewer messages than the test split gets.
  const gap = by("flagged share, out-of-fold minus test");
  assert.ok(f(gap.metric) < c(gap.metric) - 1, `flag-rate gap ${f(gap.metric)} vs ${c(gap.metric)} points`);
  // The seeded pitfalls report every seed, and the seed-by-seed difference.
  for (const metric of ["mlp test average precision", "logreg test AP, mean over", "flagged share"]) {
    assert.equal(by(metric).faulty.perSeed?.length, 2, metric);
    assert.equal(by(metric).difference?.interval.method, "seeds min–max", metric);
  }
  for (const m of all) {
    // Every defined number has its n and an interval around it; only the 0/0 row has neither.
    for (const v of [m.faulty, m.clean]) {
      if (v.value === null || Number.isNaN(v.value)) continue;
      assert.ok(v.n > 0 && v.interval, `${m.pitfall} / ${m.metric}: no n or interval`);
      assert.ok(v.interval.lo <= v.value + 1e-9 && v.value <= v.interval.hi + 1e-9, `${m.metric}: outside interval`);
    }
    // The named guard tests must exist, so this mapping cannot rot.
    const [file, name] = m.test.split(" › ");
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    assert.ok(source.includes(name), `${m.pitfall}: no test named ${JSON.stringify(name)} in ${file}`);
  }
  // The table shows counts and intervals, and prints NaN only where the faulty code computes it.
  const table = pitfallTable(all);
  assert.match(table.find((r) => r.metric === recall.metric)!.faulty, /\(\d+\/\d+\) \[[\d.]+, [\d.]+\] Wilson/);
  assert.equal(table.filter((r) => Object.values(r).some((x) => x.includes("NaN"))).length, 1);
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

test("crossValPredict never scores a row with a model that saw it", async () => {
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
  const inSample = new Memorizer().fit(X, y).predictProba(X);
  assert.equal(averagePrecision(y, Array.from(inSample)), 1);
});

test("reported ROC-AUC is computed from scores, not from hard predictions", async () => {
  const r = await cleanResult();
  const lr = modelResult(r, "logreg");
  assert.equal(lr.test.rocAuc, rocAuc(r.test.y, lr.scores.test));
  const hard = Array.from(lr.scores.test, (s) => (s >= lr.threshold.threshold ? 1 : 0));
  assert.notEqual(lr.test.rocAuc, rocAuc(r.test.y, hard));
});

test("pitfall numbers are formatted in one place: k/n, interval and its method, NaN as computed, null as undefined", () => {
  assert.equal(pitfallValue(P.share(57, 65)), "0.877 (57/65) [0.78, 0.94] Wilson");
  assert.equal(pitfallValue({ value: NaN, n: 0 }), "NaN (what 0/0 gives the faulty code)");
  // A value that rounds to zero prints without a sign, signed or not.
  const nearZero = { value: -0.0004, n: 10, interval: { lo: -0.004, hi: 0.0126, method: "seeds min–max" as const } };
  assert.equal(pitfallValue(nearZero, true), "0.000 [-0.004, +0.013] seeds min–max");
  const tiny = { value: -0.001, n: 10, interval: { lo: -0.0024, hi: -0.0003, method: "seeds min–max" as const } };
  assert.equal(pitfallValue(tiny, true), "-0.001 [-0.002, 0.000] seeds min–max");
  assert.equal(pitfallValue({ value: null, n: 0 }), "undefined (listed as such)");
  const seeds = P.overSeeds([0.5, 0.7, 0.6], 200);
  assert.equal(pitfallValue(seeds), "0.600 [0.50, 0.70] seeds min–max");
  const d = P.seedDifference([0.5, 0.7], [0.6, 0.6])!;
  assert.ok(
    Math.abs(d.value) < 1e-12 && Math.abs(d.interval.lo + 0.1) < 1e-12 && Math.abs(d.interval.hi - 0.1) < 1e-12,
  );
});
