// A proportion with its interval: k of n, and the Wilson score interval that stays sound near 0 and 1.
import { InvalidInputError } from "../errors";
import type { Interval } from "./interval";

/** z for a two-sided 95% interval: the normal's 0.975 quantile. */
const Z95 = 1.959963984540054;

/** Wilson score interval (95%) for k successes in n trials: sound near 0 and 1. */
export function wilson(k: number, n: number): Interval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n <= 0 || k < 0 || k > n) {
    throw new InvalidInputError("k", `wilson interval needs integers 0 ≤ k ≤ n, n > 0 (got k=${k}, n=${n})`);
  }
  const p = k / n;
  const z = Z95;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return {
    estimate: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    level: 0.95,
    method: "Wilson",
    n,
  };
}
