/**
 * The refits pitfalls need, as self-contained tasks for the worker pool (lib/parallel/pool.ts): plain data in and
 * out, deterministic, so results do not depend on the thread. This module is the pool's worker entry (`runTask`).
 * Each task is the clean pipeline's own fitting code with one step changed, named by the task.
 */
import { logregPath } from "../experiment/foldTasks";
import { Featurizer, takeTextRows, TextRows } from "../features/featurizer";
import type { FeatureSpec } from "../features/spec";
import { Design, takeDesignRows } from "../linalg/design";
import { LogisticRegression } from "../models/logisticRegression";
import { MlpClassifier, MlpOptions } from "../models/mlp";
import type { ClassWeight } from "../models/types";
import { Fold, stratifiedGroupHoldout } from "../split/split";

/** The clean logistic regression's fit: the grid's C path, warm-started in order as the grid search runs it, up to C. */
export interface LogregTaskOptions {
  C: number;
  Cs: readonly number[];
  classWeight: ClassWeight;
  standardize: boolean;
}

/** The model at C, reached along the C path exactly as the grid search's fold (the same warm starts, the same bits). */
function fitAlongPath(
  design: Design,
  y: readonly number[],
  o: LogregTaskOptions,
  warnings: string[],
): LogisticRegression {
  const stop = o.Cs.indexOf(o.C);
  if (stop < 0) throw new Error(`C = ${o.C} is not on the path [${o.Cs.join(", ")}]`);
  let model: LogisticRegression | undefined;
  for (const C of o.Cs.slice(0, stop + 1)) {
    const next = new LogisticRegression({
      C,
      classWeight: o.classWeight,
      standardize: o.standardize,
      onWarning: (w) => warnings.push(w),
    });
    model = next.startFrom(model).fit(design, y);
  }
  if (!model) throw new Error("empty C path");
  return model;
}

/** One fold of the clean logistic regression: scores its validation rows and, as a fold-ensemble member, `extra`. */
export interface LogregFoldTask {
  kind: "logreg-fold";
  rows: TextRows;
  y: readonly number[];
  fold: Fold;
  /** Rows every fold model also scores (a test split); averaged over folds they are the fold ensemble's scores. */
  extra: TextRows | null;
  /** Pitfall 8a: the featurizer is fitted on the fold's training rows and the extra rows (their labels for chi²). */
  featurizerSeesExtra: { y: readonly number[] } | null;
  features: FeatureSpec;
  options: LogregTaskOptions;
}

/** Pitfall 8b: the featurizer fitted once on every row, then the folds: out-of-fold scores and the ensemble's. */
export interface OutsideFoldsTask {
  kind: "logreg-outside-folds";
  rows: TextRows;
  y: readonly number[];
  folds: Fold[];
  extra: TextRows;
  features: FeatureSpec;
  options: LogregTaskOptions;
}

/** Pitfall 4: a fold's C path exactly as the grid search runs it, each C's model scoring `extra`. */
export interface LogregPathExtraTask {
  kind: "logreg-path-extra";
  rows: TextRows;
  y: readonly number[];
  fold: Fold;
  Cs: readonly number[];
  extra: TextRows;
  features: FeatureSpec;
  classWeight: ClassWeight;
  standardize: boolean;
}

/**
 * Pitfall 5: one fold of the clean MLP pipeline (same carve, featurizer, seed), its early stopping watching either
 * its own carve (as the clean pipeline does) or the extra rows (the test split).
 */
export interface MlpStoppingTask {
  kind: "mlp-stopping";
  rows: TextRows;
  y: readonly number[];
  groups: readonly number[];
  fold: Fold;
  features: FeatureSpec;
  options: MlpOptions;
  watch: "carve" | "extra";
  extra: TextRows;
  extraY: readonly number[];
}

export type PitfallTask = LogregFoldTask | OutsideFoldsTask | LogregPathExtraTask | MlpStoppingTask;

export interface FoldScores {
  /** Scores of the fold's validation rows (empty where the task has no validation rows to score). */
  validation: Float64Array;
  /** Scores of the extra rows: per C for a path, one array otherwise. */
  extra: Float64Array[];
  warnings: string[];
  bestEpoch?: number;
}

const labelsOf = (y: readonly number[], idx: readonly number[]) => idx.map((i) => y[i]);

