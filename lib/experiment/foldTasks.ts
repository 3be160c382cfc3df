/**
 * One cross-validation fold as a self-contained task: plain data in, plain data out, so the pool
 * (lib/parallel/pool.ts) can run folds on worker threads. Each task is deterministic, so the results are
 * the same whichever thread runs it. This module is also the pool's worker entry (`runTask`).
 */
import { Featurizer, takeTextRows, TextRows } from "../features/featurizer";
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
}

export interface MlpFoldResult {
  scores: Float64Array;
  fitInfo: MlpFitInfo;
}

export type FoldTask = LogregPathTask | MlpFoldTask;

export function logregPath(task: LogregPathTask): LogregPathResult {
  const { rows, y, fold } = task;
  const fitRows = takeTextRows(rows, fold.train);
  const yFit = fold.train.map((i) => y[i]);
  const { featurizer, design: train } = Featurizer.fitTransform(task.features, fitRows, yFit);
  const validation = featurizer.transform(takeTextRows(rows, fold.validation));
  const warnings: string[] = [];
  const scores: Float64Array[] = [];
  let previous: LogisticRegression | undefined;
  for (const C of task.Cs) {
    const model = new LogisticRegression({ C, classWeight: task.classWeight, standardize: task.standardize, onWarning: (w) => warnings.push(w) });
    previous = model.startFrom(previous).fit(train, yFit);
    scores.push(model.predictProba(validation));
  }
  return { scores, warnings };
}

export async function mlpFold(task: MlpFoldTask): Promise<MlpFoldResult> {
  const { rows, y, groups, fold } = task;
  const model = new MlpPipeline(task.features, task.options);
  try {
    await model.fit(takeTextRows(rows, fold.train), fold.train.map((i) => y[i]), fold.train.map((i) => groups[i]));
    return { scores: await model.predictProba(takeTextRows(rows, fold.validation)), fitInfo: model.model!.fitInfo! };
  } finally {
    model.dispose();
  }
}

export async function runTask(task: FoldTask): Promise<LogregPathResult | MlpFoldResult> {
  return task.kind === "logreg-path" ? logregPath(task) : mlpFold(task);
}
