import { membersByGroup } from "../util/groups";
import { makeRng, randInt } from "../util/random";
import { UndefinedMetricError } from "./validate";
import { InvalidInputError } from "../errors";
import type { Interval } from "./interval";

/** numpy's default percentile (linear interpolation between order statistics). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new InvalidInputError("sorted", "percentile of an empty list");
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** How a bootstrap resamples: how many times, from which seed, and the repeat groups to resample whole. */
export interface ResampleOptions {
  resamples?: number;
  seed?: number;
  /** Repeat-group id per row: whole groups are drawn together (a cluster bootstrap). */
  groups?: readonly number[];
}

/**
 * The one bootstrap engine: draw `resamples` resamples of the row indices 0..rows−1 with replacement (or, given
 * `groups`, of whole groups), and compute the statistic on each. Returns the statistic's values, sorted, and how many
 * resamples it was undefined on (not finite, or an UndefinedMetricError): those are counted, never averaged in as NaN.
 * bootstrapRows (and bootstrapCi through it) draws with it, so the same seed gives the same draws.
 */
export function resampleStatistic(
  rows: number,
  statistic: (idx: number[]) => number,
  options: ResampleOptions = {},
): { values: number[]; skipped: number } {
  const { resamples = 1000, seed = 0, groups } = options;
  // Zero resamples would make every interval "undefined" without saying why: a caller that wants none skips the call.
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new InvalidInputError("resamples", `a bootstrap needs an integer ≥ 1 of resamples, got ${resamples}`);
  if (groups && groups.length !== rows)
    throw new InvalidInputError("groups", `groups has ${groups.length} rows, expected ${rows}`);
  const clusters = groups
    ? membersByGroup(groups).filter((m) => m !== undefined)
    : Array.from({ length: rows }, (_, i) => [i]);
  const rng = makeRng(seed);
  const values: number[] = [];
  let skipped = 0;
  const idx: number[] = [];
  for (let r = 0; r < resamples; r++) {
    idx.length = 0;
    for (let k = 0; k < clusters.length; k++) for (const j of clusters[randInt(rng, clusters.length)]) idx.push(j);
    try {
      const v = statistic(idx);
      if (Number.isFinite(v)) values.push(v);
      else skipped++;
    } catch (err) {
      if (err instanceof UndefinedMetricError) skipped++;
      else throw err;
    }
  }
  if (values.length === 0)
    throw new UndefinedMetricError(`the metric was undefined in all ${resamples} bootstrap resamples`);
  values.sort((a, b) => a - b);
  return { values, skipped };
}

/** How a bootstrap interval is drawn: the resampling (resamples, seed, repeat groups) and its level. */
export interface BootstrapOptions extends ResampleOptions {
  level?: number;
}

/**
 * Percentile bootstrap of any statistic of a set of row indices 0..rows−1 (resampled with replacement, or by group),
 * drawn by resampleStatistic: the statistic on all rows, and the (1−level)/2 and (1+level)/2 percentiles of its
 * resampled values. A statistic that compares several things sees one draw for all of them, so differences are
 * paired. n is what the caller says the estimate rests on. Resamples where the statistic is undefined are counted in
 * `skipped`, never averaged in as NaN; if every resample is, that is an error rather than a NaN.
 */
export function bootstrapRows(
  rows: number,
  statistic: (idx: number[]) => number,
  n: number,
  options: BootstrapOptions = {},
): Interval {
  const { level = 0.95 } = options;
  const estimate = statistic(Array.from({ length: rows }, (_, i) => i));
  const { values, skipped } = resampleStatistic(rows, statistic, options);
  const alpha = (1 - level) / 2;
  return {
    estimate,
    low: percentile(values, 100 * alpha),
    high: percentile(values, 100 * (1 - alpha)),
    level,
    method: "bootstrap",
    n,
    resamples: values.length + skipped,
    skipped,
  };
}

/**
 * Seeded percentile bootstrap for any metric of (y, scores): bootstrapRows over the rows (or, given `groups`, whole
 * groups), the metric recomputed on each resample's labels and scores. n is the rows scored (not the groups).
 */
export function bootstrapCi(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  metric: (y: number[], s: number[]) => number,
  options: BootstrapOptions = {},
): Interval {
  const n = yTrue.length;
  const statistic = (idx: number[]) =>
    metric(
      idx.map((j) => yTrue[j]),
      idx.map((j) => scores[j]),
    );
  return bootstrapRows(n, statistic, n, options);
}

/**
 * Paired bootstrap of the difference metricA(model A) − metricB(model B) on
 * the same rows: each resample draws the same rows (or groups) for both, so the
 * interval reflects the models' difference rather than the test set's luck.
 * (metricB defaults to metricA; they differ when, say, each model has its own threshold.)
 */
export function pairedBootstrapDifference(
  yTrue: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  metricA: (y: number[], s: number[]) => number,
  metricB: (y: number[], s: number[]) => number = metricA,
  options: BootstrapOptions = {},
): Interval {
  if (scoresA.length !== yTrue.length || scoresB.length !== yTrue.length)
    throw new InvalidInputError("scoresB", "paired bootstrap: y and both score arrays must have the same length");
  // Resample row indices once; both models are scored on the same draw.
  const index = Float64Array.from({ length: yTrue.length }, (_, i) => i);
  const ci = bootstrapCi(
    yTrue,
    index,
    (y, idx) =>
      metricA(
        y,
        idx.map((i) => scoresA[i]),
      ) -
      metricB(
        y,
        idx.map((i) => scoresB[i]),
      ),
    options,
  );
  return { ...ci, method: "paired bootstrap" };
}
