// One quantity, one implementation: the same model and labels give the same interval wherever one is shown.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadExperimentData } from "../lib/experiment/data";
import { modelResult, runExperiment } from "../lib/experiment/run";
import { rescoreAgainstLabelSets } from "../lib/labels/rescore";
import type { LabelSets } from "../lib/labels/labelSets";
import { operatingPointTransfer, predictiveInterval } from "../lib/experiment/transfer";
import { metricAt } from "../lib/metrics/metricAt";
import { bootstrapCi, bootstrapRows, pairedBootstrapDifference } from "../lib/metrics/bootstrap";
import { averagePrecision } from "../lib/metrics/curves";
import { pointInterval, type Interval } from "../lib/metrics/interval";
import { wilson } from "../lib/metrics/proportion";
import { overRuns } from "../lib/pitfalls/measure";
import { UndefinedMetricError } from "../lib/metrics/validate";
import { rescoreTable } from "../lib/present/labels";
import { summaryTable } from "../lib/present/summary";

test("metricAt: a zero denominator is undefined (skipped by the bootstrap), never 0", () => {
  assert.throws(() => metricAt("precision", 0.5)([1, 0], [0.1, 0.2]), UndefinedMetricError);
  assert.equal(metricAt("recall", 0.5)([1, 0], [0.9, 0.2]), 1);
  // Every flagged row is positive, so precision is 1 wherever it is defined; resamples that draw no flagged
  // row are skipped. Counting them as 0 would put the interval's low end at 0.
  const ci = bootstrapCi([1, 0, 1], [0.1, 0.2, 0.9], metricAt("precision", 0.5), { seed: 1, resamples: 200 });
  assert.ok((ci.skipped ?? 0) > 0, `skipped ${ci.skipped}`);
  assert.equal(ci.method, "bootstrap");
  assert.deepEqual([ci.low, ci.high], [1, 1]);
});

test("the run's test intervals, the label rescoring against the same labels, and the transfer check agree", async () => {
  const data = loadExperimentData();
  const result = await runExperiment(data, {
    models: ["majority", "keyword"],
    bootstrap: { resamples: 200, level: 0.95 },
  });
  const y = result.test.y;
  const same: LabelSets = {
    ids: result.test.ids,
    messages: result.test.texts,
    original: y,
    rerun: y,
    refined: y,
    category: y.map(() => "x"),
  };
  for (const name of ["keyword", "majority"] as const) {
    const m = modelResult(result, name);
    const [original] = rescoreAgainstLabelSets(result, name, same);
    assert.deepEqual(original.precision, m.test.ci.precision, `${name} precision`);
    assert.deepEqual(original.recall, m.test.ci.recall, `${name} recall`);
    assert.deepEqual(original.averagePrecision, m.test.ci.averagePrecision, `${name} average precision`);
  }
  assert.equal(
    modelResult(result, "majority").test.ci.precision,
    null,
    "nothing flagged: no precision interval anywhere",
  );
  // As shown: the summary table and the rescoring table print the same text.
  const shown = summaryTable(result).find((r) => r.model === "keyword");
  const [rescored] = rescoreTable(rescoreAgainstLabelSets(result, "keyword", same));
  assert.equal(rescored.precision, shown?.precision);
  assert.equal(rescored.recall, shown?.recall);
  assert.deepEqual(operatingPointTransfer(result), [], "baselines have no operating-point check");
});

describe("one interval type: every producer says how its interval was made and what it rests on", () => {
  const y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1];
  const s = [0.9, 0.2, 0.7, 0.4, 0.6, 0.1, 0.8, 0.3, 0.5, 0.95];
  const inside = (i: Interval) => assert.ok(i.low <= i.estimate && i.estimate <= i.high, JSON.stringify(i));

  test("confidence intervals: Wilson, bootstrap, paired bootstrap, a row bootstrap, at their level with n", () => {
    const w = wilson(3, 10);
    assert.deepEqual([w.estimate, w.level, w.method, w.n], [0.3, 0.95, "Wilson", 10]);
    const b = bootstrapCi(y, s, averagePrecision, { seed: 1, resamples: 50, level: 0.9 });
    assert.deepEqual([b.level, b.method, b.n, b.resamples], [0.9, "bootstrap", 10, 50]);
    const p = pairedBootstrapDifference(
      y,
      s,
      s.map((x) => 1 - x),
      averagePrecision,
      averagePrecision,
      { seed: 1 },
    );
    assert.deepEqual([p.method, p.n, p.resamples], ["paired bootstrap", 10, 1000]);
    const r = bootstrapRows(10, (idx) => idx.filter((i) => y[i] === 1).length / idx.length, 10, {
      seed: 2,
      resamples: 80,
    });
    assert.deepEqual([r.method, r.level, r.resamples, r.skipped], ["bootstrap", 0.95, 80, 0]);
    for (const i of [w, b, p, r]) inside(i);
  });

  test("ranges that claim no coverage: min–max over runs and a point have level null", () => {
    const runs = overRuns([0.5, 0.7, 0.6], 200).interval;
    assert.ok(runs);
    assert.deepEqual([runs.level, runs.method, runs.n, runs.low, runs.high], [null, "seeds min–max", 3, 0.5, 0.7]);
    assert.deepEqual(pointInterval(0.25, 8), {
      estimate: 0.25,
      low: 0.25,
      high: 0.25,
      level: null,
      method: "point",
      n: 8,
    });
  });

  test("a predictive interval's estimate is the metric on all rows; its n the batch", () => {
    const groups = y.map((_, i) => i);
    const p = predictiveInterval(y, s, groups, 0.5, "flagged", 20, { seed: 3, resamples: 200, level: 0.95 });
    assert.deepEqual([p.estimate, p.method, p.n, p.batchRows], [0.6, "predictive bootstrap", 20, 20]);
    const missed = predictiveInterval(y, s, groups, 0.5, "missedMessages", 100, {
      seed: 3,
      resamples: 200,
      level: 0.95,
    });
    assert.equal(missed.estimate, 10, "1 of 5 positives missed in 10 rows: 10 per 100 messages");
    for (const i of [p, missed]) inside(i);
  });
});
