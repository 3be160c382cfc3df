// Notebook 01's findings as numbers: the recall-gap evidence, the shipped operating point, the error patterns,
// calibration per bin, and the predictive interval behind the promises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExperimentData, Part } from "../../lib/experiment/data";
import { makeConfig } from "../../lib/experiment/config";
import { disposeResult, ExperimentResult, modelResult, runExperiment } from "../../lib/experiment/run";
import { predictiveInterval, shareAtLeast } from "../../lib/experiment/transfer";
import { featureSpec } from "../../lib/features/spec";
import { loadRelabels, Relabel } from "../../lib/data/relabels";
import { RELABELS_FILE } from "../../lib/paths";
import { recallGapEvidence } from "../../lib/analysis/recallGap";
import { REVIEW_QUEUE, shippedOperatingPoint } from "../../lib/analysis/operatingPoint";
import { ERROR_PATTERNS, errorPatterns, patternOf } from "../../lib/analysis/errorThemes";
import { calibrationCheck } from "../../lib/analysis/calibration";
import { scoredMessages } from "../../lib/analysis/errors";
import { chooseThreshold } from "../../lib/metrics/threshold";
import { confusionAt } from "../../lib/metrics/confusion";
import { calibrationBins } from "../../lib/metrics/probabilistic";
import { makeRng } from "../../lib/util/random";

const data = loadExperimentData();
const relabels = loadRelabels(RELABELS_FILE, data.dataset);
const quick = makeConfig({
  models: ["logreg"],
  bootstrap: { resamples: 200, level: 0.95 },
  logreg: { Cs: [3] },
  features: { logreg: featureSpec(true, { kind: "chi2", k: 2000 }) },
  cvFolds: 3,
});
let run: Promise<ExperimentResult> | null = null;
const base = () => (run ??= runExperiment(data, quick, () => {}, { workers: 2 }));

test("predictiveInterval: seeded, wider for smaller batches, and around the full-sample value", () => {
  const rng = makeRng(3);
  const n = 2000;
  const y = Array.from({ length: n }, () => (rng() < 0.15 ? 1 : 0));
  const s = y.map((v) => (v ? 0.3 + 0.7 * rng() : 0.8 * rng()));
  const groups = y.map((_, i) => Math.floor(i / 2)); // pairs, resampled whole
  const opts = { seed: 1, resamples: 400, level: 0.95 };
  const small = predictiveInterval(y, s, groups, 0.5, "recall", 300, opts);
  const large = predictiveInterval(y, s, groups, 0.5, "recall", 20000, opts);
  assert.deepEqual(predictiveInterval(y, s, groups, 0.5, "recall", 300, opts), small, "same seed, same interval");
  assert.ok(small.high - small.low > large.high - large.low, "a small batch spreads more");
  const c = confusionAt(y, s, 0.5);
  const full = c.tp / (c.tp + c.fn);
  assert.ok(small.low < full && full < small.high);
  assert.equal(small.values.length + small.skipped, 400);
  assert.ok(Math.abs(shareAtLeast(small, full) - 0.5) < 0.1, "about half the batches reach the full-sample value");
  assert.equal(shareAtLeast(small, 2), 0);
  assert.throws(() => predictiveInterval(y, s, groups.slice(1), 0.5, "recall", 10, opts), /differ in length/);
});

test("recall-gap evidence: the promise and the members are recomputable, categories add up, and the share of simulated splits is consistent", async () => {
  const r = await base();
  const m = modelResult(r, "logreg");
  const e = await recallGapEvidence(r, data, "logreg", relabels, [-0.1, 0, 0.1]);
  assert.equal(e.threshold, m.threshold.threshold);
  assert.equal(e.oof.recall, m.oof.recall);
  assert.equal(e.test.recall, m.test.recall);
  assert.equal(e.members.length, quick.cvFolds);
  assert.equal(e.folds.length, quick.cvFolds);
  assert.equal(
    e.folds.reduce((a, f) => a + f.found, 0),
    e.oof.found,
    "the folds' positives found add up to the pooled count",
  );
  assert.deepEqual(
    e.curve.find((c) => c.threshold === e.threshold),
    { threshold: e.threshold, oofRecall: e.oof.recall, testRecall: e.test.recall },
  );
  const sum = (side: "oof" | "test") => e.byCategory.reduce((a, c) => a + c[side].positives, 0);
  assert.equal(sum("oof"), e.oof.positives);
  assert.equal(sum("test"), e.test.positives);
  assert.equal(e.splitRecall.batchRows, r.test.y.length);
  assert.equal(e.shareReachingTest, shareAtLeast(e.splitRecall, e.test.recall));
});

