import { wilson } from "../metrics/proportion";
import type { Interval } from "../metrics/interval";
import type { LabelSets } from "../labels/labelSets";
import type { DatasetAudit } from "./auditDataset";
import type { Suspect } from "./confidentLearning";
import { InvalidInputError } from "../errors";

/**
 * The audit as a review queue over every row: confident learning's suspects first (most suspect first), then every
 * other row by how little the model believes its label. A reviewer with a budget of k labels takes the first k.
 */
export function reviewQueue(audit: DatasetAudit): Suspect[] {
  const flagged = new Set(audit.suspects.map((s) => s.index));
  return [...audit.suspects, ...audit.ranking.filter((s) => !flagged.has(s.index))];
}

/** How many of a review budget's rows the rerun or the refined prompt also disputes, against the base rate. */
export interface AuditHitRate {
  /** The review budget asked for, and the rows reviewed (fewer when the queue is shorter). */
  requested: number;
  n: number;
  /** How many of the reviewed rows are confident-learning suspects (the rest come from the ranking after them). */
  suspects: number;
  /** Reviewed rows that a rerun or the refined prompt labels differently. */
  hits: number;
  hitRate: number;
  /** Wilson 95% interval of the hit rate (n: rows reviewed). */
  hitRateInterval: Interval;
  /** Disputed rows among all audited rows: what reviewing at random finds, per row. */
  baseRate: number;
  disputed: number;
  /** Rows audited. */
  rows: number;
  /** Share of all disputed rows the budget finds (Wilson; n: all disputed rows). */
  recall: Interval;
  /**
   * Hit rate over the base rate, with the hit rate's Wilson bounds divided by it: the base rate is a count over every
   * audited row, not a sample, so the interval is the hit rate's.
   */
  lift: Interval;
}

/**
 * How many of the first N rows of the review queue are also messages where the labeler disagreed with itself (rerun)
 * or with the refined prompt, against the base rate over all rows, for several review budgets. A budget past the
 * queue's length reviews the same rows as the first budget that reached them all, so it adds no row.
 */
export function auditHitRates(audit: DatasetAudit, sets: LabelSets, tops: number[]): AuditHitRate[] {
  if (sets.ids.length !== audit.ids.length || sets.ids.some((id, i) => id !== audit.ids[i]))
    throw new InvalidInputError("labelSets", "label sets must be aligned with the audited rows");
  const disputedRow = (i: number) => sets.original[i] !== sets.rerun[i] || sets.original[i] !== sets.refined[i];
  const disputed = sets.ids.filter((_, i) => disputedRow(i)).length;
  if (!disputed)
    throw new InvalidInputError(
      "labelSets",
      "no row is disputed by the rerun or the refined prompt: no hit rate to measure",
    );
  const baseRate = disputed / sets.ids.length;
  const queue = reviewQueue(audit);
  const flagged = new Set(audit.suspects.map((s) => s.index));
  const rates = tops.map((requested): AuditHitRate => {
    if (!(Number.isInteger(requested) && requested >= 1))
      throw new InvalidInputError("budget", `a review budget must be an integer ≥ 1, got ${requested}`);
    const top = queue.slice(0, requested);
    const hits = top.filter((s) => disputedRow(s.index)).length;
    const hitRateInterval = wilson(hits, top.length);
    return {
      requested,
      n: top.length,
      suspects: top.filter((s) => flagged.has(s.index)).length,
      hits,
      hitRate: hits / top.length,
      hitRateInterval,
      baseRate,
      disputed,
      rows: sets.ids.length,
      recall: wilson(hits, disputed),
      lift: {
        estimate: hitRateInterval.estimate / baseRate,
        low: hitRateInterval.low / baseRate,
        high: hitRateInterval.high / baseRate,
        level: hitRateInterval.level,
        method: "Wilson ÷ base rate",
        n: top.length,
      },
    };
  });
  return rates.filter((r, k) => rates.findIndex((q) => q.n === r.n) === k);
}
