// What a pitfall measurement is: two arms' numbers, each with its n and an interval, and their difference.
import { bootstrapCi, pairedBootstrapDifference } from "../metrics/bootstrap";
import { confusionAt } from "../metrics/confusion";
import { wilson } from "../metrics/proportion";
import { InvalidInputError } from "../errors";
import type { Interval, RunsMinMax } from "../metrics/interval";

/** One arm's number. */
export interface PitfallValue {
  /** null: the metric is undefined here (a zero denominator) and reported as such; NaN only as faulty code's output. */
  value: number | null;
  /** How many rows the number rests on (what they are: the measure's `nOf`). */
  n: number;
  /** k of n, where the value is a share of counted rows. */
  k?: number;
  /** The value's interval (its estimate is `value`; its n what the interval rests on: rows, or runs for a range). */
  interval?: Interval;
  /** One value per run, where the arm was repeated over seeds or folds (value is then their mean). */
  perRun?: number[];
}

/** One number a pitfall changes: the faulty pattern's value next to the clean pipeline's. */
export interface PitfallMeasure {
  /** Stable within its pitfall ("flag-gap", "threshold"…): how tests and notebooks pick a measure. */
  key: string;
  metric: string;
  /** What n counts: "test rows", "training rows scored out-of-fold"… */
  nOf: string;
  /** Names of the two arms when they are not "faulty pattern" and "clean pipeline" (pitfall 6: two models). */
  arms?: { faulty: string; clean: string };
  faulty: PitfallValue;
  clean: PitfallValue;
  /** faulty − clean with its interval: paired where both arms score the same rows, else from the two arms' intervals. */
  difference?: Interval;
}

export type Metric = (y: number[], s: number[]) => number;
export interface BootstrapSettings {
  resamples: number;
  seed: number;
  /** Repeat groups of the scored rows: whole groups are resampled together. */
  groups?: readonly number[];
}

/** k of n with its Wilson interval. */
export function share(k: number, n: number): PitfallValue {
  const interval = wilson(k, n);
  return { value: interval.estimate, n, k, interval };
}

/** A metric of (y, scores) with its (group) bootstrap interval. */
export function scored(y: readonly number[], s: ArrayLike<number>, metric: Metric, b: BootstrapSettings): PitfallValue {
  const interval = bootstrapCi(y, s, metric, b);
  return { value: interval.estimate, n: y.length, interval };
}

/** metricA(scores A) − metricB(scores B) on the same rows, by paired bootstrap. */
export function pairedDifference(
  y: readonly number[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  metricA: Metric,
  settings: BootstrapSettings,
  metricB: Metric = metricA,
): Interval {
  return pairedBootstrapDifference(y, a, b, metricA, metricB, settings);
}

/** Both arms scored on the same rows, each with its interval, and their paired bootstrap difference. */
export function pairedArms(
  y: readonly number[],
  faulty: ArrayLike<number>,
  clean: ArrayLike<number>,
  metric: Metric,
  b: BootstrapSettings,
  cleanMetric: Metric = metric,
): Pick<PitfallMeasure, "faulty" | "clean" | "difference"> {
  return {
    faulty: scored(y, faulty, metric, b),
    clean: scored(y, clean, cleanMetric, b),
    difference: pairedDifference(y, faulty, clean, metric, b, cleanMetric),
  };
}

/** The interval of an arm, for MOVER; an arm without a number and an interval has none to combine. */
export function bounded(v: PitfallValue, what: string): Interval {
  if (v.value === null || !Number.isFinite(v.value) || !v.interval)
    throw new InvalidInputError("values", `${what}: a difference needs a number with an interval on each side`);
  return v.interval;
}

/**
 * a − b for two independent estimates, each with its own (possibly asymmetric) interval: MOVER, the method of
 * variance estimates recovery. With Wilson intervals on both sides it is Newcombe's interval for a difference of
 * proportions. Its n is both sides' rows; its level theirs (null if they differ).
 */
export function moverDifference(a: Interval, b: Interval): Interval {
  const d = a.estimate - b.estimate;
  return {
    estimate: d,
    low: d - Math.hypot(a.estimate - a.low, b.high - b.estimate),
    high: d + Math.hypot(a.high - a.estimate, b.estimate - b.low),
    level: a.level === b.level ? a.level : null,
    method: "MOVER",
    n: a.n + b.n,
  };
}

/** Values from repeated runs (seeds, or folds): their mean, with the min–max as the range. */
export function overRuns(values: number[], n: number, method: RunsMinMax = "seeds min–max"): PitfallValue {
  if (!values.length) throw new InvalidInputError("values", "overRuns needs at least one run's value");
  const interval = minMax(values, method);
  return {
    value: interval.estimate,
    n,
    interval,
    perRun: values,
  };
}

/** faulty − clean run by run: mean and min–max. */
export function runDifference(
  faulty: readonly number[],
  clean: readonly number[],
  method: RunsMinMax = "seeds min–max",
): Interval {
  if (faulty.length !== clean.length)
    throw new InvalidInputError("clean", `${faulty.length} faulty runs but ${clean.length} clean`);
  return minMax(
    faulty.map((f, i) => f - clean[i]),
    method,
  );
}

/** Runs' values as an interval: their mean, min and max (no coverage claimed: level null; n the runs). */
function minMax(values: readonly number[], method: RunsMinMax): Interval {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { estimate: mean, low: Math.min(...values), high: Math.max(...values), level: null, method, n: values.length };
}

/** Threshold metrics as plain functions of (y, scores), for the bootstrap. */
export const accuracyAt =
  (t: number): Metric =>
  (y, s) => {
    const c = confusionAt(y, s, t);
    return (c.tp + c.tn) / y.length;
  };

/** The share of rows a threshold flags (labels unused): what a review queue receives. */
export const flaggedShareAt =
  (t: number): Metric =>
  (_y, s) =>
    s.filter((x) => x >= t).length / s.length;

/** The mean of 0/1 flags (labels unused), for a paired bootstrap of two flag arrays on the same rows. */
export const meanFlag: Metric = (_y, s) => s.reduce((a, b) => a + b, 0) / s.length;
