import { ConfidenceInterval, percentile } from "../metrics/bootstrap";
import { membersByGroup } from "../util/groups";
import { makeRng, randInt } from "../util/random";
import { ExperimentResult, findModelResult } from "./run";
import { InvalidInputError, UndefinedMetricError } from "../errors";

/** How far outside its out-of-fold interval a test number may land and still count as delivered. */
export const TRANSFER_MARGIN = 0.05;
/** Largest gap, in share of messages flagged, between out-of-fold and test. */
export const FLAGGED_GAP_LIMIT = 0.03;

/** One split's numbers at the chosen threshold. */
export interface OperatingPoint {
  rows: number;
  /** null where undefined (nothing flagged, or no positives). */
  precision: number | null;
  precisionCi: ConfidenceInterval | null;
  recall: number | null;
  recallCi: ConfidenceInterval | null;
  flagged: number;
}

/** Whether an operating point chosen out-of-fold holds on test: flagged share and precision on both, with the verdict. */
export interface TransferCheck {
  model: string;
  threshold: number;
  oof: OperatingPoint;
  test: OperatingPoint;
  /**
   * Whether test landed inside the widened out-of-fold interval; null when the metric is undefined on either side or
   * the run has no intervals (bootstrap.resamples 0).
   */
  precisionInside: boolean | null;
  recallInside: boolean | null;
  flaggedGap: number;
  /** All three hold: the operating point chosen on out-of-fold scores is what the test split got (null: unchecked). */
  holds: boolean | null;
}

/**
 * Does the operating point transfer? For each learned model: test precision
 * and recall against the out-of-fold 95% interval widened by TRANSFER_MARGIN,
 * and the share of messages flagged on both sides.
 */
export function operatingPointTransfer(result: ExperimentResult): TransferCheck[] {
  return (["logreg", "mlp"] as const).flatMap((name) => {
    const m = findModelResult(result, name);
    if (!m) return [];
    const { oof, test } = m;
    // Without intervals, or where a metric is undefined, there is nothing to check: null, never a ✗ that looks measured.
    const inside = (x: number | null, ci: ConfidenceInterval | null) =>
      oof.noIntervals || x === null || ci === null
        ? null
        : x >= ci.low - TRANSFER_MARGIN && x <= ci.high + TRANSFER_MARGIN;
    const check = {
      model: name,
      threshold: m.threshold.threshold,
      oof: {
        rows: oof.rows,
        precision: oof.precision,
        precisionCi: oof.ci.precision,
        recall: oof.recall,
        recallCi: oof.ci.recall,
        flagged: oof.flaggedRate,
      },
      test: {
        rows: test.rows,
        precision: test.precision,
        precisionCi: test.ci.precision,
        recall: test.recall,
        recallCi: test.ci.recall,
        flagged: test.flaggedRate,
      },
      precisionInside: inside(test.precision, oof.ci.precision),
      recallInside: inside(test.recall, oof.ci.recall),
      flaggedGap: Math.abs(test.flaggedRate - oof.flaggedRate),
    };
    const holds =
      check.precisionInside === null || check.recallInside === null
        ? null
        : check.precisionInside && check.recallInside && check.flaggedGap <= FLAGGED_GAP_LIMIT;
    return [{ ...check, holds }];
  });
}

/** What one batch of new messages may show at a threshold: a predictive interval, not the interval of a mean. */
export interface PredictiveInterval {
  /** A rate, or a count in the batch: messages flagged, positives missed. */
  metric: "precision" | "recall" | "flagged" | "flaggedMessages" | "missedMessages";
  /** Rows per simulated batch (the size of the test split, or a month of messages). */
  batchRows: number;
  low: number;
  high: number;
  level: number;
  resamples: number;
  /** Batches where the metric was undefined (no positive, or nothing flagged) and were left out. */
  skipped: number;
  /** The simulated values, ascending: for the share of batches at or above a value (`shareAtLeast`). */
  values: number[];
}

/**
 * The spread of a metric over batches of `batchRows` new messages, from out-of-fold scores alone: each resample
 * redraws the training rows (whole repeat groups; the uncertainty of the estimate), then draws a batch of that many
 * rows from the redrawn set (the batch's own sampling noise). Where a bootstrap interval says how well the mean is
 * known, this says where one test split, or one month, may land.
 */
export function predictiveInterval(
  y: readonly number[],
  scores: ArrayLike<number>,
  groups: readonly number[],
  threshold: number,
  metric: PredictiveInterval["metric"],
  batchRows: number,
  options: { seed: number; resamples: number; level: number },
): PredictiveInterval {
  if (y.length !== scores.length || y.length !== groups.length)
    throw new InvalidInputError(
      "groups",
      `labels (${y.length}), scores (${scores.length}) and groups (${groups.length}) differ in length`,
    );
  if (!(batchRows >= 1)) throw new InvalidInputError("batchRows", `a batch needs at least one row, got ${batchRows}`);
  const clusters = membersByGroup(groups).filter((m) => m !== undefined);
  const rng = makeRng(options.seed);
  const values: number[] = [];
  let skipped = 0;
  const replicate = new Int32Array(clusters.length);
  for (let r = 0; r < options.resamples; r++) {
    for (let k = 0; k < clusters.length; k++) replicate[k] = randInt(rng, clusters.length);
    let rows = 0;
    let tp = 0;
    let fp = 0;
    let positives = 0;
    while (rows < batchRows) {
      // Whole repeat groups: a batch may end a few rows past batchRows.
      for (const i of clusters[replicate[randInt(rng, clusters.length)]]) {
        const flagged = scores[i] >= threshold;
        rows++;
        if (y[i] === 1) {
          positives++;
          if (flagged) tp++;
        } else if (flagged) fp++;
      }
    }
    const byMetric: Record<PredictiveInterval["metric"], number> = {
      precision: tp / (tp + fp),
      recall: tp / positives,
      flagged: (tp + fp) / rows,
      // Counts are scaled to exactly batchRows messages (the last group may run a few rows over).
      flaggedMessages: ((tp + fp) * batchRows) / rows,
      missedMessages: ((positives - tp) * batchRows) / rows,
    };
    const v = byMetric[metric];
    if (Number.isFinite(v)) values.push(v);
    else skipped++;
  }
  if (!values.length)
    throw new UndefinedMetricError(`${metric} was undefined in every simulated batch of ${batchRows} rows`);
  values.sort((a, b) => a - b);
  const alpha = (1 - options.level) / 2;
  return {
    metric,
    batchRows,
    low: percentile(values, 100 * alpha),
    high: percentile(values, 100 * (1 - alpha)),
    level: options.level,
    resamples: options.resamples,
    skipped,
    values,
  };
}

/** The share of simulated batches whose metric is at least `x` (how unusual a test number is under the promise). */
export function shareAtLeast(p: PredictiveInterval, x: number): number {
  return p.values.filter((v) => v >= x - 1e-12).length / p.values.length;
}
