import { percentile } from "../metrics/bootstrap";
import type { Interval } from "../metrics/interval";
import { confusionAt } from "../metrics/confusion";
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
  precisionCi: Interval | null;
  recall: number | null;
  recallCi: Interval | null;
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
    const inside = (x: number | null, ci: Interval | null) =>
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

/**
 * What one batch of new messages may show at a threshold: a predictive interval, not the interval of a mean. Its
 * estimate is the metric on all the out-of-fold rows (counts scaled to a batch); n is the rows per batch; `skipped`
 * counts the batches where the metric was undefined (no positive, or nothing flagged), left out.
 */
export interface PredictiveInterval extends Interval {
  /** A rate, or a count in the batch: messages flagged, positives missed. */
  metric: BatchMetric;
  /** Rows per simulated batch (the size of the test split, or a month of messages); also the interval's n. */
  batchRows: number;
  resamples: number;
  skipped: number;
  /** The simulated values, ascending: for the share of batches at or above a value (`shareAtLeast`). */
  values: number[];
}

/** What predictiveInterval can simulate: a rate, or a count of messages in a batch. */
export type BatchMetric = "precision" | "recall" | "flagged" | "flaggedMessages" | "missedMessages";

/** A batch metric from a batch's counts (messages counted per batchRows: a batch may end a few rows over). */
function batchMetric(
  metric: BatchMetric,
  c: { rows: number; tp: number; fp: number; positives: number },
  batchRows: number,
) {
  const { rows, tp, fp, positives } = c;
  if (metric === "precision") return tp / (tp + fp);
  if (metric === "recall") return tp / positives;
  if (metric === "flagged") return (tp + fp) / rows;
  if (metric === "flaggedMessages") return ((tp + fp) * batchRows) / rows;
  return ((positives - tp) * batchRows) / rows;
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
  metric: BatchMetric,
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
    // Counts are scaled to exactly batchRows messages (the last group may run a few rows over).
    const v = batchMetric(metric, { rows, tp, fp, positives }, batchRows);
    if (Number.isFinite(v)) values.push(v);
    else skipped++;
  }
  if (!values.length)
    throw new UndefinedMetricError(`${metric} was undefined in every simulated batch of ${batchRows} rows`);
  values.sort((a, b) => a - b);
  const alpha = (1 - options.level) / 2;
  // Defined here: a metric undefined on all rows is undefined in every batch, which threw above.
  const all = confusionAt(y, scores, threshold);
  const positives = all.tp + all.fn;
  const estimate = batchMetric(metric, { rows: y.length, tp: all.tp, fp: all.fp, positives }, batchRows);
  return {
    estimate,
    low: percentile(values, 100 * alpha),
    high: percentile(values, 100 * (1 - alpha)),
    level: options.level,
    method: "predictive bootstrap",
    n: batchRows,
    resamples: options.resamples,
    skipped,
    metric,
    batchRows,
    values,
  };
}

/** The share of simulated batches whose metric is at least `x` (how unusual a test number is under the promise). */
export function shareAtLeast(p: PredictiveInterval, x: number): number {
  return p.values.filter((v) => v >= x - 1e-12).length / p.values.length;
}
