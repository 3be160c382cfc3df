import { Matrix, takeRows } from "../linalg/matrix";
import { averagePrecision } from "../metrics/curves";
import type { BinaryClassifier } from "../models/types";
import type { Fold } from "../split/split";
import { Featurizer, takeTextRows, TextRows } from "../features/featurizer";
import type { TextPipeline } from "../features/pipelines";
import type { FeatureSpec } from "../features/spec";
import type { LogisticRegression } from "../models/logisticRegression";

/**
 * Out-of-fold scores: for each fold, fit a fresh model on the other folds and
 * score the held-out one. Every training row gets exactly one score from a
 * model that never saw it.
 */
export async function crossValPredict<M extends BinaryClassifier>(
  makeModel: (fold: number) => M,
  X: Matrix,
  y: ArrayLike<number>,
  folds: readonly Fold[],
  options: { groups?: readonly number[]; onFold?: (fold: number, of: number, model: M) => void } = {},
): Promise<Float64Array> {
  const oof = new Float64Array(y.length).fill(NaN);
  for (const f of folds) {
    const model = makeModel(f.fold);
    await model.fit(takeRows(X, f.train), f.train.map((i) => y[i]), options.groups && f.train.map((i) => options.groups![i]));
    const scores = await model.predictProba(takeRows(X, f.validation));
    f.validation.forEach((i, k) => (oof[i] = scores[k]));
    options.onFold?.(f.fold, folds.length, model);
    model.dispose?.();
  }
  const missing = oof.findIndex((v) => Number.isNaN(v));
  if (missing >= 0) throw new Error(`folds do not cover row ${missing}: every row must be in one validation fold`);
  return oof;
}

/**
 * Out-of-fold scores for a text pipeline: each fold's pipeline (featurizer
 * included) is fitted on the other folds' rows only, then scores its fold.
 */
export async function crossValPredictRows<M extends TextPipeline>(
  makeModel: (fold: number) => M,
  rows: TextRows,
  y: readonly number[],
  groups: readonly number[],
  folds: readonly Fold[],
  onFold?: (fold: number, of: number, model: M) => void,
): Promise<Float64Array> {
  const oof = new Float64Array(y.length).fill(NaN);
  for (const f of folds) {
    const model = makeModel(f.fold);
    try {
      await model.fit(takeTextRows(rows, f.train), f.train.map((i) => y[i]), f.train.map((i) => groups[i]));
      const scores = await model.predictProba(takeTextRows(rows, f.validation));
      f.validation.forEach((i, k) => (oof[i] = scores[k]));
      onFold?.(f.fold, folds.length, model);
    } finally {
      model.dispose();
    }
  }
  const missing = oof.findIndex((v) => Number.isNaN(v));
  if (missing >= 0) throw new Error(`folds do not cover row ${missing}: every row must be in one validation fold`);
  return oof;
}

export interface GridPoint<P> {
  params: P;
  /** Average precision on each validation fold. */
  foldScores: number[];
  meanScore: number;
  oof: Float64Array;
}

/**
 * Grid search by cross-validated average precision (scikit-learn's
 * GridSearchCV(Pipeline, scoring="average_precision") averages per-fold
 * scores the same way). The featurizer is fitted once per fold, on that
 * fold's training rows, and shared by every candidate (it does not depend on
 * them); only the training rows passed in are ever seen.
 */
export async function gridSearchCv<P>(
  grid: readonly P[],
  features: FeatureSpec,
  makeModel: (params: P) => LogisticRegression,
  rows: TextRows,
  y: readonly number[],
  folds: readonly Fold[],
  onPoint?: (done: number, of: number, point: GridPoint<P>) => void,
): Promise<{ best: GridPoint<P>; points: GridPoint<P>[] }> {
  if (grid.length === 0) throw new Error("grid search needs at least one candidate");
  const designs = folds.map((f) => {
    const fitRows = takeTextRows(rows, f.train);
    const yFit = f.train.map((i) => y[i]);
    const featurizer = Featurizer.fit(features, fitRows, yFit);
    return { train: featurizer.transform(fitRows), yFit, validation: featurizer.transform(takeTextRows(rows, f.validation)) };
  });
  const points: GridPoint<P>[] = [];
  // Each fold's previous candidate warm-starts the next (same rows, same optimum, fewer steps).
  const previous: Array<LogisticRegression | undefined> = folds.map(() => undefined);
  for (const params of grid) {
    const oof = new Float64Array(y.length);
    folds.forEach((f, k) => {
      const model = makeModel(params).startFrom(previous[k]).fit(designs[k].train, designs[k].yFit);
      previous[k] = model;
      const scores = model.predictProba(designs[k].validation);
      f.validation.forEach((i, r) => (oof[i] = scores[r]));
    });
    const foldScores = folds.map((f) => averagePrecision(f.validation.map((i) => y[i]), f.validation.map((i) => oof[i])));
    const point = { params, foldScores, meanScore: foldScores.reduce((a, b) => a + b, 0) / foldScores.length, oof };
    points.push(point);
    onPoint?.(points.length, grid.length, point);
  }
  // First best wins ties, so put simpler (more regularized) candidates first in the grid.
  const best = points.reduce((a, b) => (b.meanScore > a.meanScore ? b : a));
  return { best, points };
}
