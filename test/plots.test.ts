import { test } from "node:test";
import assert from "node:assert/strict";
import { calibrationFigure } from "../lib/plots/calibrationFigure";
import {
  confusionFigure,
  cvCurveFigure,
  groupedBarFigure,
  prCurveFigure,
  thresholdSweepFigure,
} from "../lib/plots/figures";
import { figureHtml, plotlyScriptTag } from "../lib/plots/html";
import { htmlTable } from "../lib/plots/notebook";
import { precisionRecallCurve } from "../lib/metrics/curves";
import { calibrationBins } from "../lib/metrics/probabilistic";
import { traceOf, tracesOf } from "./helpers";

const y = [0, 1, 1, 0, 1, 0, 0, 0];
const s = [0.1, 0.9, 0.6, 0.4, 0.35, 0.2, 0.05, 0.7];

test("PR figure: one step-wise trace per model built from the metric, the operating point, and the no-skill line", () => {
  const fig = prCurveFigure([{ name: "m", y, scores: s, threshold: 0.6 }]);
  const c = precisionRecallCurve(y, s);
  const [curve, point, noSkill] = tracesOf(fig, "scatter");
  assert.deepEqual(curve.x, c.recall);
  assert.deepEqual(curve.y, c.precision);
  assert.equal(curve.line?.shape, "vh");
  const i = c.thresholds.indexOf(0.6);
  assert.deepEqual([point.x[0], point.y[0]], [c.recall[i], c.precision[i]]);
  assert.deepEqual(noSkill.y, [3 / 8, 3 / 8]);
});

test("threshold sweep: precision, recall and F1 over the thresholds, chosen threshold marked", () => {
  const fig = thresholdSweepFigure({ name: "m", y, scores: s, threshold: 0.4 });
  assert.deepEqual(
    fig.data.map((d) => ("name" in d ? d.name : undefined)),
    ["precision", "recall", "F1"],
  );
  const [p, r, f] = tracesOf(fig, "scatter").map((t) => t.y.map(Number));
  f.forEach((v, k) => assert.ok(Math.abs(v - (p[k] + r[k] ? (2 * p[k] * r[k]) / (p[k] + r[k]) : 0)) < 1e-12));
  assert.equal(fig.layout.shapes?.[0].x0, 0.4);
});

test("confusion, calibration, CV and grouped-bar figures carry the numbers they show", () => {
  const conf = confusionFigure({ tp: 3, fp: 1, tn: 10, fn: 2 });
  assert.deepEqual(traceOf(conf, 0, "heatmap").z, [
    [10, 1],
    [2, 3],
  ]);
  const cal = calibrationFigure([{ name: "m", y, scores: s }], 5);
  assert.deepEqual(
    traceOf(cal, 1, "scatter").x,
    calibrationBins(y, s, 5).map((b) => b.meanPredicted),
  );
  const cv = cvCurveFigure([{ param: 1, mean: 0.5, folds: [0.4, 0.6] }], "C");
  assert.equal(cv.layout.xaxis?.type, "log");
  assert.deepEqual(traceOf(cv, 1, "scatter").y, [0.4, 0.6]);
  const bars = groupedBarFigure(["a", "b"], [{ name: "x", values: [1, 2] }], "t", "y");
  assert.deepEqual(traceOf(bars, 0, "bar").y, [1, 2]);
});

test("figure HTML draws into its own div, and escapes '<' in the data; the bundle tag is safe to inline", () => {
  const html = figureHtml({ data: [{ type: "bar", name: "</script><b>", x: [1], y: [1] }], layout: {} }, "fig-x");
  assert.match(html, /<div id="fig-x"/);
  assert.match(html, /Plotly\.newPlot\("fig-x"/);
  assert.doesNotMatch(html, /<\/script><b>/);
  const tag = plotlyScriptTag();
  assert.ok(tag.length > 1e6, "the whole bundle is inlined");
  assert.equal((tag.match(/<\/script/gi) ?? []).length, 1, "only the closing tag");
});

test("HTML tables escape text and right-align numbers", () => {
  const t = htmlTable([{ name: "<b>x</b>", value: 0.12345 }], "cap");
  assert.match(t, /&lt;b&gt;x&lt;\/b&gt;/);
  assert.match(t, /<td style="text-align:right">0\.123<\/td>/);
  assert.match(t, /<caption[^>]*>cap<\/caption>/);
});

test("a rule with one or two distinct scores is drawn as operating points, not as a curve", () => {
  const fig = prCurveFigure([{ name: "rule", y, scores: s.map((v) => (v >= 0.5 ? 1 : 0)) }]);
  const trace = traceOf(fig, 0, "scatter");
  assert.equal(trace.mode, "markers");
  const x = trace.x.map(Number);
  assert.ok(!x.includes(0) || trace.y[x.indexOf(0)] !== 1, "the artificial (0, 1) end point is not drawn");
});