function logregFold(t: LogregFoldTask): FoldScores {
  const fitRows = takeTextRows(t.rows, t.fold.train);
  const yFit = labelsOf(t.y, t.fold.train);
  const warnings: string[] = [];
  if (!t.featurizerSeesExtra) {
    const { featurizer, design } = Featurizer.fitTransform(t.features, fitRows, yFit);
    const lr = fitAlongPath(design, yFit, t.options, warnings);
    const score = (rows: TextRows) => lr.predictProba(featurizer.transform(rows));
    return {
      validation: score(takeTextRows(t.rows, t.fold.validation)),
      extra: t.extra ? [score(t.extra)] : [],
      warnings,
    };
  }
  if (!t.extra) throw new Error("a featurizer that sees the extra rows needs extra rows");
  // Fitted on the fold's rows followed by the extra rows; the model still trains on the fold's rows only.
  const seen = { texts: [...fitRows.texts, ...t.extra.texts], X: concatRows(fitRows.X, t.extra.X) };
  const { featurizer, design } = Featurizer.fitTransform(t.features, seen, [...yFit, ...t.featurizerSeesExtra.y]);
  const fitted = takeDesignRows(
    design,
    yFit.map((_, i) => i),
  );
  const lr = fitAlongPath(fitted, yFit, t.options, warnings);
  const score = (rows: TextRows) => lr.predictProba(featurizer.transform(rows));
  return { validation: score(takeTextRows(t.rows, t.fold.validation)), extra: [score(t.extra)], warnings };
}

function outsideFolds(t: OutsideFoldsTask): FoldScores {
  // The faulty step: one featurizer fitted on every row the folds will later hold out.
  const { featurizer, design } = Featurizer.fitTransform(t.features, t.rows, t.y);
  const extraDesign = featurizer.transform(t.extra);
  const oof = new Float64Array(t.y.length).fill(NaN);
  const ensemble = new Float64Array(t.extra.texts.length);
  const warnings: string[] = [];
  for (const f of t.folds) {
    const yFit = labelsOf(t.y, f.train);
    const lr = fitAlongPath(takeDesignRows(design, f.train), yFit, t.options, warnings);
    lr.predictProba(takeDesignRows(design, f.validation)).forEach((p, k) => (oof[f.validation[k]] = p));
    lr.predictProba(extraDesign).forEach((p, i) => (ensemble[i] += p));
  }
  const missing = oof.findIndex((v) => Number.isNaN(v));
  if (missing >= 0) throw new Error(`folds do not cover row ${missing}: every row must be in one validation fold`);
  return { validation: oof, extra: [ensemble.map((s) => s / t.folds.length)], warnings };
}

function pathExtra(t: LogregPathExtraTask): FoldScores {
  const r = logregPath({ ...t, kind: "logreg-path" });
  const design = Featurizer.fromJSON(r.featurizer).transform(t.extra);
  return {
    validation: new Float64Array(0),
    extra: r.models.map((m) => LogisticRegression.fromJSON(m).predictProba(design)),
    warnings: r.warnings,
  };
}

async function mlpStopping(t: MlpStoppingTask): Promise<FoldScores> {
  // As MlpPipeline.fit: the carve first (whole repeat groups), the featurizer on the carve's training part.
  const yFold = labelsOf(t.y, t.fold.train);
  const carve = stratifiedGroupHoldout(
    yFold,
    labelsOf(t.groups, t.fold.train),
    t.options.validationFraction,
    t.options.seed,
  );
  const foldRows = takeTextRows(t.rows, t.fold.train);
  const yFit = labelsOf(yFold, carve.train);
  const { featurizer, design } = Featurizer.fitTransform(t.features, takeTextRows(foldRows, carve.train), yFit);
  const extraX = featurizer.transform(t.extra);
  // The one difference: which rows early stopping watches.
  const [watchX, watchY] =
    t.watch === "carve"
      ? [featurizer.transform(takeTextRows(foldRows, carve.test)), labelsOf(yFold, carve.test)]
      : [extraX, Array.from(t.extraY)];
  const model = await new MlpClassifier(t.options).fitWithValidation(design, yFit, watchX, watchY);
  try {
    return {
      validation: new Float64Array(0),
      extra: [await model.predictProba(extraX)],
      warnings: [],
      bestEpoch: model.fitInfo?.bestEpoch,
    };
  } finally {
    model.dispose();
  }
}

function concatRows(a: TextRows["X"], b: TextRows["X"]): TextRows["X"] {
  if (a.cols !== b.cols) throw new Error(`cannot stack rows of ${a.cols} and ${b.cols} columns`);
  const data = new Float32Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return { rows: a.rows + b.rows, cols: a.cols, data };
}

export async function runTask(task: PitfallTask): Promise<FoldScores> {
  switch (task.kind) {
    case "logreg-fold":
      return logregFold(task);
    case "logreg-outside-folds":
      return outsideFolds(task);
    case "logreg-path-extra":
      return pathExtra(task);
    case "mlp-stopping":
      return mlpStopping(task);
  }
}
