import { KeywordClassifier, MajorityClassifier } from "../models/baselines";
import type { Estimator } from "../models/types";
import type { ModelPipelineJSON } from "../features/formats";
import { FoldEnsemble, LogregPipeline, MlpPipeline, modelPipelineFromJSON } from "../features/pipelines";
import { describeFeatures } from "../features/spec";
import type { Fold } from "../split/split";
import { takeTextRows } from "../features/featurizer";
import { ExperimentConfig, featureSpecOf, mlpOptionsOf, ModelName } from "./config";
import { crossValPredictMlp, gridSearchLogreg } from "./cv";
import type { Part } from "./data";
import { UsageError } from "../errors";

/** A model fitted on the whole training split, ready to score new rows: any estimator on text rows. */
export type FittedModel = Pick<Estimator<Pick<Part, "X" | "texts">>, "predictProba" | "toJSON" | "dispose">;

/** One point of the C search: mean and per-fold validation average precision. */
export interface CvPoint {
  C: number;
  meanAveragePrecision: number;
  foldAveragePrecision: number[];
}

/** What cross-validation chose, per model (written to metrics.json as `selected`). */
export interface SelectedByModel {
  logreg: { features: string; C: number; cv: CvPoint[] };
  mlp: { features: string; bestEpochPerFold: number[] };
  majority: Record<string, never>;
  keyword: { keywords: string[] };
}

export interface SpecContext {
  config: ExperimentConfig;
  /** Worker threads for the folds (results do not depend on it). */
  workers?: number;
  progress: (message: string) => void;
  warn: (message: string) => void;
}

/**
 * What the runner needs from each model: out-of-fold scores on the training
 * split (tuning anything it tunes inside), and a final fit on all of it.
 * Neither step is ever given test rows.
 */
export interface ModelSpec<N extends ModelName = ModelName> {
  name: N;
  description: string;
  /** Scores are probabilities (log-loss, Brier and calibration apply). */
  probabilistic: boolean;
  /** Baselines have a fixed rule instead of a tuned threshold. */
  fixedThreshold?: number;
  /** Out-of-fold scores, what was selected, and (learned models) each fold's fitted pipeline. */
  crossValidate(
    train: Part,
    folds: Fold[],
    ctx: SpecContext,
  ): Promise<{ oof: Float64Array; selected: SelectedByModel[N]; foldModels?: ModelPipelineJSON[] }>;
  /** The model for the test split and new messages: the fold ensemble, or a refit on all training rows (config.finalModel). */
  fitFinal(
    train: Part,
    selected: SelectedByModel[N],
    ctx: SpecContext,
    foldModels?: ModelPipelineJSON[],
  ): Promise<FittedModel>;
}

const majority: ModelSpec<"majority"> = {
  name: "majority",
  description: "always the training positive rate (predicts the majority class, False)",
  probabilistic: true,
  fixedThreshold: 0.5,
  async crossValidate(train, folds) {
    const oof = new Float64Array(train.y.length);
    for (const f of folds) {
      const m = new MajorityClassifier().fit(
        takeTextRows(train, f.train),
        f.train.map((i) => train.y[i]),
      );
      m.predictProba(takeTextRows(train, f.validation)).forEach((p, k) => (oof[f.validation[k]] = p));
    }
    return { oof, selected: {} };
  },
  async fitFinal(train) {
    return new MajorityClassifier().fit(train, train.y);
  },
};

function keywordSpec(config: ExperimentConfig): ModelSpec<"keyword"> {
  return {
    name: "keyword",
    description: `flags a message containing any of ${config.keywords.length} safety/security keywords`,
    probabilistic: false,
    fixedThreshold: 0.5,
    // A fixed rule: its out-of-fold scores are its scores (fitting learns nothing).
    async crossValidate(train) {
      return {
        oof: new KeywordClassifier(config.keywords).fit(train, train.y).predictProba(train),
        selected: { keywords: config.keywords },
      };
    },
    async fitFinal(train) {
      return new KeywordClassifier(config.keywords).fit(train, train.y);
    },
  };
}

