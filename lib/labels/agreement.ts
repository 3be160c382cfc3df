import { InvalidInputError, UndefinedMetricError } from "../errors";
/** Share of items on which two labelings agree. */
export function percentAgreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0)
    throw new InvalidInputError(
      "b",
      `agreement needs two non-empty labelings of equal length (got ${a.length} and ${b.length})`,
    );
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Cohen's kappa for two binary labelings: agreement beyond what the two
 * labelers' base rates would give by chance, (p_o − p_e) / (1 − p_e).
 * Matches scikit-learn's cohen_kappa_score. With rare positives, raw percent
 * agreement looks high even for poor labelers; kappa does not.
 */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const po = percentAgreement(a, b);
  const n = a.length;
  let pa = 0;
  let pb = 0;
  for (let i = 0; i < n; i++) {
    pa += a[i];
    pb += b[i];
  }
  pa /= n;
  pb /= n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  if (pe === 1) throw new UndefinedMetricError("Cohen's kappa is undefined when both labelings are constant and equal");
  return (po - pe) / (1 - pe);
}
