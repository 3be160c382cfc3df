import { makeRng, shuffled } from "../util/random";
import { membersByGroup } from "./groups";
import { getOrThrow } from "../util/maps";
import { InvalidInputError } from "../errors";

/**
 * Assign whole groups to bins so that each bin gets its target share of every
 * class (stratified) and no group is ever split across bins.
 *
 * The greedy rule of scikit-learn's StratifiedGroupKFold: groups are shuffled
 * (seeded; `seed: null` keeps them in id order, like `shuffle=False`), then
 * stably sorted by the spread of their class counts, largest first; each goes
 * to the bin that leaves the per-class proportions most even across bins (mean
 * over classes of the standard deviation over bins of count / class total),
 * ties going to the bin with fewer rows. Unequal bins compare each count with
 * its own target share (count / (class total × fraction)), so a 20% test bin
 * gets about 20% of the repeat groups, not none of them.
 *
 * @returns bin index per row.
 */
export function assignGroupsToBins(
  labels: ArrayLike<number>,
  groups: readonly number[],
  fractions: readonly number[],
  seed: number | null,
): number[] {
  const n = labels.length;
  if (groups.length !== n)
    throw new InvalidInputError("groups", `labels (${n}) and groups (${groups.length}) differ in length`);
  const total = fractions.reduce((a, b) => a + b, 0);
  if (fractions.some((f) => !(f > 0)) || Math.abs(total - 1) > 1e-9) {
    throw new InvalidInputError(
      "fractions",
      `bin fractions must be positive and sum to 1, got [${fractions.join(", ")}]`,
    );
  }
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const classTotals = classes.map((c) => Array.from(labels).filter((y) => y === c).length);
  const bins = fractions.length;
  const counts = fractions.map(() => classes.map(() => 0));
  const rowsInBin = fractions.map(() => 0);
  // Each bin's share relative to an equal share (exactly 1 for equal bins, as scikit-learn has no weights).
  const equal = fractions.every((f) => f === fractions[0]);
  const weight = fractions.map((f) => (equal ? 1 : f * bins));

  const members = membersByGroup(groups);
  const present = members.map((_, g) => g).filter((g) => members[g] !== undefined);
  const perClass = (g: number) => {
    const c = classes.map(() => 0);
    for (const i of members[g]) c[getOrThrow(classIndex, labels[i], "classes")]++;
    return c;
  };
  const groupCounts = new Map(present.map((g) => [g, perClass(g)]));
  const order = seed === null ? present : shuffled(present, makeRng(seed));
  // Stable sort keeps the shuffled order among groups of equal spread.
  const spread = new Map(present.map((g) => [g, std(getOrThrow(groupCounts, g, "group counts"))]));
  order.sort((a, b) => getOrThrow(spread, b, "group spread") - getOrThrow(spread, a, "group spread"));

  // Unevenness of per-class proportions across bins if `add` went into bin `into`.
  const unevenness = (add: number[], into: number) => {
    let sum = 0;
    for (let c = 0; c < classes.length; c++) {
      const share = weight.map((w, b) => (counts[b][c] + (b === into ? add[c] : 0)) / classTotals[c] / w);
      sum += std(share);
    }
    return sum / classes.length;
  };

  const binOfGroup: number[] = [];
  for (const g of order) {
    const add = getOrThrow(groupCounts, g, "group counts");
    let best = -1;
    let bestEval = Infinity;
    let bestSize = Infinity;
    for (let b = 0; b < bins; b++) {
      const e = unevenness(add, b);
      const size = rowsInBin[b] / weight[b];
      // scikit-learn's rule: strictly more even, or as even (np.isclose) with fewer rows.
      if (e < bestEval || (isClose(e, bestEval) && size < bestSize)) {
        best = b;
        bestEval = e;
        bestSize = size;
      }
    }
    binOfGroup[g] = best;
    for (let c = 0; c < classes.length; c++) counts[best][c] += add[c];
    rowsInBin[best] += members[g].length;
  }
  return Array.from(groups, (g) => binOfGroup[g]);
}

/** Population standard deviation (numpy's np.std). */
function std(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
}

/** numpy's isclose defaults (rtol 1e-5, atol 1e-8). */
function isClose(a: number, b: number): boolean {
  if (!Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}