const logreg: ModelSpec<"logreg"> = {
  name: "logreg",
  description: "L2 logistic regression, C by cross-validated average precision",
  probabilistic: true,
  async crossValidate(train, folds, ctx) {
    const o = ctx.config.logreg;
    const features = featureSpecOf(ctx.config, "logreg");
    const run = {
      workers: ctx.workers,
      onFoldDone: (d: number, of: number) => ctx.progress(`fold ${d}/${of}: C path done`),
    };
    const { best, points, warnings, foldModels } = await gridSearchLogreg(
      o.Cs,
      features,
      o,
      train,
      train.y,
      folds,
      run,
    );
    // One line per C and fold would drown the report; say how many fits did not converge, with the first message.
    if (warnings.length)
      ctx.warn(`${warnings.length} of ${o.Cs.length * folds.length} CV fits did not converge; first: ${warnings[0]}`);
    return {
      oof: best.oof,
      selected: {
        features: describeFeatures(features),
        C: best.params,
        cv: points.map((p) => ({ C: p.params, meanAveragePrecision: p.meanScore, foldAveragePrecision: p.foldScores })),
      },
      foldModels,
    };
  },
  async fitFinal(train, selected, ctx, foldModels) {
    if (ctx.config.finalModel === "fold-ensemble") return foldEnsemble(foldModels, ctx);
    const o = ctx.config.logreg;
    const options = { C: selected.C, classWeight: o.classWeight, standardize: o.standardize, onWarning: ctx.warn };
    return new LogregPipeline(featureSpecOf(ctx.config, "logreg"), options).fit(train, train.y);
  },
};

/** The fold models, averaged: what scores the test split and new messages under config.finalModel "fold-ensemble". */
async function foldEnsemble(foldModels: ModelPipelineJSON[] | undefined, ctx: SpecContext): Promise<FittedModel> {
  if (!foldModels?.length) throw new UsageError("no fold models: call crossValidate first");
  const m = new FoldEnsemble(await Promise.all(foldModels.map(modelPipelineFromJSON)));
  ctx.progress(`final model: the ${foldModels.length} fold models, averaged`);
  return m;
}

/** The MLP's final fit trains beside its folds (it needs nothing from them); fitFinal picks it up. */
function mlpSpec(): ModelSpec<"mlp"> {
  let final: Parameters<typeof MlpPipeline.fromJSON>[0] | undefined;
  return {
    name: "mlp",
    description:
      "feed-forward network (TensorFlow.js), early stopping on a group-aware validation carve of the training rows",
    probabilistic: true,
    async crossValidate(train, folds, ctx) {
      const features = featureSpecOf(ctx.config, "mlp");
      // One seed for everything: the MLP's is derived from it (a seed of its own would be silently overridden).
      const options = mlpOptionsOf(ctx.config);
      const withFinal = ctx.config.finalModel === "refit";
      const what = withFinal ? `${folds.length} folds and the refit` : `${folds.length} folds`;
      const run = {
        workers: ctx.workers,
        withFinal,
        onFoldDone: (d: number, of: number) => ctx.progress(`${d}/${of} fits done (${what})`),
      };
      const cv = await crossValPredictMlp(features, options, train, train.y, train.groups, folds, run);
      final = cv.final;
      const selected = { features: describeFeatures(features), bestEpochPerFold: cv.fitInfos.map((f) => f.bestEpoch) };
      return { oof: cv.oof, selected, foldModels: cv.foldModels };
    },
    async fitFinal(_train, _selected, ctx, foldModels) {
      if (ctx.config.finalModel === "fold-ensemble") return foldEnsemble(foldModels, ctx);
      if (!final) throw new UsageError("the MLP's refit runs with its cross-validation: call crossValidate first");
      const m = await MlpPipeline.fromJSON(final);
      const info = m.fitInfo;
      ctx.progress(`final fit: best epoch ${info.bestEpoch} of ${info.epochsRun}`);
      return m;
    },
  };
}

const SPECS: { [N in ModelName]: (config: ExperimentConfig) => ModelSpec<N> } = {
  majority: () => majority,
  keyword: keywordSpec,
  logreg: () => logreg,
  mlp: mlpSpec,
};

export function modelSpec<N extends ModelName>(name: N, config: ExperimentConfig): ModelSpec<N> {
  return SPECS[name](config);
}
