import type { ExperimentResult } from "../experiment/run";
import type { MetricSet } from "../experiment/evaluate";
import { FLAGGED_GAP_LIMIT, TransferCheck } from "../experiment/transfer";
import { fixed3 as fmt, interval as ci, metric3, pct } from "./format";

/** Precision, recall… as shown to people: an undefined ratio says so instead of showing 0. */
export function shown(m: MetricSet, key: "precision" | "recall" | "f1"): string {
  return metric3(m[key]);
}

/** One row per model: the headline numbers on the test split. */
export function summaryTable(result: ExperimentResult): Array<Record<string, string | number>> {
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
  return [
    line(cols),
    line(width.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(cols.map((c) => String(r[c])))),
  ].join("\n");
}

/** The operating-point checks as table rows for the report, the notebook and the terminal. */
export function transferTable(checks: readonly TransferCheck[]): Array<Record<string, string>> {
  const ci2 = (c: TransferCheck["oof"]["precisionCi"]) => ci(c, "n/a");
  const mark = (inside: boolean | null) => (inside === null ? "" : inside ? " ✓" : " ✗");
  const side = (v: number | null, c: TransferCheck["oof"]["precisionCi"]) =>
    v === null ? "undefined" : `${metric3(v)} ${ci2(c)}`;
  return checks.map((c) => ({
    model: c.model,
    threshold: c.threshold.toFixed(4),
    [`OOF precision (n=${c.oof.rows})`]: side(c.oof.precision, c.oof.precisionCi),
    [`test precision (n=${c.test.rows})`]: side(c.test.precision, c.test.precisionCi) + mark(c.precisionInside),
    "OOF recall": side(c.oof.recall, c.oof.recallCi),
    "test recall": side(c.test.recall, c.test.recallCi) + mark(c.recallInside),
    "flagged OOF / test": `${pct(c.oof.flagged)} / ${pct(c.test.flagged)} ${c.flaggedGap <= FLAGGED_GAP_LIMIT ? "✓" : "✗"}`,
  }));
}
