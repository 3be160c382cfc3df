import { Matrix, takeRows } from "../linalg/matrix";
import { averagePrecision } from "../metrics/curves";
import type { BinaryClassifier } from "../models/types";
import type { Fold } from "../split/split";
import * as path from "node:path";
import { takeTextRows, TextRows } from "../features/featurizer";
import type { LogregPipelineJSON, MlpPipelineJSON } from "../features/formats";
import type { TextPipeline } from "../features/pipelines";
import type { FeatureSpec } from "../features/spec";
import type { MlpFitInfo, MlpOptions } from "../models/mlp";
import type { ClassWeight } from "../models/types";
import { runPool } from "../parallel/pool";
import { chooseC, CRule } from "./cRule";
import type {
  LogregPathResult,
  LogregPathTask,
  LogregScoresResult,
  LogregScoresTask,
  MlpFoldResult,
  MlpFoldTask,
} from "./foldTasks";
import { InternalError, InvalidInputError } from "../errors";

/** One array of `rows` scores from each fold's validation scores (fold k's scores in its validation-row order). */
function outOfFold(rows: number, folds: readonly Fold[], scoresOf: (k: number) => ArrayLike<number>): Float64Array {
  const oof = new Float64Array(rows).fill(NaN);
  folds.forEach((f, k) => {
    const scores = scoresOf(k);
    f.validation.forEach((i, r) => (oof[i] = scores[r]));
  });
  const missing = oof.findIndex((v) => Number.isNaN(v));
  if (missing >= 0)
    throw new InvalidInputError("folds", `folds do not cover row ${missing}: every row must be in one validation fold`);
  return oof;
}

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
  const perFold: ArrayLike<number>[] = [];
  const { groups } = options;
  for (const f of folds) {
    const model = makeModel(f.fold);
    await model.fit(
      takeRows(X, f.train),
      f.train.map((i) => y[i]),
      groups && f.train.map((i) => groups[i]),
    );
    perFold.push(await model.predictProba(takeRows(X, f.validation)));
    options.onFold?.(f.fold, folds.length, model);
    model.dispose?.();
  }
  return outOfFold(y.length, folds, (k) => perFold[k]);
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
  const perFold: ArrayLike<number>[] = [];
  for (const f of folds) {
    const model = makeModel(f.fold);
    try {
      await model.fit(
        takeTextRows(rows, f.train),
        f.train.map((i) => y[i]),
        f.train.map((i) => groups[i]),
      );
      perFold.push(await model.predictProba(takeTextRows(rows, f.validation)));
      onFold?.(f.fold, folds.length, model);
    } finally {
      model.dispose();
    }
  }
  return outOfFold(y.length, folds, (k) => perFold[k]);
}

/** One setting of a grid search: its fold scores, their mean, and its out-of-fold scores. */
export interface GridPoint<P> {
  params: P;
  /** Average precision on each validation fold. */
  foldScores: number[];
  meanScore: number;
  oof: Float64Array;
}

/** How cross-validation runs: worker threads for the folds (default one per core; 1 = in this thread). */
export interface CvRunOptions {
  workers?: number;
  /** Called as each fold finishes (in completion order). */
  onFoldDone?: (done: number, of: number) => void;
}

const FOLD_WORKER = path.join(__dirname, "foldTasks");

/**
 * Out-of-fold logistic-regression scores at one C for several fold sets (say, one per seed), the featurizer fitted
 * inside each fold. Every fold of every set runs on the pool at once; no fold model is kept or sent back.
 */
export async function logregOutOfFoldScores(
  C: number,
  features: FeatureSpec,
  options: { classWeight: ClassWeight; standardize: boolean },
  rows: TextRows,
  y: readonly number[],
  foldSets: ReadonlyArray<readonly Fold[]>,
  run: CvRunOptions = {},
): Promise<Float64Array[]> {
  const tasks: LogregScoresTask[] = foldSets.flatMap((folds) =>
    folds.map((fold) => ({
      kind: "logreg-scores" as const,
      rows,
      y,
      fold,
      features,
      Cs: [C],
      classWeight: options.classWeight,
      standardize: options.standardize,
    })),
  );
  const results = await runPool<LogregScoresTask, LogregScoresResult>(FOLD_WORKER, tasks, {
    workers: run.workers,
    onTaskDone: run.onFoldDone,
  });
  let first = 0;
  return foldSets.map((folds) => {
    const oof = outOfFold(y.length, folds, (k) => results[first + k].scores[0]);
    first += folds.length;
    return oof;
  });
}

