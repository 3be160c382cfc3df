import { LogisticRegression, LogisticRegressionOptions } from "../models/logisticRegression";
import { MlpClassifier, MlpFitInfo, MlpOptions } from "../models/mlp";
import { Estimator, NotFittedError } from "../models/types";
import { checkLabels01 } from "../metrics/validate";
import { stratifiedGroupHoldout } from "../split/split";
import { Featurizer, takeTextRows, TextRows } from "./featurizer";
import type { LogregPipelineJSON, MlpPipelineJSON, ModelPipelineJSON, PipelineJSON } from "./formats";
import type { FeatureSpec } from "./spec";
import { InternalError, InvalidInputError } from "../errors";

/**
 * A featurizer and a classifier fitted together, as scikit-learn's
 * Pipeline: `fit` fits the featurizer on exactly the rows the classifier
 * trains on; `predictProba` only transforms.
 */
export interface TextPipeline extends Estimator<TextRows> {
  fit(rows: TextRows, y: readonly number[], groups: readonly number[]): Promise<this>;
  predictProba(rows: TextRows): Promise<Float64Array>;
  dispose(): void;
}

/** Featurizer then logistic regression, fitted together on the training rows only (scikit-learn's Pipeline). */
export class LogregPipeline implements TextPipeline {
  readonly name = "logreg";
  featurizer: Featurizer | null = null;
  model: LogisticRegression | null = null;

  constructor(
    readonly features: FeatureSpec,
    readonly options: LogisticRegressionOptions,
  ) {}

  /** A pipeline from parts already fitted on the same rows (the grid search fits the featurizer once per fold). */
  static fromParts(featurizer: Featurizer, model: LogisticRegression): LogregPipeline {
    const p = new LogregPipeline(featurizer.spec, model.options);
    p.featurizer = featurizer;
    p.model = model;
    return p;
  }

  get isFitted(): boolean {
    return this.model !== null;
  }

  async fit(rows: TextRows, y: readonly number[]): Promise<this> {
    checkLabels01(y, "y");
    const { featurizer, design } = Featurizer.fitTransform(this.features, rows, y);
    this.featurizer = featurizer;
    this.model = new LogisticRegression(this.options).fit(design, y);
    return this;
  }

  async predictProba(rows: TextRows): Promise<Float64Array> {
    if (!this.featurizer || !this.model) throw new NotFittedError("LogregPipeline");
    return this.model.predictProba(this.featurizer.transform(rows));
  }

  toJSON(): LogregPipelineJSON {
    if (!this.featurizer || !this.model) throw new NotFittedError("LogregPipeline");
    return { kind: "logreg-pipeline", features: this.featurizer.toJSON(), model: this.model.toJSON() };
  }

  static fromJSON(j: Pick<LogregPipelineJSON, "features" | "model">): LogregPipeline {
    return LogregPipeline.fromParts(Featurizer.fromJSON(j.features), LogisticRegression.fromJSON(j.model));
  }

  dispose(): void {}
}

/**
 * The MLP with its early-stopping carve outside the featurizer: the carve is
 * made first (whole repeat groups, stratified), the featurizer is fitted on the
 * carve's training part only, and the validation part is transformed like new
 * rows, so early stopping judges out-of-sample features.
 */
export class MlpPipeline implements TextPipeline {
  readonly name = "mlp";
  featurizer: Featurizer | null = null;
  model: MlpClassifier | null = null;

  constructor(
    readonly features: FeatureSpec,
    readonly options: MlpOptions,
  ) {}

  get isFitted(): boolean {
    return this.model !== null;
  }

  /** How the network's training went (epochs, early stopping). */
  get fitInfo(): MlpFitInfo {
    if (!this.model?.fitInfo) throw new NotFittedError("MlpPipeline");
    return this.model.fitInfo;
  }

  async fit(rows: TextRows, y: readonly number[], groups: readonly number[]): Promise<this> {
    // Checked before the carve, so an error names the caller's row, not a row of the carve.
    checkLabels01(y, "y");
    const { train, test: val } = stratifiedGroupHoldout(y, groups, this.options.validationFraction, this.options.seed);
    const fitRows = takeTextRows(rows, train);
    const yFit = train.map((i) => y[i]);
    const { featurizer, design } = Featurizer.fitTransform(this.features, fitRows, yFit);
    this.featurizer = featurizer;
    const valX = featurizer.transform(takeTextRows(rows, val));
    this.dispose();
    this.model = await new MlpClassifier(this.options).fitWithValidation(
      design,
      yFit,
      valX,
      val.map((i) => y[i]),
    );
    return this;
  }

  async predictProba(rows: TextRows): Promise<Float64Array> {
    if (!this.featurizer || !this.model) throw new NotFittedError("MlpPipeline");
    return this.model.predictProba(this.featurizer.transform(rows));
  }

  toJSON(): MlpPipelineJSON {
    if (!this.featurizer || !this.model) throw new NotFittedError("MlpPipeline");
    return { kind: "mlp-pipeline", features: this.featurizer.toJSON(), model: this.model.toJSON() };
  }

  static async fromJSON(j: Pick<MlpPipelineJSON, "features" | "model">): Promise<MlpPipeline> {
    const p = new MlpPipeline(j.features.spec, j.model.options);
    p.featurizer = Featurizer.fromJSON(j.features);
    p.model = await MlpClassifier.fromJSON(j.model);
    return p;
  }

  dispose(): void {
    this.model?.dispose();
  }
}

/** Saved pipelines (declared in ./formats.ts). */
export type { LogregPipelineJSON, MlpPipelineJSON, ModelPipelineJSON, PipelineJSON };

/**
 * The cross-validation fold models, their probabilities averaged. These are
 * the models whose out-of-fold scores chose the threshold, so new messages
 * are scored by the same kind of model the threshold was tuned for (a refit
 * on all rows is another model, usually more confident, and flags more).
 */
export class FoldEnsemble implements TextPipeline {
  readonly name = "fold-ensemble";
  readonly isFitted = true;
  constructor(readonly members: TextPipeline[]) {
    if (!members.length) throw new InvalidInputError("members", "a fold ensemble needs at least one model");
  }

  async fit(): Promise<this> {
    throw new InternalError("a fold ensemble is built from cross-validation's fold models, not fitted");
  }

  async predictProba(rows: TextRows): Promise<Float64Array> {
    const sum = new Float64Array(rows.texts.length);
    for (const m of this.members) (await m.predictProba(rows)).forEach((p, i) => (sum[i] += p));
    return sum.map((s) => s / this.members.length);
  }

  toJSON(): PipelineJSON {
    // Its members are the model pipelines cross-validation fitted (their toJSON is typed `unknown` by the contract).
    return { kind: "fold-ensemble", members: this.members.map((m) => m.toJSON() as ModelPipelineJSON) };
  }

  dispose(): void {
    this.members.forEach((m) => m.dispose());
  }
}

/** One saved model pipeline back (a fold ensemble's member, or a refit). */
export async function modelPipelineFromJSON(j: ModelPipelineJSON): Promise<LogregPipeline | MlpPipeline> {
  return j.kind === "logreg-pipeline" ? LogregPipeline.fromJSON(j) : MlpPipeline.fromJSON(j);
}

/** Any saved pipeline back: one model, or a fold ensemble of them. */
export async function pipelineFromJSON(j: PipelineJSON): Promise<TextPipeline> {
  if (j.kind === "fold-ensemble") return new FoldEnsemble(await Promise.all(j.members.map(modelPipelineFromJSON)));
  return modelPipelineFromJSON(j);
}
