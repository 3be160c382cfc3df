import { test } from "node:test";
import assert from "node:assert/strict";
import { explorerThresholds, thresholdExplorerFigure } from "../lib/plots/thresholdExplorer";
import { confusionAt } from "../lib/metrics/confusion";
import type { ExplorerLayoutChanges, ExplorerTraceChanges } from "../lib/plots/thresholdExplorer";
import type { Slider } from "../lib/plots/plotly";
import { traceOf } from "./helpers";

// Two small splits with ties, a score of exactly 0.5 and a threshold above every score (nothing flagged).
const oof = { y: [1, 0, 1, 1, 0, 0, 0, 1, 0, 0], scores: [0.9, 0.8, 0.5, 0.5, 0.45, 0.3, 0.2, 0.1, 0.1, 0.05] };
const test_ = { y: [0, 1, 0, 1, 0, 0], scores: [0.7, 0.6, 0.5, 0.35, 0.2, 0.95] };
const fig = thresholdExplorerFigure({
  model: "m",
  oof,
  test: test_,
  threshold: 0.4758,
  grid: [0.1, 0.3, 0.5, 0.7, 0.99],
});
// The layout holds sliders of any change type; this figure's is the explorer's.
const slider = fig.layout.sliders?.[0] as Slider<ExplorerTraceChanges, ExplorerLayoutChanges>;
const markers = fig.data.findIndex((d) => d.type === "scatter" && d.mode === "markers");
const table = fig.data.findIndex((d) => d.type === "table");

/** What the figure shows at slider step k: the table's columns and the threshold the step moves to. */
function shownAt(k: number) {
  const step = slider.steps[k];
  assert.equal(step.method, "update");
  assert.deepEqual(step.args[2], [markers, table], "the step updates the markers and the table");
  const cols = step.args[0]["cells.values"][1] ?? assert.fail("the step updates the table's cells");
  const header = traceOf(fig, table, "table").header.values.map(String);
  const col = (name: string) => cols[header.indexOf(name)];
  return {
    threshold: Number(step.value),
    line: step.args[1]["shapes[1].x0"],
    markerX: step.args[0].x[0] ?? assert.fail("the step moves the markers"),
    markerY: step.args[0].y[0] ?? assert.fail("the step moves the markers"),
    col,
  };
}

test("threshold explorer: at each slider step the table's counts equal confusionAt on OOF and test at that threshold", () => {
  assert.deepEqual(
    slider.steps.map((s) => Number(s.value)),
    [0.1, 0.3, 0.4758, 0.5, 0.7, 0.99],
  );
  for (const k of [0, 2, 3, 5]) {
    const shown = shownAt(k);
    assert.equal(shown.line, shown.threshold, "the marker line moves to the step's threshold");
    [oof, test_].forEach((split, row) => {
      const c = confusionAt(split.y, split.scores, shown.threshold);
      assert.deepEqual(
        ["TP", "FP", "TN", "FN"].map((h) => shown.col(h)[row]),
        [c.tp, c.fp, c.tn, c.fn],
        `step ${k}, row ${row}`,
      );
      assert.equal(shown.col("n")[row], split.y.length);
      const flagged = c.tp + c.fp;
      assert.equal(shown.col("flagged (share)")[row], `${flagged} (${((100 * flagged) / split.y.length).toFixed(1)}%)`);
      assert.equal(shown.col("precision")[row], flagged ? (c.tp / flagged).toFixed(3) : "undefined");
      assert.equal(shown.col("recall")[row], (c.tp / (c.tp + c.fn)).toFixed(3));
      // Markers: precision, recall, flagged share for OOF, then test; a gap where precision is undefined.
      assert.deepEqual(shown.markerY.slice(3 * row, 3 * row + 3), [
        flagged ? c.tp / flagged : null,
        c.tp / (c.tp + c.fn),
        flagged / split.y.length,
      ]);
    });
    assert.ok(shown.markerX.every((x) => x === shown.threshold));
  }
  // At 0.5 the ties count as flagged (score ≥ threshold): OOF flags 0.9, 0.8, 0.5, 0.5.
  assert.deepEqual(
    ["TP", "FP"].map((h) => shownAt(3).col(h)[0]),
    [3, 1],
  );
});

test("threshold explorer: starts at the chosen threshold, whose numbers are also in the initial table and curves", () => {
  const start = slider.steps[slider.active];
  assert.equal(Number(start.value), 0.4758);
  assert.match(start.label, /chosen/);
  const initial = traceOf(fig, table, "table").cells.values;
  assert.deepEqual(initial, start.args[0]["cells.values"][1]);
  const precisionOof = fig.data.find((d) => d.type === "scatter" && d.name === "precision (OOF)");
  assert.ok(precisionOof?.type === "scatter", "a precision (OOF) curve");
  const c = confusionAt(oof.y, oof.scores, 0.99);
  assert.equal(c.tp + c.fp, 0);
  assert.equal(precisionOof.y.at(-1), null, "precision is a gap, not 0, where nothing is flagged");
  assert.equal(fig.layout.shapes?.[0].x0, 0.4758, "the chosen threshold stays marked");
});

test("threshold explorer: the default grid runs 0.02…0.98 and the chosen threshold is inserted once", () => {
  const t = explorerThresholds(0.5);
  assert.equal(t.length, 49);
  assert.equal(t[0], 0.02);
  assert.equal(t.at(-1), 0.98);
  assert.equal(explorerThresholds(0.4758).length, 50);
  assert.ok(explorerThresholds(0.4758).every((v, k, a) => k === 0 || v > a[k - 1]));
});
