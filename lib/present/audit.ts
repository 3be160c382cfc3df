// Tables for the label audit: lib/audit returns suspects and hit rates as numbers, these turn them into text.
import type { DatasetAudit } from "../audit/auditDataset";
import type { AuditHitRate } from "../audit/summary";
import type { Interval } from "../metrics/interval";
import { fixed, pct, trueFalse, rounded } from "./format";
import { roughly } from "./labelEvidence";

/** The top suspects as table rows, most suspect first, with their text. */
export function suspectTable(audit: DatasetAudit, top: number): Array<Record<string, string | number>> {
  return audit.suspects.slice(0, top).map((s, k) => ({
    rank: k + 1,
    id: audit.ids[s.index],
    label: trueFalse(s.givenLabel),
    "model suggests": trueFalse(s.suggestedLabel),
    "P(label)": rounded(s.selfConfidence, 3),
    message: audit.texts[s.index],
  }));
}

/** The review queue's hit rate per budget against the base rate: its lift over random review and its recall. */
export function auditHitRateTable(rows: readonly AuditHitRate[]): Array<Record<string, string | number>> {
  // Whole percents and two significant figures: these intervals rest on tens of rows, not thousands.
  const range = (e: Interval, f: (x: number) => string) => `[${f(e.low)}, ${f(e.high)}]`;
  const pct0 = (x: number) => `${fixed(100 * x, 0)}%`;
  const times = (x: number) => `${roughly(x, 2)}×`;
  return rows.map((h) => ({
    "first N in the queue": `${h.n}${h.n < h.requested ? " (all rows)" : ""}`,
    "of them suspects": h.suspects,
    "disputed by rerun or refined prompt": h.hits,
    "hit rate [95% Wilson]": `${pct0(h.hitRate)} ${range(h.hitRateInterval, pct0)}`,
    "base rate (all rows)": `${pct(h.baseRate)} (${h.disputed} of ${h.rows})`,
    "lift [95%]": `${times(h.lift.estimate)} ${range(h.lift, times)}`,
    "share of disputed rows found [95% Wilson]": `${pct0(h.recall.estimate)} ${range(h.recall, pct0)}`,
  }));
}
