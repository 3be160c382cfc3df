import { Estimate, wilson } from "../metrics/proportion";
import type { LabelSets } from "../labels/labelSets";
import type { DatasetAudit } from "./auditDataset";

/**
 * How many of the top N suspects are also messages where the labeler
 * disagreed with itself (rerun) or with the refined prompt, against the base
 * rate over all rows: the audit's hit rate and its lift over random review.
 */
export function auditHit(
  audit: DatasetAudit,
  sets: LabelSets,
  n: number,
): { n: number; hits: number; hitRate: number; hitRateInterval: Estimate | null; baseRate: number } {
  if (sets.ids.length !== audit.ids.length || sets.ids.some((id, i) => id !== audit.ids[i]))
    throw new Error("label sets must be aligned with the audited rows");
  const disputed = (i: number) => sets.original[i] !== sets.rerun[i] || sets.original[i] !== sets.refined[i];
  const top = audit.suspects.slice(0, n);
  const hits = top.filter((s) => disputed(s.index)).length;
  return {
    n: top.length,
    hits,
    hitRate: top.length ? hits / top.length : 0,
    // Few suspects make a wide interval: 6 of 10 is anywhere from about 30% to 80%.
    hitRateInterval: top.length ? wilson(hits, top.length) : null,
    baseRate: sets.ids.filter((_, i) => disputed(i)).length / sets.ids.length,
  };
}

export interface AuditHitRate {
  /** How many suspects were asked for, and how many there were (fewer when the audit flagged fewer). */
  requested: number;
  n: number;
  hits: number;
  hitRate: number;
  /** Wilson 95% interval of the hit rate (null when there are no suspects to review). */
  hitRateInterval: Estimate | null;
  baseRate: number;
}

/**
 * The audit's hit rate for several review budgets (numbers; present/audit.ts formats them). A budget past the
 * number of suspects reviews the same rows as the first budget that reached them all, so it adds no row.
 */
export function auditHitRates(audit: DatasetAudit, sets: LabelSets, tops: number[]): AuditHitRate[] {
  const rates = tops.map((requested) => ({ requested, ...auditHit(audit, sets, requested) }));
  return rates.filter((r, k) => rates.findIndex((q) => q.n === r.n) === k);
}
