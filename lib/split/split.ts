import { assignGroupsToBins } from "./assign";
import { InvalidInputError } from "../errors";

/** A train/test split as row indices (whole repeat groups on one side). */
export interface HoldoutSplit {
  /** Row indices (into the arrays given) of the training part. */
  train: number[];
  /** Row indices of the held-out test part. */
  test: number[];
}

/** One cross-validation fold as row indices: fit on `train`, score `validation`. */
export interface Fold {
  fold: number;
  /** Row indices to fit on. */
  train: number[];
  /** Row indices to score (out-of-fold). */
  validation: number[];
}

const indicesWhere = (bins: number[], b: number) => bins.flatMap((x, i) => (x === b ? [i] : []));

/** Seeded, stratified, group-aware holdout: about `testFraction` of every class goes to test, whole groups only. */
export function stratifiedGroupHoldout(
  labels: ArrayLike<number>,
  groups: readonly number[],
  testFraction: number,
  seed: number,
): HoldoutSplit {
  if (!(testFraction > 0 && testFraction < 1))
    throw new InvalidInputError("testFraction", `testFraction must be in (0, 1), got ${testFraction}`);
  const bins = assignGroupsToBins(labels, groups, [1 - testFraction, testFraction], seed);
  return { train: indicesWhere(bins, 0), test: indicesWhere(bins, 1) };
}

/**
 * Seeded stratified group k-fold: each row is in exactly one validation fold,
 * every group sits wholly inside one fold, and each fold holds about 1/k of
 * every class.
 */
export function stratifiedGroupKFold(
  labels: ArrayLike<number>,
  groups: readonly number[],
  k: number,
  seed: number,
): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new InvalidInputError("k", `k must be an integer ≥ 2, got ${k}`);
  const distinctGroups = new Set(groups).size;
  if (distinctGroups < k) throw new InvalidInputError("groups", `cannot make ${k} folds from ${distinctGroups} groups`);
  const bins = assignGroupsToBins(labels, groups, Array(k).fill(1 / k), seed);
  return Array.from({ length: k }, (_, f) => ({
    fold: f,
    train: bins.flatMap((b, i) => (b !== f ? [i] : [])),
    validation: indicesWhere(bins, f),
  }));
}
