// Models and predictions measured against other labelings, and what the human-loop options cost.
import type { ExperimentData } from "../experiment/data";
import { ExperimentResult, modelResult } from "../experiment/run";
import type { ModelName } from "../experiment/config";
import type { Interval } from "../metrics/interval";
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import { averagePrecision } from "../metrics/curves";
import { intervalAt } from "../metrics/metricAt";
import { UndefinedMetricError } from "../metrics/validate";
import { LabelSetName, LabelSets, LABEL_SET_NAMES } from "./labelSets";
import { InvalidInputError } from "../errors";

/** One model's test predictions scored against one labeling, with bootstrap intervals (null: undefined here). */
export interface RescoreRow {
  scoredAgainst: LabelSetName;
  rows: number;
  positives: number;
  precision: Interval | null;
  recall: Interval | null;
  averagePrecision: Interval | null;
}

/**
 * The same test predictions scored against each labeling: how much of
 * "precision" and "recall" is a property of the labeler. Intervals are drawn as
 * every other interval is (intervalAt), so against the original labels they equal the run's own.
 */
export function rescoreAgainstLabelSets(
  result: ExperimentResult,
  model: ModelName,
  s: LabelSets,
  options: { resamples?: number; seed?: number } = {},
): RescoreRow[] {
  const m = modelResult(result, model);
  if (s.ids.length !== result.test.ids.length || s.ids.some((id, i) => id !== result.test.ids[i]))
    throw new InvalidInputError("labelSets", "label sets must be aligned with the result's test rows");
  const t = m.threshold.threshold;
  const { bootstrap, seed } = result.config;
  const opts = {
    resamples: options.resamples ?? bootstrap.resamples,
    seed: options.seed ?? seed,
    level: bootstrap.level,
    groups: result.test.groups,
  };
  return LABEL_SET_NAMES.map((name) => {
    const y = s[name];
    return {
      scoredAgainst: name,
      rows: y.length,
      positives: y.reduce((a, b) => a + b, 0),
      precision: intervalAt(y, m.scores.test, "precision", t, opts),
      recall: intervalAt(y, m.scores.test, "recall", t, opts),
      averagePrecision: intervalAt(y, m.scores.test, "averagePrecision", t, opts),
    };
  });
}

/** Among the messages a model flags on test: how many the labelers themselves do not stand behind. */
export interface FlaggedDisputes {
  flagged: number;
  originalTrue: number;
  rerunDisagrees: number;
  refinedDisagrees: number;
}

/** Of the messages a model flags on test, how many the rerun or the refined prompt labels differently. */
export function flaggedDisputes(result: ExperimentResult, model: ModelName, s: LabelSets): FlaggedDisputes {
  const m = modelResult(result, model);
  const flagged = s.ids.map((_, i) => i).filter((i) => m.scores.test[i] >= m.threshold.threshold);
  const count = (pick: (i: number) => boolean) => flagged.filter(pick).length;
  return {
    flagged: flagged.length,
    originalTrue: count((i) => s.original[i] === 1),
    rerunDisagrees: count((i) => s.rerun[i] !== s.original[i]),
    refinedDisagrees: count((i) => s.refined[i] !== s.original[i]),
  };
}

/** The same experiment data with other labels (e.g. the refined prompt's), everything else unchanged. */
export function withLabels(data: ExperimentData, train: number[], test: number[]): ExperimentData {
  if (train.length !== data.train.y.length || test.length !== data.test.y.length)
    throw new InvalidInputError("labels", "label arrays must match the train and test rows");
  return { ...data, train: { ...data.train, y: [...train] }, test: { ...data.test, y: [...test] } };
}

/** A model's test predictions at its threshold against one labeling: point estimates (undefined ratios as null). */
export interface PointScores {
  rows: number;
  flagged: number;
  precision: number | null;
  recall: number | null;
  averagePrecision: number | null;
}

function pointScores(y: number[], scores: ArrayLike<number>, threshold: number): PointScores {
  const c = confusionAt(y, scores, threshold);
  const r = scoresFromConfusion(c);
  let ap: number | null = null;
  try {
    ap = averagePrecision(y, Array.from(scores));
  } catch (err) {
    if (!(err instanceof UndefinedMetricError)) throw err;
  }
  return {
    rows: y.length,
    flagged: c.tp + c.fp,
    precision: r.undefined.includes("precision") ? null : r.precision,
    recall: r.undefined.includes("recall") ? null : r.recall,
    averagePrecision: ap,
  };
}

/** A model trained on one labeling and scored against another. */
export interface CrossLabelRow extends PointScores {
  trainedOn: string;
  scoredAgainst: "original" | "refined";
}

/**
 * Models trained on one labeling, scored against another: what writing the
 * definition down does to the positive rate, to precision and to recall.
 */
export function crossLabelScores(
  trainedOn: Array<{ name: string; result: ExperimentResult }>,
  testSets: LabelSets,
  model: ModelName = "logreg",
): CrossLabelRow[] {
  return trainedOn.flatMap(({ name, result }) => {
    const m = modelResult(result, model);
    return (["original", "refined"] as const).map((scoredAgainst) => ({
      trainedOn: name,
      scoredAgainst,
      ...pointScores(testSets[scoredAgainst], m.scores.test, m.threshold.threshold),
    }));
  });
}
