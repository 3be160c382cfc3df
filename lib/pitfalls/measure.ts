// What a pitfall measurement is: two arms' numbers, each with its n and an interval, and their paired difference.
import { bootstrapCi, pairedBootstrapDifference } from "../metrics/bootstrap";
import { confusionAt } from "../metrics/confusion";
import { wilson } from "../metrics/proportion";

/** How an interval was obtained. "seeds" is the min–max over repeated runs with different seeds, not a CI. */
export type IntervalMethod = "Wilson" | "bootstrap" | "paired bootstrap" | "seeds min–max";

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
  /** One value per seed, where the arm was repeated over seeds (value is then their mean). */
  perSeed?: number[];
}

export interface PitfallMeasure {
  pitfall: string;
  metric: string;
  /** What n counts: "test rows", "positives with a copy in train"… */
  nOf: string;
  /** Names of the two arms when they are not a faulty pattern and its fix (pitfall 6: majority vs logreg). */
  arms?: { faulty: string; clean: string };
  faulty: PitfallValue;
  clean: PitfallValue;
  /** faulty − clean, where both arms score the same rows (paired bootstrap) or were run on the same seeds. */
  difference?: { value: number; interval: Interval };
  /** Where the library prevents it, and the test that fails if that guard is removed. */
  guard: string;
  test: string;
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

/** Both arms scored on the same rows, each with its interval, and their paired bootstrap difference. */
export function pairedArms(
  y: readonly number[],
  faulty: ArrayLike<number>,
  clean: ArrayLike<number>,
  metric: Metric,
  b: BootstrapSettings,
  cleanMetric: Metric = metric,
): Pick<PitfallMeasure, "faulty" | "clean" | "difference"> {
  const d = pairedBootstrapDifference(y, faulty, clean, metric, cleanMetric, b);
  return {
    faulty: scored(y, faulty, metric, b),
    clean: scored(y, clean, cleanMetric, b),
    difference: { value: d.estimate, interval: { lo: d.low, hi: d.high, method: "paired bootstrap" } },
  };
}

/** Values from repeated seeds: their mean, with the min–max as the range. */
export function overSeeds(values: number[], n: number): PitfallValue {
  return {
    value: values.reduce((a, b) => a + b, 0) / values.length,
    n,
    interval: { lo: Math.min(...values), hi: Math.max(...values), method: "seeds min–max" },
    perSeed: values,
  };
}

/** faulty − clean seed by seed: mean and min–max. */
export function seedDifference(faulty: number[], clean: number[]): PitfallMeasure["difference"] {
  const d = overSeeds(
    faulty.map((f, i) => f - clean[i]),
    0,
  );
  return { value: d.value as number, interval: d.interval as Interval };
}

/** Threshold metrics as plain functions of (y, scores), for the bootstrap. */
export const accuracyAt =
  (t: number): Metric =>
  (y, s) => {
    const c = confusionAt(y, s, t);
    return (c.tp + c.tn) / y.length;
  };
