import { checkBinaryInputs } from "./validate";

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
