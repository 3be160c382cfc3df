import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import type { Dash, Figure, LineShape, ScatterTrace, SliderStep, TableTrace } from "./plotly";
import { fixed, pct } from "../util/numberText";

/** Labels and scores of one split (out-of-fold training rows, or the test split). */
export interface ScoredSplit {
  y: ArrayLike<number>;
  scores: ArrayLike<number>;
}

/** What the threshold explorer shows: one model's out-of-fold and test scores and its chosen threshold. */
export interface ThresholdExplorerInput {
  model: string;
  oof: ScoredSplit;
  test: ScoredSplit;
  /** The chosen threshold: the slider starts there and a dotted line marks it. */
  threshold: number;
  /** Slider thresholds besides the chosen one (default 0.02, 0.04, …, 0.98). */
  grid?: readonly number[];
}

/** One split at one threshold: what the explorer's table shows. Precision is null when nothing is flagged. */
export interface OperatingRow {
  split: "OOF" | "test";
  threshold: number;
  n: number;
  flagged: number;
  flaggedShare: number;
  precision: number | null;
  recall: number | null;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The explorer's table row for one split at one threshold (confusion counts, flagged share, precision, recall). */
export function operatingRow(split: OperatingRow["split"], s: ScoredSplit, threshold: number): OperatingRow {
  const c = confusionAt(s.y, s.scores, threshold);
  const m = scoresFromConfusion(c);
  const n = s.y.length;
  return {
    split,
    threshold,
    n,
    flagged: c.tp + c.fp,
    flaggedShare: (c.tp + c.fp) / n,
    precision: m.undefined.includes("precision") ? null : m.precision,
    recall: m.undefined.includes("recall") ? null : m.recall,
    ...c,
  };
}

/** The slider's thresholds: the grid plus the chosen threshold, ascending, without near-duplicates. */
export function explorerThresholds(chosen: number, grid: readonly number[] = defaultGrid()): number[] {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const all = [...grid.filter((t) => !near(t, chosen)), chosen].sort((a, b) => a - b);
  return all.filter((t, k) => k === 0 || !near(t, all[k - 1]));
}

function defaultGrid(): number[] {
  return Array.from({ length: 49 }, (_, k) => Math.round((k + 1) * 2) / 100);
}

const COLORS = { precision: "#1f77b4", recall: "#d62728", flagged: "#2ca02c" };
const fmt = (v: number | null) => (v === null ? "undefined" : fixed(v, 3));
const flaggedText = (r: OperatingRow) => `${r.flagged} (${pct(r.flaggedShare)})`;

/** The table's columns (plotly tables take values column by column). */
function tableColumns(rows: OperatingRow[]): Array<Array<string | number>> {
  return [
    rows.map((r) => r.split),
    rows.map((r) => r.n),
    rows.map(flaggedText),
    rows.map((r) => fmt(r.precision)),
    rows.map((r) => fmt(r.recall)),
    rows.map((r) => r.tp),
    rows.map((r) => r.fp),
    rows.map((r) => r.tn),
    rows.map((r) => r.fn),
  ];
}

/** What one slider step changes in the [markers, table] traces; null leaves a trace's attribute as it is. */
export interface ExplorerTraceChanges {
  x: Array<number[] | null>;
  y: Array<Array<number | null> | null>;
  "cells.values": Array<Array<Array<string | number>> | null>;
}
/** The slider's line (shapes[1]) moves to the step's threshold. */
export interface ExplorerLayoutChanges {
  "shapes[1].x0": number;
  "shapes[1].x1": number;
}

/** The six marker positions at one threshold: precision, recall, flagged share for OOF, then for test. */
function markerValues(rows: OperatingRow[]): Array<number | null> {
  return rows.flatMap((r) => [r.precision, r.recall, r.flaggedShare]);
}

/**
 * An interactive threshold explorer: precision, recall and the share of messages flagged against the threshold,
 * out-of-fold (solid) and on test (dashed), with a slider that moves a marker line and updates a table of the
 * confusion counts on both splits. Each slider step is a plotly `update` (no frames), so the figure is plain JSON.
 */
export function thresholdExplorerFigure(input: ThresholdExplorerInput): Figure {
  const { model, oof, test, threshold } = input;
  const thresholds = explorerThresholds(threshold, input.grid);
  const at = (t: number) => [operatingRow("OOF", oof, t), operatingRow("test", test, t)];
  const perStep = thresholds.map(at);
  const curve = (split: 0 | 1, pick: (r: OperatingRow) => number | null) => perStep.map((rows) => pick(rows[split]));
  // One line per quantity and split; a gap where the quantity is undefined (precision with nothing flagged).
  const quantities = [
    ["precision", (r: OperatingRow) => r.precision, COLORS.precision],
    ["recall", (r: OperatingRow) => r.recall, COLORS.recall],
    ["flagged share", (r: OperatingRow) => r.flaggedShare, COLORS.flagged],
  ] as const;
  const splits = [
    [0, "OOF", "solid"],
    [1, "test", "dash"],
  ] as const;
  const lines: ScatterTrace[] = splits.flatMap(([split, name, dash]) =>
    quantities.map(
      ([quantity, pick, color]): ScatterTrace => ({
        type: "scatter",
        mode: "lines",
        name: `${quantity} (${name})`,
        x: thresholds,
        y: curve(split, pick),
        line: { color, dash },
        connectgaps: false,
      }),
    ),
  );
  const start = thresholds.findIndex((t) => t === threshold);
  const startRows = perStep[start];
  const markerColors = [
    COLORS.precision,
    COLORS.recall,
    COLORS.flagged,
    COLORS.precision,
    COLORS.recall,
    COLORS.flagged,
  ];
  const markers: ScatterTrace = {
    type: "scatter",
    mode: "markers",
    name: "at the slider's threshold",
    showlegend: false,
    x: markerValues(startRows).map(() => threshold),
    y: markerValues(startRows),
    marker: {
      size: 9,
      color: markerColors,
      symbol: ["circle", "circle", "circle", "circle-open", "circle-open", "circle-open"],
      line: { width: 2, color: markerColors },
    },
    hoverinfo: "y",
  };
  const table: TableTrace = {
    type: "table",
    domain: { x: [0, 1], y: [0, 0.2] },
    columnwidth: [50, 50, 90, 70, 60, 40, 40, 45, 40],
    header: {
      values: ["split", "n", "flagged (share)", "precision", "recall", "TP", "FP", "TN", "FN"],
      fill: { color: "#f3f3f3" },
      align: "center",
      font: { size: 13 },
    },
    cells: { values: tableColumns(startRows), align: "center", height: 26, font: { size: 13 } },
  };
  const data = [...lines, markers, table];
  const markerIndex = lines.length;
  const tableIndex = lines.length + 1;
  const line = (t: number, dash: Dash, color: string): LineShape => ({
    type: "line",
    xref: "x",
    yref: "paper",
    x0: t,
    x1: t,
    y0: 0.5,
    y1: 1,
    line: { color, dash, width: 1.5 },
  });
  const steps = thresholds.map(
    (t, k): SliderStep<ExplorerTraceChanges, ExplorerLayoutChanges> => ({
      method: "update",
      label: t === threshold ? `${fixed(t, 3)} (chosen)` : fixed(t, 2),
      value: String(t),
      args: [
        // Per-trace values for [markers, table]; null leaves an attribute the trace does not have untouched.
        {
          x: [markerValues(perStep[k]).map(() => t), null],
          y: [markerValues(perStep[k]), null],
          "cells.values": [null, tableColumns(perStep[k])],
        },
        { "shapes[1].x0": t, "shapes[1].x1": t },
        [markerIndex, tableIndex],
      ],
    }),
  );
  return {
    data,
    layout: {
      title: { text: `${model}: move the threshold (solid: out-of-fold training scores, dashed: test split)` },
      xaxis: { title: { text: "threshold (flag when score ≥ threshold)", standoff: 4 }, range: [0, 1], domain: [0, 1] },
      yaxis: { title: { text: "value" }, range: [0, 1.02], domain: [0.5, 1] },
      shapes: [line(threshold, "dot", "#777"), line(threshold, "solid", "#222")],
      legend: { orientation: "v", x: 1.02, y: 1 },
      margin: { l: 60, r: 20, t: 50, b: 20 },
      height: 700,
      sliders: [
        {
          active: start,
          steps,
          x: 0,
          len: 1,
          y: 0.37,
          yanchor: "top",
          pad: { t: 0, b: 0 },
          ticklen: 3,
          // 50 step labels would overlap: hide them and show the current one above the slider.
          font: { color: "rgba(0,0,0,0)", size: 8 },
          currentvalue: {
            visible: true,
            prefix: "slider at threshold ",
            xanchor: "left",
            offset: 6,
            font: { size: 14, color: "#222" },
          },
        },
      ],
    },
  };
}
