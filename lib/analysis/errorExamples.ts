// The test messages a model gets wrong, one by one, and how often other labelings side with the model on them.
import type { Relabel } from "../data/relabels";
import type { ModelName } from "../experiment/config";
import { ExperimentResult, modelResult } from "../experiment/run";
import { getOrThrow } from "../util/maps";

/** False positive or false negative. */
export type ErrorKind = "fp" | "fn";

/** A misclassified message with its score, and what the other labelings said about it. */
export interface ErrorExample {
  id: string;
  score: number;
  message: string;
  /** The other labelings' answers, when relabels were given and cover this message. */
  relabel: Relabel | null;
}

/** The test messages a model got wrong, most confident first (highest-scored false positives, lowest-scored misses). */
export function errorExamples(
  result: ExperimentResult,
  model: ModelName,
  kind: ErrorKind,
  limit = 10,
  relabels?: Map<string, Relabel>,
): ErrorExample[] {
  const m = modelResult(result, model);
  const t = m.threshold.threshold;
  return result.test.ids
    .map((id, i) => ({ id, i, score: m.scores.test[i], y: result.test.y[i] }))
    .filter((r) => (kind === "fp" ? r.y === 0 && r.score >= t : r.y === 1 && r.score < t))
    .sort((a, b) => (kind === "fp" ? b.score - a.score : a.score - b.score))
    .slice(0, limit)
    .map((r) => ({ id: r.id, score: r.score, message: result.test.texts[r.i], relabel: relabels?.get(r.id) ?? null }));
}

/** The groups whose labels are checked against the relabels. */
export type OutcomeKind = "false positives" | "false negatives" | "correctly classified";

/** How often the relabels dispute the label of one group of messages (errors, or correct ones for contrast). */
export interface ErrorLabelAgreement {
  outcome: OutcomeKind;
  count: number;
  /** Of those rows, how many a second run of the original prompt labels differently from the label. */
  rerunDisagrees: number;
  /** … and how many the refined prompt labels differently. */
  refinedDisagrees: number;
}

/** For a model's test errors (and its correct rows, as the reference): how often another labeling disputes the label. */
export function errorLabelAgreement(
  result: ExperimentResult,
  model: ModelName,
  relabels: Map<string, Relabel>,
): ErrorLabelAgreement[] {
  const m = modelResult(result, model);
  const t = m.threshold.threshold;
  const outcomes: Array<[OutcomeKind, (y: number, s: number) => boolean]> = [
    ["false positives", (y, s) => y === 0 && s >= t],
    ["false negatives", (y, s) => y === 1 && s < t],
    ["correctly classified", (y, s) => (y === 1) === s >= t],
  ];
  const y = new Map(result.test.ids.map((id, i) => [id, result.test.y[i]]));
  return outcomes.map(([outcome, pick]) => {
    const ids = result.test.ids.filter((_, i) => pick(result.test.y[i], m.scores.test[i]));
    const disagree = (which: "rerun" | "refined") =>
      ids.filter((id) => getOrThrow(relabels, id, "relabels")[which] !== y.get(id)).length;
    return { outcome, count: ids.length, rerunDisagrees: disagree("rerun"), refinedDisagrees: disagree("refined") };
  });
}
