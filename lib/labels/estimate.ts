// Label comparisons' counting helpers: McNemar's exact test and confusion counts over chosen rows (their intervals
// come from metrics' bootstrapRows).

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
