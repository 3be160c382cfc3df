import type { Confusion } from "../metrics/confusion";
import { precisionRecallCurve } from "../metrics/curves";
import type { Interval } from "../metrics/interval";
import type { Figure, Layout, LineShape } from "./plotly";
import { base, COLORS } from "./style";
import { fixed, pct } from "../util/numberText";

/** A model's scores on labeled rows, and the threshold it flags at (drawn where given). */
export interface ScoredModel {
  name: string;
  y: readonly number[];
  scores: ArrayLike<number>;
  threshold?: number;
}

/** Precision–recall curves (step-wise, as average precision integrates them), with each model's chosen operating point. */
export function prCurveFigure(models: readonly ScoredModel[], title = "Precision–recall curves"): Figure {
  const data: Figure["data"] = [];
  models.forEach((m, k) => {
    const c = precisionRecallCurve(m.y, m.scores);
    const color = COLORS[k % COLORS.length];
    if (c.thresholds.length <= 2) {
      // A rule with one or two distinct scores has operating points, not a curve: a step line through the
      // conventional (recall 0, precision 1) end point would look like a near-perfect classifier.
      data.push({
        type: "scatter",
        mode: "markers",
        name: `${m.name} (rule: operating points)`,
        x: c.recall.slice(0, -1),
        y: c.precision.slice(0, -1),
        marker: { size: 10, color, symbol: "diamond" },
      });
      return;
    }
    data.push({
      type: "scatter",
      mode: "lines",
      name: m.name,
      x: c.recall,
      y: c.precision,
      line: { shape: "vh", color },
    });
    const threshold = m.threshold;
    if (threshold !== undefined) {
      const i = c.thresholds.findIndex((t) => t >= threshold);
      if (i >= 0) {
        data.push({
          type: "scatter",
          mode: "markers",
          name: `${m.name} @ ${fixed(threshold, 3)}`,
          x: [c.recall[i]],
          y: [c.precision[i]],
          marker: { size: 11, color, symbol: "x" },
          showlegend: false,
        });
      }
    }
  });
  const prevalence = models.length ? models[0].y.reduce((a, b) => a + b, 0) / models[0].y.length : 0;
  data.push({
    type: "scatter",
    mode: "lines",
    name: `no skill (${pct(prevalence)} positive)`,
    x: [0, 1],
    y: [prevalence, prevalence],
    line: { dash: "dot", color: "#999" },
  });
  return {
    data,
    layout: base(title, "recall", "precision", {
      xaxis: { title: { text: "recall" }, range: [0, 1.02] },
      yaxis: { title: { text: "precision" }, range: [0, 1.02] },
    }),
  };
}

/** Precision, recall and F1 as the threshold moves, with the chosen threshold marked. */
export function thresholdSweepFigure(m: ScoredModel, title = `Threshold sweep: ${m.name}`): Figure {
  const c = precisionRecallCurve(m.y, m.scores);
  const t = c.thresholds;
  const p = c.precision.slice(0, t.length);
  const r = c.recall.slice(0, t.length);
  const f1 = p.map((pi, i) => (pi + r[i] > 0 ? (2 * pi * r[i]) / (pi + r[i]) : 0));
  const data: Figure["data"] = [
    { type: "scatter", mode: "lines", name: "precision", x: t, y: p, line: { color: COLORS[0] } },
    { type: "scatter", mode: "lines", name: "recall", x: t, y: r, line: { color: COLORS[1] } },
    { type: "scatter", mode: "lines", name: "F1", x: t, y: f1, line: { color: COLORS[2], dash: "dash" } },
  ];
  const shapes: LineShape[] =
    m.threshold === undefined
      ? []
      : [{ type: "line", x0: m.threshold, x1: m.threshold, y0: 0, y1: 1, line: { color: "#333", dash: "dot" } }];
  return {
    data,
    layout: base(title, "threshold (flag when score ≥ threshold)", "value", {
      shapes,
      yaxis: { range: [0, 1.02], title: { text: "value" } },
    }),
  };
}

