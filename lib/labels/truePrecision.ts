// Three answers to "what is the model's true precision?", computed on the same rows and the same bootstrap draws.
import type { Interval } from "../metrics/interval";
import { countsOn } from "./estimate";
import { BootstrapOptions, bootstrapRows } from "../metrics/bootstrap";
import { intentOf } from "./intent";
import { InvalidInputError } from "../errors";

/** "True precision" three ways on the same rows (against the labeler, intent, and noise-corrected), with intervals. */
export interface TruePrecisionComparison {
  /** Rows with a writer's intent (borderline messages left out), and how many of them the model flags. */
  rows: number;
  flagged: number;
  /** On those rows: precision against the labeler, against intent, and against the labeler corrected for its errors. */
  againstLabeler: Interval;
  againstIntent: Interval;
  noiseCorrected: Interval;
  /** Paired differences (same draws): intent − labeler, corrected − labeler. */
  intentMinusLabeler: Interval;
  correctedMinusLabeler: Interval;
  /** Flagged rows with an intent where the labeler and the writer disagree, each way. */
  flaggedLabelerFalseIntentTrue: number;
  flaggedLabelerTrueIntentFalse: number;
  /** Every row, borderline included, against the labeler: the precision the project reports. */
  allRows: { rows: number; flagged: number; againstLabeler: Interval };
  /** The borderline rows: how many the model flags, and how many of those the labeler calls True. */
  borderline: { rows: number; flagged: number; labeledTrue: number };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

/**
 * The model's precision three ways on the SAME rows (those with a writer's intent): against the labeler, against
 * intent, and against the labeler corrected by Rogan–Gladen (the labeler's sensitivity and specificity against
 * intent, estimated on those rows, undone on the flagged share labeled True). Every estimate uses the same bootstrap
 * draws (same seed, same groups), so the differences are paired. The borderline rows, where no reference but the
 * labeler exists, are counted apart, with the all-rows precision the project reports beside them.
 */
export function truePrecisionOnSameRows(
  pred: ArrayLike<number>,
  labels: ArrayLike<number>,
  categories: readonly string[],
  options: BootstrapOptions = {},
): TruePrecisionComparison {
  const n = pred.length;
  if (labels.length !== n || categories.length !== n)
    throw new InvalidInputError(
      "categories",
      `predictions, labels and categories must align (${n}, ${labels.length}, ${categories.length})`,
    );
  const intent = categories.map(intentOf);
  const withIntent = (idx: number[]) => idx.filter((i) => intent[i] !== null);
  const labelsArr = Array.from(labels);
  const precisionOn = (truth: ArrayLike<number | null>) => (idx: number[]) => {
    const c = countsOn(pred, truth, idx);
    return ratio(c.tp, c.tp + c.fp);
  };
  const vsLabeler = (idx: number[]) => precisionOn(labelsArr)(withIntent(idx));
  const vsIntent = (idx: number[]) => precisionOn(intent)(idx);
  const corrected = (idx: number[]) => {
    const rows = withIntent(idx);
    const c = countsOn(labelsArr, intent, rows);
    const se = ratio(c.tp, c.tp + c.fn);
    const sp = ratio(c.tn, c.tn + c.fp);
    const p = vsLabeler(idx);
    return Math.min(1, Math.max(0, ratio(p + sp - 1, se + sp - 1)));
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const clear = withIntent(all);
  const flaggedClear = clear.filter((i) => pred[i] === 1);
  const flagged = flaggedClear.length;
  // One seed for every statistic: bootstrapRows draws the same resamples, so the estimates are paired.
  const boot = (f: (idx: number[]) => number, count: number) => bootstrapRows(n, f, count, options);
  const border = all.filter((i) => intent[i] === null);
  const flaggedBorder = border.filter((i) => pred[i] === 1);
  const flaggedAll = all.filter((i) => pred[i] === 1).length;
  return {
    rows: clear.length,
    flagged,
    againstLabeler: boot(vsLabeler, flagged),
    againstIntent: boot(vsIntent, flagged),
    noiseCorrected: boot(corrected, flagged),
    intentMinusLabeler: boot((idx) => vsIntent(idx) - vsLabeler(idx), flagged),
    correctedMinusLabeler: boot((idx) => corrected(idx) - vsLabeler(idx), flagged),
    flaggedLabelerFalseIntentTrue: flaggedClear.filter((i) => labelsArr[i] === 0 && intent[i] === 1).length,
    flaggedLabelerTrueIntentFalse: flaggedClear.filter((i) => labelsArr[i] === 1 && intent[i] === 0).length,
    allRows: { rows: n, flagged: flaggedAll, againstLabeler: boot(precisionOn(labelsArr), flaggedAll) },
    borderline: {
      rows: border.length,
      flagged: flaggedBorder.length,
      labeledTrue: flaggedBorder.filter((i) => labelsArr[i] === 1).length,
    },
  };
}
