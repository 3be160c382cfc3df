import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { confusionAt, scoresFromConfusion, classificationAt } from "../lib/metrics/confusion";
import { averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from "../lib/metrics/curves";
import { brierScore, calibrationBins, logLoss } from "../lib/metrics/probabilistic";
import { bootstrapCi, percentile } from "../lib/metrics/bootstrap";
import { UndefinedMetricError } from "../lib/metrics/validate";
import { fixture } from "./helpers";

const ref = JSON.parse(fs.readFileSync(fixture("sklearn", "metrics.json"), "utf8"));
const TOL = 1e-10;

function close(actual: number, expected: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= TOL, `${what}: ${actual} vs scikit-learn ${expected}`);
}
function closeArrays(actual: number[], expected: number[], what: string) {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  actual.forEach((v, i) => close(v, expected[i], `${what}[${i}]`));
}

describe("against scikit-learn's fixtures", () => {
  for (const c of ref.cases) {
    test(`metrics equal scikit-learn's on case "${c.name}"`, () => {
      const pr = precisionRecallCurve(c.y, c.scores);
      closeArrays(pr.precision, c.pr.precision, "precision curve");
      closeArrays(pr.recall, c.pr.recall, "recall curve");
      closeArrays(pr.thresholds, c.pr.thresholds, "PR thresholds");
      close(averagePrecision(c.y, c.scores), c.averagePrecision, "average precision");
      const roc = rocCurve(c.y, c.scores);
      closeArrays(roc.fpr, c.roc.fpr, "fpr");
      closeArrays(roc.tpr, c.roc.tpr, "tpr");
      closeArrays(roc.thresholds.slice(1), c.roc.thresholds, "ROC thresholds");
      const rocAll = rocCurve(c.y, c.scores, false);
      closeArrays(rocAll.fpr, c.rocAll.fpr, "fpr (all points)");
      close(rocAuc(c.y, c.scores), c.rocAuc, "ROC-AUC");
      close(logLoss(c.y, c.scores), c.logLoss, "log-loss");
      close(brierScore(c.y, c.scores), c.brier, "Brier");
      const bins = calibrationBins(c.y, c.scores, 10);
      closeArrays(
        bins.map((b) => b.fractionPositive),
        c.calibration.fractionPositive,
        "calibration prob_true",
      );
      closeArrays(
        bins.map((b) => b.meanPredicted),
        c.calibration.meanPredicted,
        "calibration prob_pred",
      );
      for (const a of c.at) {
        const m = classificationAt(c.y, c.scores, a.threshold);
        assert.deepEqual(m.confusion, { tp: a.tp, fp: a.fp, tn: a.tn, fn: a.fn }, `confusion at ${a.threshold}`);
        close(m.precision, a.precision, `precision at ${a.threshold}`);
        close(m.recall, a.recall, `recall at ${a.threshold}`);
        close(m.f1, a.f1, `F1 at ${a.threshold}`);
        close(m.accuracy, a.accuracy, `accuracy at ${a.threshold}`);
      }
    });
  }
});

