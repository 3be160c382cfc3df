import { checkBinaryInputs } from "./validate";

/** Counts at one threshold: true and false positives and negatives. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts when a row is predicted positive iff its score ≥ threshold. */
export function confusionAt(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Confusion {
  checkBinaryInputs(yTrue, scores);
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < yTrue.length; i++) {
    const pred = scores[i] >= threshold;
    if (yTrue[i] === 1) {
      if (pred) c.tp++;
      else c.fn++;
    } else if (pred) c.fp++;
    else c.tn++;
  }
  return c;
}

/** Precision, recall, F1 and accuracy from a confusion, and which ratios were undefined (a zero denominator). */
export interface ClassificationScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Which ratios had a zero denominator and took the zero-division value instead. */
  undefined: Array<"precision" | "recall" | "f1">;
}

/**
 * Precision, recall and F1 from confusion counts.
 *
 * Zero-division rule (scikit-learn's `zero_division=0`, made explicit): when
 * nothing is predicted positive, precision is `zeroDivision` (default 0); when
 * there are no positives, recall is `zeroDivision`; when precision + recall is
 * 0, F1 is 0. Each such case is listed in `undefined`, so a report can say
 * "undefined" instead of showing a number that looks measured. Never NaN.
 */
export function scoresFromConfusion(c: Confusion, zeroDivision: 0 | 1 = 0): ClassificationScores {
  const undef: ClassificationScores["undefined"] = [];
  const predicted = c.tp + c.fp;
  const actual = c.tp + c.fn;
  const precision = predicted > 0 ? c.tp / predicted : (undef.push("precision"), zeroDivision);
  const recall = actual > 0 ? c.tp / actual : (undef.push("recall"), zeroDivision);
  // F1 = 2tp / (2tp + fp + fn), as scikit-learn computes it.
  const f1Den = 2 * c.tp + c.fp + c.fn;
  const f1 = f1Den > 0 ? (2 * c.tp) / f1Den : (undef.push("f1"), zeroDivision);
  const n = c.tp + c.fp + c.tn + c.fn;
  return { precision, recall, f1, accuracy: n > 0 ? (c.tp + c.tn) / n : 0, undefined: undef };
}

/** A ratio read off the confusion counts. */
export type RatioMetric = "precision" | "recall" | "f1";

/** Precision, recall and F1 as measured: a ratio with a zero denominator has no value (null) and a reason. */
export interface DefinedScores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number;
  /** Why each ratio without a value has none, in words a report can print. */
  undefinedMetrics: Partial<Record<RatioMetric, string>>;
}

/**
 * Why a ratio has no value at these counts, or null when it has one. Precision is TP / flagged, recall
 * TP / labeled positive, F1 = 2TP / (2TP + FP + FN) (scikit-learn's form, 0 when nothing is flagged but positives
 * exist: defined, since every positive was missed).
 */
export function undefinedReason(metric: RatioMetric, c: Confusion): string | null {
  const n = c.tp + c.fp + c.tn + c.fn;
  if (metric === "precision" && c.tp + c.fp === 0)
    return `nothing was flagged (0 of ${n} rows), so precision = TP / flagged has no value`;
  if (metric === "recall" && c.tp + c.fn === 0)
    return `no row is labeled positive (0 of ${n}), so recall = TP / positives has no value`;
  if (metric === "f1" && 2 * c.tp + c.fp + c.fn === 0)
    return `nothing was flagged and no row is labeled positive, so F1 has no value`;
  return null;
}

/**
 * Precision, recall and F1 for a report: the same numbers as `scoresFromConfusion`, except that a ratio with a zero
 * denominator is null with its reason, never a 0 that looks measured.
 */
export function definedScores(c: Confusion): DefinedScores {
  const r = scoresFromConfusion(c);
  const undefinedMetrics: DefinedScores["undefinedMetrics"] = {};
  const value = (metric: RatioMetric): number | null => {
    const reason = undefinedReason(metric, c);
    if (reason === null) return r[metric];
    undefinedMetrics[metric] = reason;
    return null;
  };
  return {
    precision: value("precision"),
    recall: value("recall"),
    f1: value("f1"),
    accuracy: r.accuracy,
    undefinedMetrics,
  };
}

/** Precision, recall, F1 and the confusion at a threshold. */
export function classificationAt(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
  zeroDivision: 0 | 1 = 0,
) {
  const confusion = confusionAt(yTrue, scores, threshold);
  return { threshold, confusion, ...scoresFromConfusion(confusion, zeroDivision) };
}
