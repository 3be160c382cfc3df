import { test } from "node:test";
import assert from "node:assert/strict";
import { confidentLearning, recallAtK } from "../lib/audit/confidentLearning";
import type { DatasetAudit } from "../lib/audit/auditDataset";
import { auditHitRates, reviewQueue } from "../lib/audit/summary";
import { wilson } from "../lib/metrics/proportion";
import { crossValPredict } from "../lib/experiment/cv";
import { LogisticRegression } from "../lib/models/logisticRegression";
import { stratifiedGroupKFold } from "../lib/split/split";
import { gaussian, makeRng, shuffled } from "../lib/util/random";

/** Two Gaussian classes; then a known set of labels is flipped. */
function noisyData(n: number, flipRate: number, seed: number) {
  const rng = makeRng(seed);
  const d = 5;
  const truth = Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
  const data = new Float32Array(n * d);
  truth.forEach((y, i) => {
    for (let j = 0; j < d; j++) data[i * d + j] = gaussian(rng) + (y ? 1.6 : 0);
  });
  const flipped = new Set(
    shuffled(
      truth.map((_, i) => i),
      rng,
    ).slice(0, Math.round(flipRate * n)),
  );
  const labels = truth.map((y, i) => (flipped.has(i) ? 1 - y : y));
  return { X: { rows: n, cols: d, data }, labels, flipped };
}

test("confident learning finds known flipped labels: most of them rank in the top k", async () => {
  const { X, labels, flipped } = noisyData(1500, 0.08, 3);
  const folds = stratifiedGroupKFold(
    labels,
    labels.map((_, i) => i),
    5,
    1,
  );
  const oof = await crossValPredict(() => new LogisticRegression({ C: 1 }), X, labels, folds);
  const audit = confidentLearning(labels, oof);
  const k = flipped.size;
  const recall = recallAtK(audit.ranking, flipped, k);
  const baseRate = k / labels.length;
  assert.ok(recall > 0.6, `recall of flips in the top ${k}: ${recall.toFixed(3)}`);
  assert.ok(recall > 5 * baseRate, "far better than reviewing at random");
  const flaggedPrecision = audit.suspects.filter((s) => flipped.has(s.index)).length / audit.suspects.length;
  assert.ok(flaggedPrecision > 0.5, `precision of the flagged set ${flaggedPrecision.toFixed(3)}`);
  assert.ok(
    Math.abs(audit.estimatedErrors - k) / k < 0.6,
    `estimated ${audit.estimatedErrors.toFixed(0)} errors, truly ${k}`,
  );
});

test("thresholds, confident joint and ranking on a hand-checked example", () => {
  // labels:      1    1    1    0    0    0    0
  const labels = [1, 1, 1, 0, 0, 0, 0];
  const p = [0.9, 0.8, 0.1, 0.2, 0.1, 0.7, 0.3];
  const a = confidentLearning(labels, p);
  // t1 = mean(0.9, 0.8, 0.1) = 0.6; t0 = mean(0.8, 0.9, 0.3, 0.7) = 0.675
  assert.ok(Math.abs(a.thresholds[1] - 0.6) < 1e-12 && Math.abs(a.thresholds[0] - 0.675) < 1e-12);
  // Row 2 (label 1, p=0.1): p0 = 0.9 ≥ 0.675 → suggests 0. Row 5 (label 0, p=0.7): p1 = 0.7 ≥ 0.6 → suggests 1.
  assert.deepEqual(a.confidentJoint, [
    [3, 1],
    [1, 2],
  ]);
  assert.deepEqual(
    a.suspects.map((s) => s.index),
    [2, 5],
  );
  assert.equal(a.ranking[0].index, 2);
  assert.deepEqual(
    a.suspects.map((s) => s.suggestedLabel),
    [0, 1],
  );
});

test("bad input is refused", () => {
  assert.throws(() => confidentLearning([0, 1], [0.5]), /differ in length/);
  assert.throws(() => confidentLearning([0, 0], [0.1, 0.2]), /both labels/);
  assert.throws(() => confidentLearning([0, 1], [0.1, 1.2]), /probability\[1\]/);
});

test("audit hit rates: the queue is the suspects, then every other row; a budget past its end adds no row", () => {
  const labels = [1, 1, 1, 0, 0, 0, 0];
  const p = [0.9, 0.8, 0.1, 0.2, 0.1, 0.7, 0.3];
  const ids = labels.map((_, i) => `m${i}`);
  const audit: DatasetAudit = {
    ...confidentLearning(labels, p),
    ids,
    texts: ids,
    labels,
    probabilities: Float64Array.from(p),
  };
  // Rows 2 and 5 are the suspects; then by self-confidence: row 6 (0.7), rows 1 and 3 (0.8), rows 0 and 4 (0.9).
  assert.deepEqual(
    reviewQueue(audit).map((s) => s.index),
    [2, 5, 6, 1, 3, 0, 4],
  );
  // The rerun disputes row 2, the refined prompt row 4: 2 disputed rows of 7.
  const sets = {
    ids,
    messages: ids,
    original: labels,
    rerun: [1, 1, 0, 0, 0, 0, 0],
    refined: [1, 1, 1, 0, 1, 0, 0],
    category: ids.map(() => "c"),
  };
  const rates = auditHitRates(audit, sets, [1, 2, 5, 7, 10]);
  assert.deepEqual(
    rates.map((r) => [r.requested, r.n, r.suspects, r.hits]),
    [
      [1, 1, 1, 1],
      [2, 2, 2, 1],
      [5, 5, 2, 1],
      [7, 7, 2, 2],
    ],
  );
  const [, two, , whole] = rates;
  assert.equal(two.baseRate, 2 / 7);
  assert.deepEqual(two.hitRateInterval, wilson(1, 2), "each hit rate carries its Wilson interval");
  assert.deepEqual(two.recall, wilson(1, 2), "recall: hits over all disputed rows");
  assert.equal(whole.recall.estimate, 1, "the whole queue finds every disputed row");
  // Reviewing everything is a random review: lift 1, and the lift's bounds are the hit rate's over the base rate.
  assert.equal(whole.lift.estimate, 1);
  assert.equal(two.lift.low, wilson(1, 2).low / (2 / 7));
  const none = { ...sets, rerun: labels, refined: labels };
  assert.throws(() => auditHitRates(audit, none, [1]), /no row is disputed/);
  assert.throws(() => auditHitRates(audit, sets, [0]), /budget must be an integer ≥ 1, got 0/);
});
