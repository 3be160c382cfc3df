import type { ConfidenceInterval } from "../metrics/bootstrap";
import type { ExperimentResult } from "../experiment/run";
import type { MetricSet } from "../experiment/evaluate";

const fmt = (v: number | null) => (v === null ? "n/a" : v.toFixed(3));
const ci = (c: ConfidenceInterval | null) => (c ? `[${c.low.toFixed(2)}, ${c.high.toFixed(2)}]` : "");

/** Precision, recall… as shown to people: an undefined ratio says so instead of showing 0. */
export function shown(m: MetricSet, key: "precision" | "recall" | "f1"): string {
  return m.undefinedMetrics.includes(key) ? "undefined" : m[key].toFixed(3);
}

/** One row per model: the headline numbers on the test split. */
export function summaryRows(result: ExperimentResult): Array<Record<string, string | number>> {
  return result.models.map((m) => ({
    model: m.name,
    threshold: Number(m.threshold.threshold.toFixed(4)),
    precision: `${shown(m.test, "precision")} ${ci(m.test.ci.precision)}`.trim(),
    recall: `${shown(m.test, "recall")} ${ci(m.test.ci.recall)}`.trim(),
    F1: `${shown(m.test, "f1")} ${ci(m.test.ci.f1)}`.trim(),
    "average precision": `${fmt(m.test.averagePrecision)} ${ci(m.test.ci.averagePrecision)}`.trim(),
    "ROC-AUC": fmt(m.test.rocAuc),
    accuracy: m.test.accuracy.toFixed(3),
    "TP/FP/FN": `${m.test.confusion.tp}/${m.test.confusion.fp}/${m.test.confusion.fn}`,
  }));
}

/** A fixed-width text table for the terminal. */
export function textTable(rows: Array<Record<string, string | number>>): string {
  if (!rows.length) return "";
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, k) => v.padEnd(width[k])).join("  ");
  return [line(cols), line(width.map((w) => "-".repeat(w))), ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join("\n");
}
