// The one interval type: every number the library reports with a range (a bootstrap CI, a Wilson interval, a
// min–max over seeds…) is an Interval, so tables, figures and verdicts read one shape and always know how it was made.

/**
 * How an interval was obtained. The first six are confidence intervals at `level`:
 * - "bootstrap", "paired bootstrap": percentile bootstrap of rows or repeat groups (paired: both sides on one draw);
 * - "Wilson": Wilson score interval for k of n; "Wilson ÷ base rate": a Wilson interval divided by a fixed rate;
 * - "MOVER": two independent intervals combined into one for their difference (Newcombe 1998, Zou & Donner 2008);
 * - "corrected resampled t": a paired difference over cross-validation folds (Nadeau and Bengio, 2003);
 * - "predictive bootstrap": where one future batch of n rows may land (a predictive interval, wider than a CI);
 * - "random draws": the middle `level` of a statistic over random draws (a null distribution, not a CI);
 * - "seeds min–max", "folds min–max": the range over repeated runs (level null: it claims no coverage);
 * - "point": a value computed on all rows with no sampling to describe (low = high = estimate, level null).
 */
export type IntervalMethod =
  | "bootstrap"
  | "paired bootstrap"
  | "Wilson"
  | "Wilson ÷ base rate"
  | "MOVER"
  | "corrected resampled t"
  | "predictive bootstrap"
  | "random draws"
  | "seeds min–max"
  | "folds min–max"
  | "point";

/** A range over repeated runs: which runs (seeds, or cross-validation folds). */
export type RunsMinMax = Extract<IntervalMethod, "seeds min–max" | "folds min–max">;

/** A number with its interval, how the interval was made, and how many rows (trials, runs) it rests on. */
export interface Interval {
  /** The number on the full sample (for a range over runs or draws: their mean). */
  estimate: number;
  low: number;
  high: number;
  /** Nominal coverage (0.95), or null where the method claims none (a min–max range, a point). */
  level: number | null;
  method: IntervalMethod;
  /** What the estimate rests on: rows, trials or runs, as its producer documents. */
  n: number;
  /** Bootstrap methods only: resamples drawn. */
  resamples?: number;
  /** Bootstrap methods only: resamples where the statistic was undefined (no positive drawn), left out. */
  skipped?: number;
}

/** A value with no interval to give (computed on all rows): low = high = estimate, level null. */
export function pointInterval(estimate: number, n: number): Interval {
  return { estimate, low: estimate, high: estimate, level: null, method: "point", n };
}
