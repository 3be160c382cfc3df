// Why does test recall beat the out-of-fold promise? The evidence, as numbers: is it the fold ensemble (each fold
// model alone on test), the threshold's place on the curve (recall at neighbouring thresholds on both sides), the
// folds' own spread, or which positives each side holds (recall by source category); and how unusual the test
// number is for one split of its size (a predictive interval from out-of-fold scores).
import type { Relabel, SourceCategory } from "../data/relabels";
import type { ModelName } from "../experiment/config";
import type { ExperimentData } from "../experiment/data";
import { ExperimentResult, modelResult } from "../experiment/run";
import { predictiveInterval, PredictiveInterval, shareAtLeast } from "../experiment/transfer";
import { FoldEnsemble } from "../features/pipelines";
import { confusionAt } from "../metrics/confusion";
import { stratifiedGroupKFold } from "../split/split";
import { getOrThrow } from "../util/maps";
import { wilson } from "../metrics/proportion";
import type { Interval } from "../metrics/interval";
import { InvalidInputError } from "../errors";

/** Precision, recall and the flagged share of some rows at the threshold, with the counts behind them. */
export interface RecallPoint {
  rows: number;
  positives: number;
  found: number;
  recall: number;
  /** null when nothing is flagged. */
  precision: number | null;
  flagged: number;
}

function pointAt(y: ArrayLike<number>, scores: ArrayLike<number>, t: number): RecallPoint {
  const c = confusionAt(y, scores, t);
  const positives = c.tp + c.fn;
  return {
    rows: y.length,
    positives,
    found: c.tp,
    recall: positives ? c.tp / positives : NaN,
    precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : null,
    flagged: (c.tp + c.fp) / y.length,
  };
}

/** Positives found, out-of-fold and on test, among messages of one source category. */
export interface CategoryRecall {
  category: SourceCategory;
  oof: { positives: number; found: number };
  test: { positives: number; found: number };
}

/** Why test recall differs from its out-of-fold promise: pooled, per fold, per fold model on test, per category. */
export interface RecallGapEvidence {
  model: ModelName;
  threshold: number;
  /** Pooled out-of-fold (the promise) and the fold ensemble on test (what was delivered). */
  oof: RecallPoint;
  test: RecallPoint;
  /** Each validation fold's out-of-fold rows alone: how much one held-out sample of ~62 positives varies. */
  folds: RecallPoint[];
  /** Each fold model alone on the test split, at the same threshold: the ensemble's share of the gap. */
  members: RecallPoint[];
  /** Recall on both sides at thresholds around the chosen one: a level shift, or a threshold on a cliff? */
  curve: Array<{ threshold: number; oofRecall: number; testRecall: number }>;
  /** Out-of-fold and test recall by the category each positive was written for. */
  byCategory: CategoryRecall[];
  /** Where the recall of one split of the test's size may land, from out-of-fold scores alone. */
  splitRecall: PredictiveInterval;
  /** The share of those simulated splits whose recall reaches the test's. */
  shareReachingTest: number;
  /** What the evidence says, as numbers a sentence can rest on. */
  verdict: {
    /** Test recall of the fold ensemble minus the mean of its members' (what averaging adds). */
    ensembleGain: number;
    /** Recall on the positives written as clear safety or security, out-of-fold and on test (Wilson intervals). */
    clearOof: Interval;
    clearTest: Interval;
    /** The test's clear positives are found more often than the out-of-fold rate allows (its interval lies above). */
    clearPositivesEasier: boolean;
    /** Test recall lies above out-of-fold recall at every threshold of `curve`. */
    aboveAtEveryThreshold: boolean;
  };
}

/**
 * The recall-gap evidence for one learned model (its final model must be the fold ensemble: the members are the
 * fold models whose out-of-fold scores set the threshold). `data` supplies the test rows to score the members.
 */
export async function recallGapEvidence(
  result: ExperimentResult,
  data: ExperimentData,
  model: ModelName,
  relabels: Map<string, Relabel>,
  offsets: readonly number[] = [-0.2, -0.1, 0, 0.1, 0.2],
): Promise<RecallGapEvidence> {
  const m = modelResult(result, model);
  if (!(m.fitted instanceof FoldEnsemble))
    throw new InvalidInputError(
      "result",
      `${model}'s final model is not the fold ensemble (config.finalModel is "${result.config.finalModel}")`,
    );
  const t = m.threshold.threshold;
  const { train, test } = result;
  const folds = stratifiedGroupKFold(train.y, train.groups, result.config.cvFolds, result.config.seed);
  const members: RecallPoint[] = [];
  for (const member of m.fitted.members) members.push(pointAt(test.y, await member.predictProba(data.test), t));
  const byCategory = new Map<SourceCategory, CategoryRecall>();
  const count = (ids: readonly string[], y: readonly number[], s: ArrayLike<number>, side: "oof" | "test") =>
    ids.forEach((id, i) => {
      if (y[i] !== 1) return;
      const category = getOrThrow(relabels, id, "relabels").category;
      const row = byCategory.get(category) ?? {
        category,
        oof: { positives: 0, found: 0 },
        test: { positives: 0, found: 0 },
      };
      row[side].positives++;
      if (s[i] >= t) row[side].found++;
      byCategory.set(category, row);
    });
  count(train.ids, train.y, m.scores.oof, "oof");
  count(test.ids, test.y, m.scores.test, "test");
  const testPoint = pointAt(test.y, m.scores.test, t);
  const clearOf = (side: "oof" | "test") => {
    const rows = [...byCategory.values()].filter((c) => c.category === "safety" || c.category === "security");
    const positives = rows.reduce((a, c) => a + c[side].positives, 0);
    return wilson(
      rows.reduce((a, c) => a + c[side].found, 0),
      Math.max(positives, 1),
    );
  };
  const splitRecall = predictiveInterval(train.y, m.scores.oof, train.groups, t, "recall", test.y.length, {
    seed: result.config.seed,
    resamples: result.config.bootstrap.resamples,
    level: result.config.bootstrap.level,
  });
  const curve = offsets
    .map((d) => t + d)
    .filter((x) => x > 0 && x < 1)
    .map((x) => ({
      threshold: x,
      oofRecall: pointAt(train.y, m.scores.oof, x).recall,
      testRecall: pointAt(test.y, m.scores.test, x).recall,
    }));
  const clearOof = clearOf("oof");
  const clearTest = clearOf("test");
  return {
    model,
    threshold: t,
    oof: pointAt(train.y, m.scores.oof, t),
    test: testPoint,
    folds: folds.map((f) =>
      pointAt(
        f.validation.map((i) => train.y[i]),
        f.validation.map((i) => m.scores.oof[i]),
        t,
      ),
    ),
    members,
    curve,
    byCategory: [...byCategory.values()].sort((a, b) => b.oof.positives - a.oof.positives),
    splitRecall,
    shareReachingTest: shareAtLeast(splitRecall, testPoint.recall),
    verdict: {
      ensembleGain: testPoint.recall - members.reduce((a, x) => a + x.recall, 0) / members.length,
      clearOof,
      clearTest,
      clearPositivesEasier: clearTest.low > clearOof.estimate,
      aboveAtEveryThreshold: curve.every((c) => c.testRecall > c.oofRecall),
    },
  };
}
