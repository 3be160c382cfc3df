import type { ExperimentResult } from "../experiment/run";
import type { MetricSet } from "../experiment/evaluate";
import { FLAGGED_GAP_LIMIT, TransferCheck } from "../experiment/transfer";
import { fixed, fixed3 as fmt, interval as ci, metric3, pct, rounded } from "./format";

/** Precision, recall… as shown to people: an undefined ratio says so instead of showing 0. */
export function shown(m: MetricSet, key: "precision" | "recall" | "f1"): string {
  return metric3(m[key]);
}

/** What stands where an interval would: the interval, or "(no interval)" when the run asked for none. */
const NONE_ASKED = "(no interval)";
const ciOf = (m: MetricSet, key: keyof MetricSet["ci"]) => (m.noIntervals ? NONE_ASKED : ci(m.ci[key]));

/** How a table's intervals are described in its caption: "95% bootstrap intervals", or that there are none. */
export function intervalsCaption(result: ExperimentResult): string {
  const { resamples, level } = result.config.bootstrap;
  return resamples === 0
    ? "no intervals: bootstrap.resamples is 0"
    : `${fixed(100 * level, 0)}% bootstrap intervals, ${resamples} resamples`;
}

/** One row per model: the headline numbers on the test split. */
export function summaryTable(result: ExperimentResult): Array<Record<string, string | number>> {
  return result.models.map((m) => ({
    model: m.name,
    threshold: rounded(m.threshold.threshold, 4),
    precision: `${shown(m.test, "precision")} ${ciOf(m.test, "precision")}`.trim(),
    recall: `${shown(m.test, "recall")} ${ciOf(m.test, "recall")}`.trim(),
    F1: `${shown(m.test, "f1")} ${ciOf(m.test, "f1")}`.trim(),
    "average precision": `${fmt(m.test.averagePrecision)} ${ciOf(m.test, "averagePrecision")}`.trim(),
    "ROC-AUC": fmt(m.test.rocAuc),
    accuracy: fixed(m.test.accuracy, 3),
    "TP/FP/FN": `${m.test.confusion.tp}/${m.test.confusion.fp}/${m.test.confusion.fn}`,
  }));
}

/** A fixed-width text table for the terminal. */
export function textTable(rows: Array<Record<string, string | number>>): string {
  if (!rows.length) return "";
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, k) => v.padEnd(width[k])).join("  ");
  return [
    line(cols),
    line(width.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(cols.map((c) => String(r[c])))),
  ].join("\n");
}

/** The operating-point checks as table rows for the report, the notebook and the terminal. */
export function transferTable(checks: readonly TransferCheck[]): Array<Record<string, string>> {
  return checks.map((c) => {
    // null: not checked, either for want of intervals (the run asked for none) or an undefined metric.
    const mark = (inside: boolean | null) => (inside === null ? " not checked" : inside ? " ✓" : " ✗");
    // A run without intervals (holds null) says so where the interval would stand.
    const ci2 = (x: TransferCheck["oof"]["precisionCi"]) => (c.holds === null && !x ? NONE_ASKED : ci(x, "n/a"));
    const side = (v: number | null, x: TransferCheck["oof"]["precisionCi"]) =>
      v === null ? "undefined" : `${metric3(v)} ${ci2(x)}`;
    return {
      model: c.model,
      threshold: fixed(c.threshold, 4),
      [`OOF precision (n=${c.oof.rows})`]: side(c.oof.precision, c.oof.precisionCi),
      [`test precision (n=${c.test.rows})`]: side(c.test.precision, c.test.precisionCi) + mark(c.precisionInside),
      "OOF recall": side(c.oof.recall, c.oof.recallCi),
      "test recall": side(c.test.recall, c.test.recallCi) + mark(c.recallInside),
      "flagged OOF / test": `${pct(c.oof.flagged)} / ${pct(c.test.flagged)} ${c.flaggedGap <= FLAGGED_GAP_LIMIT ? "✓" : "✗"}`,
    };
  });
}
