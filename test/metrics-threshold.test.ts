import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseThreshold } from "../lib/metrics/threshold";
import { classificationAt } from "../lib/metrics/confusion";

// 10 rows, scores descending; positives at ranks 1, 2, 4, 7.
const y = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0];
const s = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];

/** Brute force over every distinct score, for comparison. */
function brute(
  key: (m: ReturnType<typeof classificationAt>) => number,
  ok: (m: ReturnType<typeof classificationAt>) => boolean,
) {
  let best: ReturnType<typeof classificationAt> | null = null;
  for (const t of s) {
    const m = classificationAt(y, s, t);
    if (!ok(m)) continue;
    if (!best || key(m) > key(best) || (key(m) === key(best) && t > best.threshold)) best = m;
  }
  return best!;
}

test("maxF1 picks the F1-maximizing threshold (brute force agrees)", () => {
  const c = chooseThreshold(y, s, { kind: "maxF1" });
  const b = brute(
    (m) => m.f1,
    () => true,
  );
  assert.equal(c.threshold, b.threshold);
  assert.ok(Math.abs((c.f1 ?? NaN) - b.f1) < 1e-12);
  assert.ok(c.satisfied);
});

test("recallAtPrecision: highest recall among thresholds with precision ≥ p", () => {
  for (const p of [0.5, 0.7, 0.75, 1]) {
    const c = chooseThreshold(y, s, { kind: "recallAtPrecision", minPrecision: p });
    const b = brute(
      (m) => m.recall,
      (m) => m.precision >= p,
    );
    assert.equal(c.threshold, b.threshold, `p=${p}`);
    assert.ok((c.precision ?? NaN) >= p);
  }
});

test("precisionAtRecall: highest precision among thresholds with recall ≥ r", () => {
  for (const r of [0.25, 0.5, 0.75, 1]) {
    const c = chooseThreshold(y, s, { kind: "precisionAtRecall", minRecall: r });
    const b = brute(
      (m) => m.precision,
      (m) => m.recall >= r,
    );
    assert.equal(c.threshold, b.threshold, `r=${r}`);
    assert.ok((c.recall ?? NaN) >= r);
  }
});

test("an unreachable constraint is reported, not hidden", () => {
  const c = chooseThreshold([0, 1, 0, 1], [0.9, 0.8, 0.7, 0.6], { kind: "recallAtPrecision", minPrecision: 0.99 });
  assert.equal(c.satisfied, false);
  assert.match(c.note!, /no threshold reaches precision 0.99/);
});

test("minCost: the lowest missCost·FN + falseAlarmCost·FP over every distinct score (brute force agrees)", () => {
  for (const [miss, alarm] of [
    [1, 1],
    [10, 1],
    [1, 10],
    [3, 2],
  ]) {
    const c = chooseThreshold(y, s, { kind: "minCost", missCost: miss, falseAlarmCost: alarm });
    const cost = (m: ReturnType<typeof classificationAt>) => -(miss * m.confusion.fn + alarm * m.confusion.fp);
    const b = brute(cost, () => true);
    assert.equal(c.threshold, b.threshold, `miss ${miss}, false alarm ${alarm}`);
  }
  // A miss ten times dearer than a false alarm flags at least as much as equal costs do.
  const dear = chooseThreshold(y, s, { kind: "minCost", missCost: 10, falseAlarmCost: 1 });
  const even = chooseThreshold(y, s, { kind: "minCost", missCost: 1, falseAlarmCost: 1 });
  assert.ok(dear.threshold <= even.threshold);
  assert.throws(() => chooseThreshold(y, s, { kind: "minCost", missCost: 0, falseAlarmCost: 1 }), /positive costs/);
});

test("a fixed rule that flags nothing has no precision: null with the reason, never a 0 that looks measured", () => {
  const c = chooseThreshold(y, s, { kind: "fixed", threshold: 0.99 });
  assert.equal(c.precision, null);
  assert.match(c.undefinedMetrics.precision ?? "", /nothing was flagged \(0 of 10 rows\)/);
  assert.equal(c.recall, 0, "recall is defined: every positive was missed");
  assert.equal(c.f1, 0);
  const some = chooseThreshold(y, s, { kind: "fixed", threshold: 0.85 });
  assert.deepEqual([some.precision, some.recall, some.undefinedMetrics], [1, 0.5, {}]);
});