test("the shipped operating point is chosen on out-of-fold scores by the use's costs; scrambling the test split moves only the check", async () => {
  const r = await base();
  const op = shippedOperatingPoint(r, "logreg");
  const m = modelResult(r, "logreg");
  const direct = chooseThreshold(r.train.y, m.scores.oof, { kind: "minCost", missCost: 10, falseAlarmCost: 1 });
  assert.equal(op.choice.threshold, direct.threshold);
  assert.equal(op.recall.oof?.estimate, direct.recall);
  assert.equal(op.precision.oof?.estimate, direct.precision);
  assert.equal(op.flagged.month.batchRows, REVIEW_QUEUE.messagesPerMonth);
  assert.ok(op.recall.month.low <= op.recall.month.high);
  // A dearer miss never flags less.
  const cheap = shippedOperatingPoint(r, "logreg", { ...REVIEW_QUEUE, missCost: 1 });
  assert.ok(cheap.choice.threshold >= op.choice.threshold);
  // The test split changes: the threshold and every out-of-fold promise stay, only the test column moves.
  const flipped: Part = { ...data.test, y: data.test.y.map((v) => 1 - v) };
  const s = await runExperiment({ ...data, test: flipped }, quick, () => {}, { workers: 2 });
  const op2 = shippedOperatingPoint(s, "logreg");
  assert.equal(op2.choice.threshold, op.choice.threshold);
  assert.deepEqual(op2.recall.oof, op.recall.oof);
  assert.deepEqual(op2.flagged.month, op.flagged.month);
  assert.notDeepEqual(op2.recall.test, op.recall.test);
  disposeResult(s);
});

test("error patterns: every error gets exactly one pattern, counts add up, and the rules do what they say", async () => {
  const r = await base();
  const s = scoredMessages(r, "logreg", "oof");
  const [alarms, misses] = errorPatterns(s, relabels);
  const c = confusionAt(s.y, s.scores, s.threshold);
  assert.equal(alarms.errors, c.fp);
  assert.equal(misses.errors, c.fn);
  assert.equal(
    alarms.patterns.reduce((a, p) => a + p.errors.k, 0),
    c.fp,
  );
  assert.equal(
    misses.patterns.reduce((a, p) => a + p.errors.k, 0),
    c.fn,
  );
  for (const p of [...alarms.patterns, ...misses.patterns]) {
    assert.ok(p.errors.low <= p.errors.estimate && p.errors.estimate <= p.errors.high);
    assert.ok(p.rate.k <= p.rate.n);
  }
  const fact = (text: string, over: Partial<Relabel & { disputed: boolean }> = {}) => ({
    text,
    label: 0,
    category: over.category ?? ("general" as const),
    disputed: over.disputed ?? false,
  });
  assert.equal(patternOf(fact("Gracias Mateo por la charla de seguridad y el equipo")), "not in English");
  assert.equal(patternOf(fact("Thanks for resetting my password", { disputed: true })), "label in doubt");
  assert.equal(patternOf(fact("Thanks for resetting my password")), "account and access help");
  assert.equal(patternOf(fact("Thanks for running the flu jab clinic")), "health, wellbeing and speaking up");
  assert.equal(patternOf(fact("Thanks Tomasz for fixing the label printer jam")), "repairs and equipment");
  assert.equal(
    patternOf(fact("Great summit, Anders", { category: "ambiguous" })),
    "other borderline (written as ambiguous)",
  );
  assert.equal(
    patternOf(fact("Thanks for the harness check", { category: "safety" })),
    "clear safety or security, in everyday words",
  );
  assert.equal(patternOf(fact("Great quarter, team")), "ordinary recognition");
  assert.equal(
    ERROR_PATTERNS[ERROR_PATTERNS.length - 1].matches(fact("")),
    true,
    "the last pattern takes what is left",
  );
});

test("calibrationCheck: scikit-learn's bins with a Wilson interval each and a verdict that follows it", () => {
  const rng = makeRng(8);
  const s = Array.from({ length: 3000 }, () => rng());
  // Labels drawn with probability s / 2: every bin's scores overstate by a factor of two.
  const y = s.map((p) => (rng() < p / 2 ? 1 : 0));
  const c = calibrationCheck(y, s);
  const bins = calibrationBins(y, s);
  assert.deepEqual(
    c.bins.map((b) => [b.n, b.meanScore]),
    bins.map((b) => [b.count, b.meanPredicted]),
  );
  assert.equal(
    c.bins.reduce((a, b) => a + b.n, 0),
    3000,
  );
  for (const b of c.bins) {
    assert.ok(b.labeledTrue.low <= b.labeledTrue.estimate && b.labeledTrue.estimate <= b.labeledTrue.high);
    const expected =
      b.labeledTrue.high < b.meanScore
        ? "scores overstate"
        : b.labeledTrue.low > b.meanScore
          ? "scores understate"
          : "consistent";
    assert.equal(b.verdict, expected);
  }
  assert.ok(c.bins.filter((b) => b.verdict === "scores overstate").length >= 7, "the high bins overstate");
  assert.ok(c.meanScore > c.positiveRate);
});
