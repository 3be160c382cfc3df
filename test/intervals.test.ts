// One quantity, one implementation: the same model and labels give the same interval wherever one is shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExperimentData } from "../lib/experiment/data";
import { modelResult, runExperiment } from "../lib/experiment/run";
import { rescoreAgainstLabelSets } from "../lib/labels/rescore";
import type { LabelSets } from "../lib/labels/labelSets";
import { operatingPointTransfer } from "../lib/experiment/transfer";
import { metricAt } from "../lib/metrics/metricAt";
import { bootstrapCi } from "../lib/metrics/bootstrap";
import { UndefinedMetricError } from "../lib/metrics/validate";
import { rescoreTable } from "../lib/present/labels";
import { summaryTable } from "../lib/present/summary";

test("metricAt: a zero denominator is undefined (skipped by the bootstrap), never 0", () => {
  assert.throws(() => metricAt("precision", 0.5)([1, 0], [0.1, 0.2]), UndefinedMetricError);
  assert.equal(metricAt("recall", 0.5)([1, 0], [0.9, 0.2]), 1);
  // Every flagged row is positive, so precision is 1 wherever it is defined; resamples that draw no flagged
  // row are skipped. Counting them as 0 would put the interval's low end at 0.
  const ci = bootstrapCi([1, 0, 1], [0.1, 0.2, 0.9], metricAt("precision", 0.5), { seed: 1, resamples: 200 });
  assert.ok(ci.skipped > 0, `skipped ${ci.skipped}`);
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
