import type { Interval } from "../metrics/interval";
import { Confusion, confusionAt, definedScores, RatioMetric } from "../metrics/confusion";
import { averagePrecision, rocAuc } from "../metrics/curves";
import { brierScore, logLoss } from "../metrics/probabilistic";
import { intervalAt } from "../metrics/metricAt";
import { UndefinedMetricError } from "../metrics/validate";

/** Everything we report about one model on one set of rows, at its chosen threshold. */
export interface MetricSet {
  rows: number;
  positives: number;
  threshold: number;
  /** null when undefined here (a zero denominator); `undefinedMetrics` says why. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number;
  /** Flagged rows / all rows. */
  flaggedRate: number;
  averagePrecision: number | null;
  rocAuc: number | null;
  /** Only for probabilistic scores; null otherwise. */
  logLoss: number | null;
  brier: number | null;
  confusion: Confusion;
  /** The ratios that have no value on these rows (their denominator is zero), each with the reason. */
  undefinedMetrics: Partial<Record<RatioMetric, string>>;
  /** Set (to NO_INTERVALS) when the run asked for no bootstrap (bootstrap.resamples 0): every `ci` is then null. */
  noIntervals?: string;
  /**
   * Percentile bootstrap intervals (whole repeat groups resampled; degenerate resamples by metricAt's rule); null
   * where the metric is undefined, or when `noIntervals` says none were asked for.
   */
  ci: {
    precision: Interval | null;
    recall: Interval | null;
    f1: Interval | null;
    averagePrecision: Interval | null;
  };
}

/** What a MetricSet says when bootstrap.resamples is 0: not a silent null, a reason. */
export const NO_INTERVALS = "no intervals: bootstrap.resamples is 0";

function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (err) {
    if (err instanceof UndefinedMetricError) return null;
    throw err;
  }
}

/** Threshold metrics with bootstrap intervals (and, for probabilistic scores, AP, log loss and Brier score). */
export function evaluateScores(
  y: readonly number[],
  scores: ArrayLike<number>,
  threshold: number,
  options: { probabilistic: boolean; groups?: readonly number[]; seed: number; resamples: number; level: number },
): MetricSet {
  const s = Array.from(scores);
  const confusion = confusionAt(y, s, threshold);
  const r = definedScores(confusion);
  const noIntervals = options.resamples === 0;
  const interval = (metric: "precision" | "recall" | "f1" | "averagePrecision") =>
    noIntervals ? null : intervalAt(y, s, metric, threshold, options);
  const ci = {
    precision: interval("precision"),
    recall: interval("recall"),
    f1: interval("f1"),
    averagePrecision: interval("averagePrecision"),
  };
  return {
    rows: y.length,
    positives: y.reduce((a, b) => a + b, 0),
    threshold,
    precision: r.precision,
    recall: r.recall,
    f1: r.f1,
    accuracy: r.accuracy,
    flaggedRate: (confusion.tp + confusion.fp) / y.length,
    averagePrecision: orNull(() => averagePrecision(y, s)),
    rocAuc: orNull(() => rocAuc(y, s)),
    logLoss: options.probabilistic ? logLoss(y, s) : null,
    brier: options.probabilistic ? brierScore(y, s) : null,
    confusion,
    undefinedMetrics: r.undefinedMetrics,
    ...(noIntervals ? { noIntervals: NO_INTERVALS } : {}),
    ci,
  };
}
