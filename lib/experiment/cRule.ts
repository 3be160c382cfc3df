import { InvalidInputError } from "../errors";
// How C is read off the cross-validated grid. Pure: the grid search, the figure and the notebook all call it.

/** The rules for reading C off the grid (see CRule). */
export const C_RULES = ["best", "oneStandardError"] as const;
/**
 * "best": the C with the highest mean CV average precision (ties to the smaller C).
 * "oneStandardError": the smallest (most regularized) C whose mean is within one standard error of the best's mean,
 * the standard error being the best C's fold scores' standard deviation over √folds (Hastie, Tibshirani and Friedman,
 * The Elements of Statistical Learning, 2nd ed., §7.10; glmnet's lambda.1se): on a plateau the argmax is noise, and
 * the simpler model is the one CV cannot tell apart from the best.
 */
export type CRule = (typeof C_RULES)[number];

/** One C of the grid: its validation-fold scores (higher is better). */
export interface CGridPoint {
  C: number;
  foldScores: readonly number[];
}

/** The C a rule picked, with the best C and its standard error for comparison. */
export interface CChoice {
  rule: CRule;
  /** The C the rule picks, and its index in the grid. */
  C: number;
  index: number;
  /** The C with the best mean, its mean, and the standard error over folds of that mean. */
  bestC: number;
  bestMean: number;
  standardError: number;
  /** Means at or above this qualify under the one-standard-error rule (bestMean − standardError). */
  floor: number;
  /** Whether the best mean sits at the grid's smallest or largest C (the grid may stop too soon). */
  bestAtEdge: boolean;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The sample standard deviation over folds divided by √folds: the standard error of a mean CV score. */
export function standardErrorOfMean(xs: readonly number[]): number {
  if (xs.length < 2)
    throw new InvalidInputError("foldScores", `a standard error needs at least 2 fold scores, got ${xs.length}`);
  const m = mean(xs);
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
  return sd / Math.sqrt(xs.length);
}

/** Apply a rule to a grid of C values and their fold scores (any grid order). */
export function chooseC(points: readonly CGridPoint[], rule: CRule): CChoice {
  if (!points.length) throw new InvalidInputError("points", "choosing C needs at least one grid point");
  const means = points.map((p) => mean(p.foldScores));
  let best = 0;
  means.forEach((m, k) => {
    if (m > means[best] || (m === means[best] && points[k].C < points[best].C)) best = k;
  });
  const standardError = points[best].foldScores.length > 1 ? standardErrorOfMean(points[best].foldScores) : 0;
  const floor = means[best] - standardError;
  let index = best;
  if (rule === "oneStandardError")
    points.forEach((p, k) => {
      if (means[k] >= floor && p.C < points[index].C) index = k;
    });
  const Cs = points.map((p) => p.C);
  return {
    rule,
    C: points[index].C,
    index,
    bestC: points[best].C,
    bestMean: means[best],
    standardError,
    floor,
    bestAtEdge: points[best].C === Math.min(...Cs) || points[best].C === Math.max(...Cs),
  };
}
