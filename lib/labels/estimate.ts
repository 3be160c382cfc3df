// Label comparisons' bootstrap (an Interval per statistic, paired across what it compares) and McNemar's test.
import { percentile, resampleStatistic, type ResampleOptions } from "../metrics/bootstrap";
import type { Interval } from "../metrics/interval";

/** How bootstrapRows resamples: resamples, seed, level, and repeat groups to resample whole. */
export interface BootstrapOptions extends ResampleOptions {
  level?: number;
}

/**
 * Percentile bootstrap of any statistic of a set of row indices (resampled with replacement, or by
 * group), drawn by metrics' resampleStatistic. The statistic sees the same draw for everything it compares, so
 * differences are paired. Resamples where the statistic is undefined are left out; if every resample is, that is an
 * error rather than a NaN.
 */
export function bootstrapRows(
  rows: number,
  statistic: (idx: number[]) => number,
  n: number,
  options: BootstrapOptions = {},
): Interval {
  const { level = 0.95 } = options;
  const value = statistic(Array.from({ length: rows }, (_, i) => i));
  const { values, skipped } = resampleStatistic(rows, statistic, options);
  // The one percentile rule (linear interpolation, numpy's default), as every bootstrap interval here uses.
  const low = percentile(values, (100 * (1 - level)) / 2);
  const high = percentile(values, (100 * (1 + level)) / 2);
  return { estimate: value, low, high, level, method: "bootstrap", n, resamples: values.length + skipped, skipped };
}

/**
 * Exact two-sided McNemar test: with b items changed one way and c the other, the probability under
 * "either direction equally likely" of a split at least as uneven (binomial(b + c, ½), doubled).
 */
export function mcnemarExactP(b: number, c: number): number {
  const m = b + c;
  if (m === 0) return 1;
  const k = Math.min(b, c);
  // log C(m, i) summed in log space: exact enough for thousands of discordant pairs.
  let logC = 0;
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(m - i + 1) - Math.log(i);
    tail += Math.exp(logC - m * Math.LN2);
  }
  return Math.min(1, 2 * tail);
}

/** Confusion counts of 0/1 predictions against 0/1 truth over the given rows (null truth skipped). */
export function countsOn(pred: ArrayLike<number>, truth: ArrayLike<number | null>, idx: Iterable<number>) {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const i of idx) {
    const t = truth[i];
    if (t === null) continue;
    if (pred[i] === 1) {
      if (t === 1) tp++;
      else fp++;
    } else if (t === 1) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}
