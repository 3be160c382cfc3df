// What a pitfall measurement is: two arms' numbers, each with its n and an interval, and their difference.
import { bootstrapCi, pairedBootstrapDifference } from "../metrics/bootstrap";
import { confusionAt } from "../metrics/confusion";
import { wilson } from "../metrics/proportion";
import { InvalidInputError } from "../errors";

/**
 * How an interval was obtained. "seeds min–max" is the range over repeated runs with different seeds, not a CI;
 * "MOVER" combines the intervals of two independent estimates into one for their difference (Newcombe 1998,
 * Zou & Donner 2008), used where the two arms score different rows.
 */
export type IntervalMethod = "Wilson" | "bootstrap" | "paired bootstrap" | "MOVER" | "seeds min–max" | "folds min–max";

/** A range over repeated runs: which runs (seeds, or cross-validation folds). */
export type RunsMinMax = Extract<IntervalMethod, "seeds min–max" | "folds min–max">;

/** An interval around a measured value, and how it was computed. */
export interface Interval {
  lo: number;
  hi: number;
  method: IntervalMethod;
}

/** One arm's number. */
export interface PitfallValue {
  /** null: the metric is undefined here (a zero denominator) and reported as such; NaN only as faulty code's output. */
  value: number | null;
  /** How many rows the number rests on (what they are: the measure's `nOf`). */
  n: number;
  /** k of n, where the value is a share of counted rows. */
  k?: number;
  interval?: Interval;
  /** One value per run, where the arm was repeated over seeds or folds (value is then their mean). */
  perRun?: number[];
}

/** faulty − clean, with its interval. */
export interface Difference {
  value: number;
  interval: Interval;
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
  /** faulty − clean: paired where both arms score the same rows, else from the two arms' intervals. */
  difference?: Difference;
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
  const e = wilson(k, n);
  return { value: e.value, n, k, interval: { lo: e.lo, hi: e.hi, method: "Wilson" } };
}

/** A metric of (y, scores) with its (group) bootstrap interval. */
export function scored(y: readonly number[], s: ArrayLike<number>, metric: Metric, b: BootstrapSettings): PitfallValue {
  const ci = bootstrapCi(y, s, metric, b);
  return { value: ci.estimate, n: y.length, interval: { lo: ci.low, hi: ci.high, method: "bootstrap" } };
}

/** metricA(scores A) − metricB(scores B) on the same rows, by paired bootstrap. */
export function pairedDifference(
  y: readonly number[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  metricA: Metric,
  settings: BootstrapSettings,
  metricB: Metric = metricA,
): Difference {
  const d = pairedBootstrapDifference(y, a, b, metricA, metricB, settings);
  return { value: d.estimate, interval: { lo: d.low, hi: d.high, method: "paired bootstrap" } };
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

/** An estimate with its interval, as MOVER reads it. */
type Bounded = { value: number; lo: number; hi: number };

/** The value and interval of an arm, for MOVER; an arm without both has no interval to combine. */
export function bounded(v: PitfallValue, what: string): Bounded {
  if (v.value === null || !Number.isFinite(v.value) || !v.interval)
    throw new InvalidInputError("values", `${what}: a difference needs a number with an interval on each side`);
  return { value: v.value, lo: v.interval.lo, hi: v.interval.hi };
}

/**
 * a − b for two independent estimates, each with its own (possibly asymmetric) interval: MOVER, the method of
 * variance estimates recovery. With Wilson intervals on both sides it is Newcombe's interval for a difference of
 * proportions.
 */
export function moverDifference(a: Bounded, b: Bounded): Difference {
  const d = a.value - b.value;
  return {
    value: d,
    interval: {
      lo: d - Math.hypot(a.value - a.lo, b.hi - b.value),
      hi: d + Math.hypot(a.hi - a.value, b.value - b.lo),
      method: "MOVER",
    },
  };
}

/** Values from repeated runs (seeds, or folds): their mean, with the min–max as the range. */
export function overRuns(values: number[], n: number, method: RunsMinMax = "seeds min–max"): PitfallValue {
  if (!values.length) throw new InvalidInputError("values", "overRuns needs at least one run's value");
  return {
    value: values.reduce((a, b) => a + b, 0) / values.length,
    n,
    interval: { lo: Math.min(...values), hi: Math.max(...values), method },
    perRun: values,
  };
}

/** faulty − clean run by run: mean and min–max. */
export function runDifference(
  faulty: readonly number[],
  clean: readonly number[],
  method: RunsMinMax = "seeds min–max",
): Difference {
  if (faulty.length !== clean.length)
    throw new InvalidInputError("clean", `${faulty.length} faulty runs but ${clean.length} clean`);
  const d = faulty.map((f, i) => f - clean[i]);
  return {
    value: d.reduce((a, b) => a + b, 0) / d.length,
    interval: { lo: Math.min(...d), hi: Math.max(...d), method },
  };
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