/**
 * Grid search over C by cross-validated average precision (scikit-learn's
 * GridSearchCV(Pipeline, scoring="average_precision") averages per-fold
 * scores the same way). `options.cRule` reads C off the grid (lib/experiment/cRule.ts; default "best"), and
 * `best` is the point it chose. In each fold the featurizer is fitted once, on that fold's training rows, and the
 * C path is warm-started; folds run in parallel and give the same numbers whatever the number of workers.
 */
export async function gridSearchLogreg(
  Cs: readonly number[],
  features: FeatureSpec,
  options: { classWeight: ClassWeight; standardize: boolean; cRule?: CRule },
  rows: TextRows,
  y: readonly number[],
  folds: readonly Fold[],
  run: CvRunOptions = {},
): Promise<{
  best: GridPoint<number>;
  points: GridPoint<number>[];
  warnings: string[];
  foldModels: LogregPipelineJSON[];
}> {
  if (Cs.length === 0) throw new InvalidInputError("Cs", "grid search needs at least one candidate");
  const tasks: LogregPathTask[] = folds.map((fold) => ({
    kind: "logreg-path",
    rows,
    y,
    fold,
    features,
    Cs,
    classWeight: options.classWeight,
    standardize: options.standardize,
  }));
  const results = await runPool<LogregPathTask, LogregPathResult>(FOLD_WORKER, tasks, {
    workers: run.workers,
    onTaskDone: run.onFoldDone,
  });
  const points = Cs.map((C, c) => {
    const oof = outOfFold(y.length, folds, (k) => results[k].scores[c]);
    const foldScores = folds.map((f) =>
      averagePrecision(
        f.validation.map((i) => y[i]),
        f.validation.map((i) => oof[i]),
      ),
    );
    return { params: C, foldScores, meanScore: foldScores.reduce((a, b) => a + b, 0) / foldScores.length, oof };
  });
  // The rule (default: the best mean, ties to the smaller C) picks the C; the fold models are kept at it.
  const at = chooseC(
    points.map((p) => ({ C: p.params, foldScores: p.foldScores })),
    options.cRule ?? "best",
  ).index;
  const best = points[at];
  const foldModels = results.map(
    (r): LogregPipelineJSON => ({ kind: "logreg-pipeline", features: r.featurizer, model: r.models[at] }),
  );
  return { best, points, warnings: results.flatMap((r) => r.warnings), foldModels };
}

/**
 * Out-of-fold scores of the MLP pipeline, folds in parallel (fold k's network is seeded with `seed + k`),
 * and the fold models. With `withFinal`, a refit on all rows (seeded with `seed`) trains beside the folds:
 * it needs nothing from them, since the MLP has no setting chosen by cross-validation.
 */
export async function crossValPredictMlp(
  features: FeatureSpec,
  options: MlpOptions,
  rows: TextRows,
  y: readonly number[],
  groups: readonly number[],
  folds: readonly Fold[],
  run: CvRunOptions & { withFinal?: boolean } = {},
): Promise<{
  oof: Float64Array;
  fitInfos: MlpFitInfo[];
  foldModels: MlpPipelineJSON[];
  final?: MlpFoldResult["model"];
}> {
  const tasks: MlpFoldTask[] = folds.map((fold) => ({
    kind: "mlp-fold",
    rows,
    y,
    groups,
    fold,
    features,
    options: { ...options, seed: options.seed + fold.fold },
    keepModel: true,
  }));
  const all: Fold = { fold: -1, train: y.map((_, i) => i), validation: [] };
  if (run.withFinal) tasks.push({ kind: "mlp-fold", rows, y, groups, fold: all, features, options, keepModel: true });
  const results = await runPool<MlpFoldTask, MlpFoldResult>(FOLD_WORKER, tasks, {
    workers: run.workers,
    onTaskDone: run.onFoldDone,
  });
  const oof = outOfFold(y.length, folds, (k) => results[k].scores);
  const foldResults = results.slice(0, folds.length);
  return {
    oof,
    fitInfos: foldResults.map((r) => r.fitInfo),
    foldModels: foldResults.map((r, k) => {
      if (!r.model) throw new InternalError(`MLP fold ${k} returned no model (keepModel was set)`);
      return r.model;
    }),
    final: run.withFinal ? results[folds.length].model : undefined,
  };
}
