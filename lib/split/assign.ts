import { makeRng, shuffled } from "../util/random";
import { membersByGroup } from "./groups";

/**
 * Assign whole groups to bins so that each bin gets its target share of every
 * class (stratified) and no group is ever split across bins.
 *
 * Greedy, like scikit-learn's StratifiedGroupKFold: groups are visited largest
 * first (ties in a seeded random order) and each goes to the bin where it
 * least increases the squared gap between class counts and their targets.
 * With mostly singleton groups this ends with every bin within one row of its
 * exact per-class target.
 *
 * @returns bin index per row.
 */
export function assignGroupsToBins(
  labels: ArrayLike<number>,
  groups: readonly number[],
  fractions: readonly number[],
  seed: number,
): number[] {
  const n = labels.length;
  if (groups.length !== n) throw new Error(`labels (${n}) and groups (${groups.length}) differ in length`);
  const total = fractions.reduce((a, b) => a + b, 0);
  if (fractions.some((f) => !(f > 0)) || Math.abs(total - 1) > 1e-9) {
    throw new Error(`bin fractions must be positive and sum to 1, got [${fractions.join(", ")}]`);
  }
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const classTotals = classes.map((c) => Array.from(labels).filter((y) => y === c).length);
  const target = fractions.map((f) => classTotals.map((t) => f * t));
  const counts = fractions.map(() => classes.map(() => 0));

  const members = membersByGroup(groups);
  const order = shuffled(
    members.map((_, g) => g).filter((g) => members[g] !== undefined),
    makeRng(seed),
  );
  // Stable sort keeps the shuffled order among groups of equal size.
  order.sort((a, b) => members[b].length - members[a].length);

  const binOfGroup: number[] = [];
  for (const g of order) {
    const perClass = classes.map(() => 0);
    for (const i of members[g]) perClass[classIndex.get(labels[i])!]++;
    let best = 0;
    let bestCost = Infinity;
    for (let b = 0; b < fractions.length; b++) {
      let cost = 0;
      for (let c = 0; c < classes.length; c++) {
        const after = counts[b][c] + perClass[c] - target[b][c];
        const before = counts[b][c] - target[b][c];
        cost += after * after - before * before;
      }
      if (cost < bestCost - 1e-12) {
        best = b;
        bestCost = cost;
      }
    }
    binOfGroup[g] = best;
    for (let c = 0; c < classes.length; c++) counts[best][c] += perClass[c];
  }
  return Array.from(groups, (g) => binOfGroup[g]);
}
