/**
 * One cross-validation fold as a self-contained task: plain data in, plain data out, so the pool
 * (lib/parallel/pool.ts) can run folds on worker threads. Each task is deterministic, so the results are
 * the same whichever thread runs it. This module is also the pool's worker entry (`runTask`).
 */
import { Featurizer, FeaturizerJSON, takeTextRows, TextRows } from "../features/featurizer";
import type { MlpPipelineJSON } from "../features/formats";
import type { LogregJSON } from "../models/logregFormat";
import { MlpPipeline } from "../features/pipelines";
import type { FeatureSpec } from "../features/spec";
import { LogisticRegression } from "../models/logisticRegression";
import type { MlpFitInfo, MlpOptions } from "../models/mlp";
import type { ClassWeight } from "../models/types";
import type { Fold } from "../split/split";

/** The logistic regression along a C path on one fold: the featurizer fitted once on the fold's training rows. */
export interface LogregPathTask {
  kind: "logreg-path";
  rows: TextRows;
  y: readonly number[];
  fold: Fold;
  features: FeatureSpec;
  /** In path order: each C warm-starts from the previous one (as LogisticRegressionCV does). */
  Cs: readonly number[];
  classWeight: ClassWeight;
  standardize: boolean;
}

export interface LogregPathResult {
  /** Validation-row scores, one array per C. */
  scores: Float64Array[];
  /** The fold's featurizer and its model for each C, for the fold ensemble (the featurizer is sent once). */
  featurizer: FeaturizerJSON;
  models: LogregJSON[];
  warnings: string[];
}

/** The MLP pipeline (featurizer fitted on its early-stopping carve's training part) on one fold. */
export interface MlpFoldTask {
  kind: "mlp-fold";
  rows: TextRows;
  y: readonly number[];
  groups: readonly number[];
  fold: Fold;
  features: FeatureSpec;
  options: MlpOptions;
  /** Send the fitted pipeline back (for the fold ensemble, or the refit on all rows). */
  keepModel?: boolean;
}

export interface MlpFoldResult {
  scores: Float64Array;
  fitInfo: MlpFitInfo;
  model?: MlpPipelineJSON;
}

/** The same C path, with only the validation scores sent back: for analyses that keep no fold model. */
export interface LogregScoresTask extends Omit<LogregPathTask, "kind"> {
  kind: "logreg-scores";
}

export interface LogregScoresResult {
  scores: Float64Array[];
  warnings: string[];
}

export type FoldTask = LogregPathTask | LogregScoresTask | MlpFoldTask;

function fitPath(task: LogregPathTask | LogregScoresTask) {
  const { rows, y, fold } = task;
  const fitRows = takeTextRows(rows, fold.train);
  const yFit = fold.train.map((i) => y[i]);
  const { featurizer, design: train } = Featurizer.fitTransform(task.features, fitRows, yFit);
  const validation = featurizer.transform(takeTextRows(rows, fold.validation));
  const warnings: string[] = [];
  const scores: Float64Array[] = [];
  const models: LogisticRegression[] = [];
  let previous: LogisticRegression | undefined;
  for (const C of task.Cs) {
    const model = new LogisticRegression({
      C,
      classWeight: task.classWeight,
      standardize: task.standardize,
      onWarning: (w) => warnings.push(w),
    });
    previous = model.startFrom(previous).fit(train, yFit);
    scores.push(model.predictProba(validation));
    models.push(model);
  }
  return { scores, featurizer, models, warnings };
}

export function logregPath(task: LogregPathTask): LogregPathResult {
  const { scores, featurizer, models, warnings } = fitPath(task);
  return { scores, featurizer: featurizer.toJSON(), models: models.map((m) => m.toJSON()), warnings };
}

export function logregScores(task: LogregScoresTask): LogregScoresResult {
  const { scores, warnings } = fitPath(task);
  return { scores, warnings };
}

export async function mlpFold(task: MlpFoldTask): Promise<MlpFoldResult> {
  const { rows, y, groups, fold } = task;
  const model = new MlpPipeline(task.features, task.options);
  try {
    await model.fit(
      takeTextRows(rows, fold.train),
      fold.train.map((i) => y[i]),
      fold.train.map((i) => groups[i]),
    );
    const scores = fold.validation.length
      ? await model.predictProba(takeTextRows(rows, fold.validation))
      : new Float64Array(0);
    return { scores, fitInfo: model.fitInfo, model: task.keepModel ? model.toJSON() : undefined };
  } finally {
    model.dispose();
  }
}

export async function runTask(task: FoldTask): Promise<LogregPathResult | LogregScoresResult | MlpFoldResult> {
  if (task.kind === "logreg-path") return logregPath(task);
  if (task.kind === "logreg-scores") return logregScores(task);
  return mlpFold(task);
}
