import { checkBinaryInputs, requireBothClasses } from "./validate";

/**
 * Cumulative true and false positives at each distinct score, from the
 * highest score down (scikit-learn's `_binary_clf_curve`): row k counts the
 * rows with score ≥ thresholds[k]. Tied scores share one point.
 */
export function binaryClfCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>) {
  checkBinaryInputs(yTrue, scores);
  const order = Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (yTrue[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(scores[i]);
    }
  }
  return { tps, fps, thresholds };
}

/** Precision and recall at each distinct score threshold, as scikit-learn's precision_recall_curve. */
export interface PrCurve {
  /** Ascending thresholds (distinct scores). */
  thresholds: number[];
  /** precision[k], recall[k] at thresholds[k]; one extra final point (precision 1, recall 0), as in scikit-learn. */
  precision: number[];
  recall: number[];
}

/**
 * Precision–recall curve exactly as scikit-learn's `precision_recall_curve`:
 * thresholds ascending, recall decreasing, precision 0 where nothing is
 * predicted positive, and the (recall 0, precision 1) end point.
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): PrCurve {
  const positives = requireBothClasses(yTrue, scores, "the precision-recall curve");
  const { tps, fps, thresholds } = binaryClfCurve(yTrue, scores);
  const precision = tps.map((tp, k) => (tp + fps[k] > 0 ? tp / (tp + fps[k]) : 0)).reverse();
  const recall = tps.map((tp) => tp / positives).reverse();
  return { thresholds: thresholds.slice().reverse(), precision: [...precision, 1], recall: [...recall, 0] };
}

/**
 * Average precision, scikit-learn's step-wise definition
 * AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ — no trapezoid, which would overstate it.
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores);
  let ap = 0;
  for (let k = 0; k < recall.length - 1; k++) ap += (recall[k] - recall[k + 1]) * precision[k];
  return ap;
}

/** False and true positive rates at each distinct score threshold, as scikit-learn's roc_curve. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is +Infinity (no row predicted positive). */
  thresholds: number[];
}

/** ROC curve as scikit-learn's `roc_curve` (with `drop_intermediate` collinear points removed by default). */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, dropIntermediate = true): RocCurve {
  const positives = requireBothClasses(yTrue, scores, "the ROC curve");
  const negatives = yTrue.length - positives;
  let { tps, fps, thresholds } = binaryClfCurve(yTrue, scores);
  if (dropIntermediate && tps.length > 2) {
    const keep = tps.map((_, k) => {
      if (k === 0 || k === tps.length - 1) return true;
      const d2f = fps[k + 1] - 2 * fps[k] + fps[k - 1];
      const d2t = tps[k + 1] - 2 * tps[k] + tps[k - 1];
      return d2f !== 0 || d2t !== 0;
    });
    tps = tps.filter((_, k) => keep[k]);
    fps = fps.filter((_, k) => keep[k]);
    thresholds = thresholds.filter((_, k) => keep[k]);
  }
  return {
    fpr: [0, ...fps.map((f) => f / negatives)],
    tpr: [0, ...tps.map((t) => t / positives)],
    thresholds: [Infinity, ...thresholds],
  };
}

/**
 * ROC-AUC from scores (never from hard 0/1 predictions, which collapse the
 * curve to one point). Trapezoid over distinct thresholds, so a tie between a
 * positive and a negative counts one half, as in scikit-learn.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yTrue, scores, false);
  let auc = 0;
  for (let k = 1; k < fpr.length; k++) auc += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
  return auc;
}