/** A 2×2 confusion matrix as a labeled heatmap. */
export function confusionFigure(c: Confusion, title = "Confusion matrix"): Figure {
  const z = [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
  const text = [
    [`TN ${c.tn}`, `FP ${c.fp}`],
    [`FN ${c.fn}`, `TP ${c.tp}`],
  ];
  return {
    // A light scale so the black counts stay readable on every cell.
    data: [
      {
        type: "heatmap",
        z,
        x: ["predicted False", "predicted True"],
        y: ["labeled False", "labeled True"],
        text,
        texttemplate: "%{text}",
        textfont: { size: 16, color: "#111" },
        colorscale: [
          [0, "#f4f8fc"],
          [1, "#7fb0de"],
        ],
        showscale: false,
      },
    ],
    layout: {
      ...base(title, "", ""),
      height: 320,
      margin: { l: 110, r: 20, t: 50, b: 50 },
      yaxis: { autorange: "reversed" },
    },
  };
}

/** Bars with error bars: one metric per model, e.g. test precision with its bootstrap interval. */
export function intervalFigure(
  rows: Array<{ label: string; interval: Interval }>,
  title: string,
  yTitle: string,
): Figure {
  return {
    data: [
      {
        type: "bar",
        x: rows.map((r) => r.label),
        y: rows.map((r) => r.interval.estimate),
        error_y: {
          type: "data",
          symmetric: false,
          array: rows.map((r) => r.interval.high - r.interval.estimate),
          arrayminus: rows.map((r) => r.interval.estimate - r.interval.low),
        },
        marker: { color: COLORS[0] },
      },
    ],
    layout: base(title, "", yTitle, { yaxis: { range: [0, 1.05], title: { text: yTitle } }, showlegend: false }),
  };
}

/**
 * Cross-validated score against a hyperparameter on a log axis (e.g. average precision against C). With `choice`,
 * the chosen value is ringed and a dashed line marks the floor a rule admits (e.g. best mean − one standard error).
 */
export function cvCurveFigure(
  points: Array<{ param: number; mean: number; folds: number[] }>,
  paramName: string,
  title = `Cross-validation: ${paramName}`,
  choice?: { param: number; floor?: number; label: string },
): Figure {
  const data: Figure["data"] = [
    {
      type: "scatter",
      mode: "lines+markers",
      name: "mean over folds",
      x: points.map((p) => p.param),
      y: points.map((p) => p.mean),
    },
    {
      type: "scatter",
      mode: "markers",
      name: "each fold",
      x: points.flatMap((p) => p.folds.map(() => p.param)),
      y: points.flatMap((p) => p.folds),
      marker: { color: "#bbb", size: 6 },
    },
  ];
  const chosen = choice && points.find((p) => p.param === choice.param);
  if (choice && chosen)
    data.push({
      type: "scatter",
      mode: "markers",
      name: choice.label,
      x: [chosen.param],
      y: [chosen.mean],
      marker: { size: 16, color: "rgba(0,0,0,0)", line: { color: COLORS[1], width: 2 } },
    });
  const params = points.map((p) => p.param);
  const shapes: LineShape[] =
    choice?.floor === undefined
      ? []
      : [
          {
            type: "line",
            x0: Math.min(...params),
            x1: Math.max(...params),
            y0: choice.floor,
            y1: choice.floor,
            line: { color: COLORS[1], dash: "dash" },
          },
        ];
  return {
    data,
    layout: base(title, paramName, "average precision", { xaxis: { type: "log", title: { text: paramName } }, shapes }),
  };
}

/** Grouped bars: one group per category, one bar per series. */
export function groupedBarFigure(
  categories: string[],
  series: Array<{ name: string; values: Array<number | null> }>,
  title: string,
  yTitle: string,
  extra: Layout = {},
): Figure {
  return {
    data: series.map((s, k) => ({
      type: "bar",
      name: s.name,
      x: categories,
      y: s.values,
      marker: { color: COLORS[k % COLORS.length] },
    })),
    layout: { ...base(title, "", yTitle), barmode: "group", ...extra },
  };
}
