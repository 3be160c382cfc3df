import type { LabelSets } from "../labels/labelSets";
import type { DatasetAudit } from "./auditDataset";

/** The top suspects as table rows, with their text. */
export function suspectRows(audit: DatasetAudit, top: number): Array<Record<string, string | number>> {
  return audit.suspects.slice(0, top).map((s, k) => ({
    rank: k + 1,
    id: audit.ids[s.index],
    label: s.givenLabel ? "True" : "False",
    "model suggests": s.suggestedLabel ? "True" : "False",
    "P(label)": Number(s.selfConfidence.toFixed(3)),
    message: audit.texts[s.index],
  }));
}

/**
 * How many of the top N suspects are also messages where the labeler
 * disagreed with itself (rerun) or with the refined prompt, against the base
 * rate over all rows: the audit's hit rate and its lift over random review.
 */
export function auditHitRates(audit: DatasetAudit, sets: LabelSets, tops: number[]): Array<Record<string, string | number>> {
  if (sets.ids.some((id, i) => id !== audit.ids[i])) throw new Error("label sets must be aligned with the audited rows");
  const disputed = (i: number) => sets.original[i] !== sets.rerun[i] || sets.original[i] !== sets.refined[i];
  const base = sets.ids.filter((_, i) => disputed(i)).length / sets.ids.length;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return tops.map((n) => {
    const top = audit.suspects.slice(0, n);
    const hits = top.filter((s) => disputed(s.index)).length;
    const rate = top.length ? hits / top.length : 0;
    return {
      "top N suspects": `${top.length}${top.length < n ? ` (all flagged)` : ""}`,
      "also disputed by rerun or refined prompt": hits,
      "hit rate": pct(rate),
      "base rate (all rows)": pct(base),
      lift: base > 0 ? `${(rate / base).toFixed(1)}×` : "n/a",
    };
  });
}
