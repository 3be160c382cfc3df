// Does a score of 0.8 mean that 80% of such messages are labeled safety/security? Per score bin: how many messages
// it holds, the share labeled True with its Wilson interval, and whether that interval lies above the bin's mean
// score (the scores understate), below it (they overstate) or around it. The prose in notebook 01 reads this.
import { calibrationBins } from "../metrics/probabilistic";
import { wilson } from "../metrics/proportion";
import type { Interval } from "../metrics/interval";

/** What a calibration bin (or the whole curve) says: scores below, above or consistent with the labeled share. */
export type CalibrationVerdict = "scores understate" | "scores overstate" | "consistent";

/** One calibration bin with its count, mean score, labeled share (Wilson interval) and verdict. */
export interface CalibrationBinCheck {
  lower: number;
  upper: number;
  /** Messages in the bin. */
  n: number;
  meanScore: number;
  /** Share labeled True, with its Wilson 95% interval. */
  labeledTrue: Interval;
  verdict: CalibrationVerdict;
}

/** The reliability diagram's bins, each checked against its interval, and the overall rates. */
export interface CalibrationCheck {
  bins: CalibrationBinCheck[];
  /** Mean score and share labeled True over all rows. */
  meanScore: number;
  positiveRate: number;
  rows: number;
}

/** scikit-learn's uniform calibration bins, each with its count, interval and verdict. */
export function calibrationCheck(y: ArrayLike<number>, scores: ArrayLike<number>, nBins = 10): CalibrationCheck {
  const bins = calibrationBins(y, scores, nBins).map((b): CalibrationBinCheck => {
    const k = Math.round(b.fractionPositive * b.count);
    const labeledTrue = wilson(k, b.count);
    const verdict: CalibrationVerdict =
      labeledTrue.low > b.meanPredicted
        ? "scores understate"
        : labeledTrue.high < b.meanPredicted
          ? "scores overstate"
          : "consistent";
    return { lower: b.lower, upper: b.upper, n: b.count, meanScore: b.meanPredicted, labeledTrue, verdict };
  });
  let sum = 0;
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    sum += scores[i];
    pos += y[i];
  }
  return { bins, meanScore: sum / y.length, positiveRate: pos / y.length, rows: y.length };
}
