import { InvalidInputError } from "../errors";
import type { Assumed } from "./economics";
// How many human labels a gold set needs to pin down the model's precision, and its recall.
const Z95 = 1.959963984540054;

/** Items needed so a proportion near p is known to ±halfWidth (normal approximation). */
export function itemsForProportion(p: number, halfWidth: number, z = Z95): number {
  if (!(p >= 0 && p <= 1)) throw new InvalidInputError("p", `proportion must be in [0, 1], got ${p}`);
  if (!(halfWidth > 0 && halfWidth < 1))
    throw new InvalidInputError("halfWidth", `half-width must be in (0, 1), got ${halfWidth}`);
  return Math.ceil((z * z * Math.max(p * (1 - p), 1e-9)) / (halfWidth * halfWidth));
}

/** A measured operating point: precision, recall and the share of messages flagged. */
export interface OperatingPoint {
  precision: number;
  recall: number;
  /** Share of messages the model flags. */
  flagRate: number;
}

/** How many human labels a gold set needs to measure precision and recall to a half-width, and how to sample them. */
export interface GoldSetPlan {
  halfWidth: number;
  /** Precision: label flagged messages only; messages seen = flagged needed / flag rate. */
  precisionFlaggedToLabel: number;
  precisionMessagesSeen: number;
  /** Share of unflagged messages that are positives (what recall's denominator hides). */
  missRate: number;
  /** Recall by simple random sampling: positives needed, and messages to label to find them. */
  recallPositivesNeeded: number;
  recallMessagesToLabel: number;
  /**
   * Recall with a stratified sample: unflagged messages to label, in the best case where the
   * flagged side is known exactly (delta method on R = f·p / (f·p + (1 − f)·q)).
   */
  recallUnflaggedToLabel: number;
  /** Missed positives that many unflagged labels are expected to find. */
  recallMissesFound: number;
}

/** Gold-set sizes for precision and recall at a measured operating point (95%, normal approximation). */
export function goldSetPlan(op: OperatingPoint, halfWidth: number, z = Z95): GoldSetPlan {
  const { precision: p, recall: r, flagRate: f } = op;
  if (!(f > 0 && f < 1) || !(r > 0 && r <= 1) || !(p > 0 && p <= 1))
    throw new InvalidInputError(
      "op",
      `operating point needs 0 < precision, recall ≤ 1 and 0 < flag rate < 1 (got ${JSON.stringify(op)})`,
    );
  const prevalence = (f * p) / r;
  const q = (prevalence * (1 - r)) / (1 - f);
  const flagged = itemsForProportion(p, halfWidth, z);
  const positives = itemsForProportion(r, halfWidth, z);
  // ∂R/∂q = −f·p·(1 − f) / D², D = f·p + (1 − f)·q.
  const d = f * p + (1 - f) * q;
  const dRdq = (f * p * (1 - f)) / (d * d);
  const unflagged = q > 0 ? Math.ceil((z * z * dRdq * dRdq * q * (1 - q)) / (halfWidth * halfWidth)) : 0;
  return {
    halfWidth,
    precisionFlaggedToLabel: flagged,
    precisionMessagesSeen: Math.ceil(flagged / f),
    missRate: q,
    recallPositivesNeeded: positives,
    recallMessagesToLabel: Math.ceil(positives / prevalence),
    recallUnflaggedToLabel: unflagged,
    recallMissesFound: unflagged * q,
  };
}

/** The human labels to buy for one gold-set plan: flagged and unflagged messages, each sampled at random. */
export interface HumanLabelPlan {
  halfWidth: number;
  /** Random flagged messages (precision) and random unflagged ones (the misses recall needs). */
  flagged: number;
  unflagged: number;
  total: number;
  /** USD at the assumed cost per human label (low, central, high). */
  cost: Assumed;
}

/**
 * The stratified design of goldSetPlan as a purchase: precision's flagged sample plus recall's unflagged sample
 * (the model's flag is known for every message, so the strata are free), priced per 1,000 human labels.
 */
export function humanLabelPlan(plan: GoldSetPlan, humanPerThousand: Assumed): HumanLabelPlan {
  const total = plan.precisionFlaggedToLabel + plan.recallUnflaggedToLabel;
  const price = (k: keyof Assumed) => (total * humanPerThousand[k]) / 1000;
  return {
    halfWidth: plan.halfWidth,
    flagged: plan.precisionFlaggedToLabel,
    unflagged: plan.recallUnflaggedToLabel,
    total,
    cost: { low: price("low"), central: price("central"), high: price("high") },
  };
}
