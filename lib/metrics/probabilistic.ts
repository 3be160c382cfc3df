import { checkBinaryInputs } from "./validate";
import { InvalidInputError } from "../errors";

function checkProbabilities(p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++) {
    if (p[i] < 0 || p[i] > 1)
      throw new InvalidInputError("probability", `probability[${i}] is ${p[i]}; expected a value in [0, 1]`);
  }
}

/**
 * Mean binary cross-entropy; probabilities are clipped to [ε, 1−ε], by default ε = 2⁻⁵² (scikit-learn's float64
 * "auto"). The MLP's early stopping passes ε = 1e-7, float32's (its probabilities are float32).
 */
export function logLoss(yTrue: ArrayLike<number>, prob: ArrayLike<number>, eps = Number.EPSILON): number {
  checkBinaryInputs(yTrue, prob, "probabilities");
  checkProbabilities(prob);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(prob[i], eps), 1 - eps);
    s -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / yTrue.length;
}

/** Mean squared difference between the predicted probability and the 0/1 outcome. */
export function brierScore(yTrue: ArrayLike<number>, prob: ArrayLike<number>): number {
  checkBinaryInputs(yTrue, prob, "probabilities");
  checkProbabilities(prob);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (prob[i] - yTrue[i]) ** 2;
  return s / yTrue.length;
}

/** One bin of a reliability diagram: its message count, mean score and share labeled positive. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin (scikit-learn's prob_pred). */
  meanPredicted: number;
  /** Fraction of positives in the bin (scikit-learn's prob_true). */
  fractionPositive: number;
}

/**
 * Reliability diagram bins, as scikit-learn's `calibration_curve(strategy="uniform")`:
 * nBins equal-width bins on [0, 1], a value on an inner edge goes to the lower
 * bin, and empty bins are left out.
 */
export function calibrationBins(yTrue: ArrayLike<number>, prob: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  checkBinaryInputs(yTrue, prob, "probabilities");
  checkProbabilities(prob);
  // k · (1/n), exactly as numpy's linspace computes the edges (0.1 · 3 ≠ 3 / 10 in floating point).
  const edges = Array.from({ length: nBins + 1 }, (_, k) => (k === nBins ? 1 : k * (1 / nBins)));
  const sums = new Float64Array(nBins);
  const pos = new Float64Array(nBins);
  const counts = new Float64Array(nBins);
  for (let i = 0; i < yTrue.length; i++) {
    // np.searchsorted(edges[1:-1], p, side="left"): the number of inner edges strictly below p.
    let b = 0;
    while (b < nBins - 1 && edges[b + 1] < prob[i]) b++;
    sums[b] += prob[i];
    pos[b] += yTrue[i];
    counts[b]++;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (counts[b] === 0) continue;
    bins.push({
      lower: edges[b],
      upper: edges[b + 1],
      count: counts[b],
      meanPredicted: sums[b] / counts[b],
      fractionPositive: pos[b] / counts[b],
    });
  }
  return bins;
}