describe("undefined and bad inputs", () => {
  test("zero denominators follow the documented rule and are flagged, never NaN", () => {
    const none = scoresFromConfusion({ tp: 0, fp: 0, tn: 90, fn: 10 });
    assert.equal(none.precision, 0);
    assert.equal(none.f1, 0);
    assert.deepEqual(none.undefined, ["precision"]);
    const noPos = scoresFromConfusion({ tp: 0, fp: 0, tn: 100, fn: 0 });
    assert.deepEqual(noPos.undefined, ["precision", "recall", "f1"]);
    assert.equal(scoresFromConfusion({ tp: 0, fp: 0, tn: 9, fn: 1 }, 1).precision, 1);
    for (const v of [none.precision, none.recall, none.f1, noPos.precision, noPos.recall, noPos.f1])
      assert.ok(!Number.isNaN(v));
  });

  test("ranking metrics refuse single-class inputs with a clear error", () => {
    for (const f of [averagePrecision, rocAuc, precisionRecallCurve, rocCurve] as Array<
      (y: number[], s: number[]) => unknown
    >) {
      assert.throws(
        () => f([0, 0, 0], [0.1, 0.2, 0.3]),
        (e: unknown) => e instanceof UndefinedMetricError && /only one class \(all 0/.test(e.message),
      );
      assert.throws(() => f([1, 1], [0.1, 0.2]), UndefinedMetricError);
    }
  });

  test("bad inputs are refused: lengths, labels, non-finite scores, probabilities outside [0, 1]", () => {
    assert.throws(() => confusionAt([0, 1], [0.5], 0.5), /2 rows but scores has 1/);
    assert.throws(() => confusionAt([0, 2], [0.5, 0.5], 0.5), /y_true\[1\] is 2/);
    assert.throws(() => rocAuc([0, 1], [0.5, NaN]), /scores\[1\] is NaN/);
    assert.throws(() => logLoss([0, 1], [0.5, 1.2]), /probability\[1\] is 1.2/);
  });

  test("ROC-AUC from hard 0/1 predictions is lower than from the scores: why we never do it", () => {
    const c = ref.cases.find((x: { name: string }) => x.name === "random");
    const hard = c.scores.map((s: number) => (s >= 0.5 ? 1 : 0));
    assert.ok(rocAuc(c.y, hard) < rocAuc(c.y, c.scores));
  });
});

describe("bootstrap intervals", () => {
  test("bootstrap CI: seeded, deterministic, brackets the estimate, counts undefined resamples", () => {
    const c = ref.cases.find((x: { name: string }) => x.name === "random");
    const a = bootstrapCi(c.y, c.scores, averagePrecision, { seed: 1, resamples: 300 });
    const b = bootstrapCi(c.y, c.scores, averagePrecision, { seed: 1, resamples: 300 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, bootstrapCi(c.y, c.scores, averagePrecision, { seed: 2, resamples: 300 }));
    assert.ok(a.low <= a.estimate && a.estimate <= a.high && a.low < a.high);
    // Two positives in 40 rows: some resamples draw none, and AP is undefined there.
    const y = Array.from({ length: 40 }, (_, i) => (i < 2 ? 1 : 0));
    const s = y.map((v, i) => v * 0.5 + i / 100);
    const r = bootstrapCi(y, s, averagePrecision, { seed: 3, resamples: 400 });
    const skipped = r.skipped ?? NaN;
    assert.ok(skipped > 0 && skipped < 400 && r.resamples === 400, `skipped ${skipped} of ${r.resamples}`);
  });

  test("percentile interpolates like numpy", () => {
    assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
    assert.equal(percentile([1, 2, 3, 4], 2.5), 1.075);
    assert.equal(percentile([5], 97.5), 5);
  });

  test("paired bootstrap of a difference: zero for a model against itself, clearly positive against its inverse", async () => {
    const { pairedBootstrapDifference } = await import("../lib/metrics/bootstrap");
    const c = ref.cases.find((x: { name: string }) => x.name === "random");
    const same = pairedBootstrapDifference(c.y, c.scores, c.scores, averagePrecision, averagePrecision, {
      seed: 1,
      resamples: 200,
    });
    assert.deepEqual([same.estimate, same.low, same.high], [0, 0, 0]);
    const inverse = c.scores.map((s: number) => 1 - s);
    const d = pairedBootstrapDifference(c.y, c.scores, inverse, averagePrecision, averagePrecision, {
      seed: 1,
      resamples: 200,
    });
    assert.ok(d.low > 0, `difference interval [${d.low}, ${d.high}] should exclude 0`);
  });
});

describe("agreement", () => {
  test("Cohen's kappa and percent agreement equal scikit-learn's", async () => {
    const { cohenKappa, percentAgreement } = await import("../lib/labels/agreement");
    let checked = 0;
    for (const c of ref.cases) {
      if (c.kappaAtHalf === null) continue;
      const hard = c.scores.map((s: number) => (s >= 0.5 ? 1 : 0));
      close(cohenKappa(c.y, hard), c.kappaAtHalf, `${c.name} kappa`);
      checked++;
    }
    assert.ok(checked >= 4);
    assert.equal(percentAgreement([1, 0, 1, 1], [1, 1, 1, 0]), 0.5);
    assert.throws(() => cohenKappa([0, 0], [0, 0]), /undefined/);
  });
});
