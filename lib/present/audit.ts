// Tables for the label audit: lib/audit returns suspects and hit rates as numbers, these turn them into text.
import type { DatasetAudit } from "../audit/auditDataset";
import type { AuditHitRate } from "../audit/summary";
import { pct, trueFalse } from "./format";

/** The top suspects as table rows, most suspect first, with their text. */
export function suspectTable(audit: DatasetAudit, top: number): Array<Record<string, string | number>> {
  return audit.suspects.slice(0, top).map((s, k) => ({
    rank: k + 1,
    id: audit.ids[s.index],
    label: trueFalse(s.givenLabel),
    "model suggests": trueFalse(s.suggestedLabel),
    "P(label)": Number(s.selfConfidence.toFixed(3)),
    message: audit.texts[s.index],
  }));
}

/** The audit's hit rate per review budget, against the base rate, with its lift over random review. */
export function auditHitRateTable(rows: readonly AuditHitRate[]): Array<Record<string, string | number>> {
  return rows.map((h) => ({
    "top N suspects": `${h.n}${h.n < h.requested ? ` (all flagged)` : ""}`,
    "also disputed by rerun or refined prompt": h.hits,
    "hit rate": pct(h.hitRate),
    "95% interval (Wilson)": h.hitRateInterval ? `[${pct(h.hitRateInterval.lo)}, ${pct(h.hitRateInterval.hi)}]` : "",
    "base rate (all rows)": pct(h.baseRate),
    lift: h.baseRate > 0 ? `${(h.hitRate / h.baseRate).toFixed(1)}×` : "n/a",
  }));
}
