import type { ConfidenceInterval } from "../metrics/bootstrap";
import { ExperimentResult, findModelResult } from "./run";

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

export interface TransferCheck {
  model: string;
  threshold: number;
  oof: OperatingPoint;
  test: OperatingPoint;
  /** Whether test landed inside the widened out-of-fold interval; null when the metric is undefined on either side. */
  precisionInside: boolean | null;
  recallInside: boolean | null;
  flaggedGap: number;
  /** All three hold: the operating point chosen on out-of-fold scores is what the test split got. */
  holds: boolean;
}

const inside = (x: number | null, ci: ConfidenceInterval | null): boolean | null =>
  x === null || ci === null ? null : x >= ci.low - TRANSFER_MARGIN && x <= ci.high + TRANSFER_MARGIN;

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
    return [
      {
        ...check,
        holds: check.precisionInside === true && check.recallInside === true && check.flaggedGap <= FLAGGED_GAP_LIMIT,
      },
    ];
  });
}
