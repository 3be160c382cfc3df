// The experiment's data and thresholds as tables.
import type { SampleMessage, SplitSide } from "../experiment/dataSummary";
import type { ExperimentResult } from "../experiment/run";
import { describePolicy } from "../metrics/threshold";
import { metric3, trueFalse, rounded } from "./format";

/** The split in numbers, one row per side: rows, positives, positive rate, repeat groups. */
export function splitTable(rows: readonly SplitSide[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    split: r.split,
    rows: r.rows,
    positives: r.positives,
    "positive rate": rounded(r.positiveRate, 4),
    "repeat groups inside": r.repeatGroupsInside,
    "test messages also in train": r.alsoInTrain ?? "",
  }));
}

/** Example messages with their labels as True / False. */
export function sampleMessageTable(rows: readonly SampleMessage[]): Array<Record<string, string>> {
  return rows.map((r) => ({ id: r.id, label: trueFalse(r.label), message: r.message }));
}

/** How each threshold was chosen and what it gives on the out-of-fold training scores. */
export function thresholdTable(result: ExperimentResult): Array<Record<string, string | number>> {
  return result.models.map((m) => ({
    model: m.name,
    rule: m.threshold.source === "fixed" ? "fixed rule (baseline)" : describePolicy(m.threshold.policy),
    threshold: rounded(m.threshold.threshold, 4),
    "OOF precision": metric3(m.oof.precision),
    "OOF recall": metric3(m.oof.recall),
    "OOF F1": metric3(m.oof.f1),
    "policy met": m.threshold.satisfied ? "yes" : `no: ${m.threshold.note}`,
  }));
}
