/**
 * The refits pitfalls need, as self-contained tasks for the worker pool (lib/parallel/pool.ts): plain data in and
 * out, deterministic, so results do not depend on the thread. This module is the pool's worker entry (`runTask`).
 * Each task is the clean pipeline's own fitting code with one step changed, named by the task.
 */
import { Featurizer, takeTextRows, TextRows } from "../features/featurizer";
import type { FeatureSpec } from "../features/spec";
import { Design, takeDesignRows } from "../linalg/design";
import { LogisticRegression } from "../models/logisticRegression";
import { MlpClassifier, MlpOptions } from "../models/mlp";
import type { ClassWeight } from "../models/types";
import { Fold, stratifiedGroupHoldout } from "../split/split";
import { InternalError } from "../errors";

/** The clean logistic regression's fit: the grid's C path, warm-started in order as the grid search runs it. */
export interface LogregTaskOptions {
  /** The path, in grid order; a task fits every C of it up to and including `upTo`. */
  Cs: readonly number[];
  upTo: number;
  classWeight: ClassWeight;
  standardize: boolean;
}

/** Every model along the C path up to `upTo`, exactly as the grid search's fold fits them (same warm starts, bits). */
function fitAlongPath(
  design: Design,
  y: readonly number[],
  o: LogregTaskOptions,
  warnings: string[],
): LogisticRegression[] {
  const stop = o.Cs.indexOf(o.upTo);
  if (stop < 0) throw new InternalError(`C = ${o.upTo} is not on the path [${o.Cs.join(", ")}]`);
  const models: LogisticRegression[] = [];
  for (const C of o.Cs.slice(0, stop + 1)) {
    const next = new LogisticRegression({
      C,
      classWeight: o.classWeight,
      standardize: o.standardize,
      onWarning: (w) => warnings.push(w),
    });
    models.push(next.startFrom(models[models.length - 1]).fit(design, y));
  }
  return models;
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

export type PitfallTask = LogregFoldTask | OutsideFoldsTask | MlpStoppingTask;

/** One entry per C along the path (one entry for an MLP): scores of the validation rows and of the extra rows. */
export interface FoldScores {
  /** A fold's validation rows, or every row out-of-fold for the outside-folds task; empty for the MLP. */
  validation: Float64Array[];
  /** The extra rows: one fold model's scores, or the fold ensemble's for the outside-folds task. */
  extra: Float64Array[];
  warnings: string[];
}

const labelsOf = (y: readonly number[], idx: readonly number[]) => idx.map((i) => y[i]);

function logregFold(t: LogregFoldTask): FoldScores {
  const fitRows = takeTextRows(t.rows, t.fold.train);
  const yFit = labelsOf(t.y, t.fold.train);
  const warnings: string[] = [];
  if (t.featurizerSeesExtra && !t.extra)
    throw new InternalError("a featurizer that sees the extra rows needs extra rows");
  // Pitfall 8a fits the featurizer on the fold's rows followed by the extra rows; the model trains on the first.
  const seen =
    t.featurizerSeesExtra && t.extra
      ? { texts: [...fitRows.texts, ...t.extra.texts], X: concatRows(fitRows.X, t.extra.X) }
      : fitRows;
  const seenY = t.featurizerSeesExtra ? [...yFit, ...t.featurizerSeesExtra.y] : yFit;
  const { featurizer, design } = Featurizer.fitTransform(t.features, seen, seenY);
  const fitted =
    seen === fitRows
      ? design
      : takeDesignRows(
          design,
          yFit.map((_, i) => i),
        );
  const models = fitAlongPath(fitted, yFit, t.options, warnings);
  const validation = featurizer.transform(takeTextRows(t.rows, t.fold.validation));
  const extra = t.extra ? featurizer.transform(t.extra) : null;
  return {
    validation: models.map((m) => m.predictProba(validation)),
    extra: extra ? models.map((m) => m.predictProba(extra)) : [],
    warnings,
  };
}

function outsideFolds(t: OutsideFoldsTask): FoldScores {
  // The faulty step: one featurizer fitted on every row the folds will later hold out.
  const { featurizer, design } = Featurizer.fitTransform(t.features, t.rows, t.y);
  const extraDesign = featurizer.transform(t.extra);
  const steps = t.options.Cs.indexOf(t.options.upTo) + 1;
  const oof = Array.from({ length: steps }, () => new Float64Array(t.y.length).fill(NaN));
  const ensemble = Array.from({ length: steps }, () => new Float64Array(t.extra.texts.length));
  const warnings: string[] = [];
  for (const f of t.folds) {
    const models = fitAlongPath(takeDesignRows(design, f.train), labelsOf(t.y, f.train), t.options, warnings);
    const validation = takeDesignRows(design, f.validation);
    models.forEach((m, c) => {
      m.predictProba(validation).forEach((p, k) => (oof[c][f.validation[k]] = p));
      m.predictProba(extraDesign).forEach((p, i) => (ensemble[c][i] += p));
    });
  }
  const missing = oof[0].findIndex((v) => Number.isNaN(v));
  if (missing >= 0)
    throw new InternalError(`folds do not cover row ${missing}: every row must be in one validation fold`);
  // Averaged in fold order, as FoldEnsemble.predictProba averages its members.
  return { validation: oof, extra: ensemble.map((e) => e.map((s) => s / t.folds.length)), warnings };
}

async function mlpStopping(t: MlpStoppingTask): Promise<FoldScores> {
  // As MlpPipeline.fit: the carve first (whole repeat groups), the featurizer on the carve's training part.
  const yFold = labelsOf(t.y, t.fold.train);
  const groups = labelsOf(t.groups, t.fold.train);
  const carve = stratifiedGroupHoldout(yFold, groups, t.options.validationFraction, t.options.seed);
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
    return { validation: [], extra: [await model.predictProba(extraX)], warnings: [] };
  } finally {
    model.dispose();
  }
}

function concatRows(a: TextRows["X"], b: TextRows["X"]): TextRows["X"] {
  if (a.cols !== b.cols) throw new InternalError(`cannot stack rows of ${a.cols} and ${b.cols} columns`);
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
    case "mlp-stopping":
      return mlpStopping(task);
  }
}
