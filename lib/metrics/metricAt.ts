import { bootstrapCi } from "./bootstrap";
import type { Interval } from "./interval";
import { confusionAt, scoresFromConfusion } from "./confusion";
import { averagePrecision } from "./curves";
import { UndefinedMetricError } from "./validate";

/** A ratio read off the confusion counts at a threshold. */
export type ThresholdMetric = "precision" | "recall" | "f1";
/** Every metric we show with a bootstrap interval. */
export type IntervalMetric = ThresholdMetric | "averagePrecision";

/**
 * A metric at a threshold, as a function of (y, scores): what every bootstrap interval in the project resamples.
 *
 * The one rule for degenerate samples: a ratio whose denominator is zero (nothing flagged for precision, no
 * positives for recall, neither for F1) is undefined there. It throws UndefinedMetricError, so `bootstrapCi`
 * leaves that resample out and counts it in `skipped`; it is never counted as 0 (which would drag an interval
 * down by how often a small sample draws no positives). On the full sample, an undefined metric has no interval.
 */
export function metricAt(metric: ThresholdMetric, threshold: number): (y: number[], s: number[]) => number {
  return (y, s) => {
    const r = scoresFromConfusion(confusionAt(y, s, threshold));
    if (r.undefined.includes(metric))
      throw new UndefinedMetricError(`${metric} is undefined at threshold ${threshold} (zero denominator)`);
    return r[metric];
  };
}

/** Each metric's bootstrap stream: seed + offset, so every place that shows an interval draws the same resamples. */
export const BOOTSTRAP_SEED_OFFSET: Readonly<Record<IntervalMetric, number>> = {
  precision: 1,
  recall: 2,
  f1: 3,
  averagePrecision: 4,
};

/** How a bootstrap interval is drawn: seed, resamples, confidence level, and repeat groups to resample whole. */
export interface IntervalOptions {
  seed: number;
  resamples: number;
  level: number;
  /** Repeat-group id per row: whole groups are resampled together. */
  groups?: readonly number[];
}

/**
 * The bootstrap interval of one metric for one model's scores at its threshold (average precision ignores the
 * threshold), or null when the metric is undefined on the full sample or in every resample.
 */
export function intervalAt(
  y: readonly number[],
  scores: ArrayLike<number>,
  metric: IntervalMetric,
  threshold: number,
  options: IntervalOptions,
): Interval | null {
  const f = metric === "averagePrecision" ? averagePrecision : metricAt(metric, threshold);
  const { seed, resamples, level, groups } = options;
  try {
    return bootstrapCi(y, scores, f, { seed: seed + BOOTSTRAP_SEED_OFFSET[metric], resamples, level, groups });
  } catch (err) {
    if (err instanceof UndefinedMetricError) return null;
    throw err;
  }
}
