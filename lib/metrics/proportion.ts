// A proportion with its interval: k of n, and the Wilson score interval that stays sound near 0 and 1.
import { InvalidInputError } from "../errors";

/** A point estimate, its interval and n (what the estimate's denominator counts, named by the caller). */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
  n: number;
}

/** Wilson score interval for k successes in n trials (95% by default): sound near 0 and 1. */
export function wilson(k: number, n: number, z = 1.959963984540054): Estimate {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n <= 0 || k < 0 || k > n) {
    throw new InvalidInputError("k", `wilson interval needs integers 0 ≤ k ≤ n, n > 0 (got k=${k}, n=${n})`);
  }
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return { value: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half), n };
}
