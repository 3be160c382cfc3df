import { chooseThreshold, ThresholdChoice } from "../metrics/threshold";
import { stratifiedGroupKFold } from "../split/split";
import { ConfigOverrides, ExperimentConfig, makeConfig, ModelName } from "./config";
import type { ExperimentData, Part } from "./data";
import * as path from "node:path";
import { runPool } from "../parallel/pool";
import type { EvaluationTask } from "./bootstrapTasks";
import type { MetricSet } from "./evaluate";
import { FittedModel, modelSpec, SelectedByModel } from "./specs";
import { deriveSeed } from "./seeds";
import { InvalidInputError } from "../errors";
import { fixed } from "../util/numberText";

const isBaseline = (name: ModelName) => name === "majority" || name === "keyword";

/** A stage of runExperiment, per model. */
export type Stage = "cross-validation" | "threshold" | "refit" | "test" | "bootstrap";
/** Every Stage, in the order they run. */
export const STAGES: readonly Stage[] = ["cross-validation", "threshold", "refit", "test", "bootstrap"];

/** A stage finished (or started) for a model, with a sentence and the count for a progress bar. */
export interface ProgressEvent {
  model: ModelName;
  stage: Stage;
  message: string;
  /** Stages finished so far over all models, and the total: for a progress bar. */
  done: number;
  total: number;
}

/** A model's threshold and where it came from: the configured policy, or a baseline's fixed rule. */
export type ModelThreshold = ThresholdChoice & { source: "policy" | "fixed" };

/** One model's results; `name` tells which model, and so the shape of `selected`. */
export interface ModelResultOf<N extends ModelName> {
  name: N;
  description: string;
  probabilistic: boolean;
  /** What cross-validation chose (e.g. C) and the grid it chose from. */
  selected: SelectedByModel[N];
  threshold: ModelThreshold;
  oof: MetricSet;
  test: MetricSet;
  scores: { oof: Float64Array; test: Float64Array };
  fitted: FittedModel;
  warnings: string[];
}

/** Any model's results, discriminated by `name`. */
export type ModelResult = { [N in ModelName]: ModelResultOf<N> }[ModelName];

/** Everything a run produced: its settings, data summary, split parts, and each model's scores, threshold and metrics. */
export interface ExperimentResult {
  config: ExperimentConfig;
  data: {
    trainRows: number;
    testRows: number;
    trainPositives: number;
    testPositives: number;
    embedding: string;
    embeddingMethod: string;
  };
  train: Pick<Part, "ids" | "y" | "texts" | "groups">;
  test: Pick<Part, "ids" | "y" | "texts" | "groups">;
  /** One entry per model, in config.models order. */
  models: ModelResult[];
}

/** A model's results from a run, typed by its name; a clear error when the run did not include it. */
export function modelResult<N extends ModelName>(
  result: Pick<ExperimentResult, "models">,
  name: N,
): Extract<ModelResult, { name: N }> {
  const m = findModelResult(result, name);
  if (!m)
    throw new InvalidInputError(
      "name",
      `model ${name} is not in this result (it has ${result.models.map((r) => r.name).join(", ") || "no models"})`,
    );
  return m;
}

/** A model's results when the run included it, else undefined. */
export function findModelResult<N extends ModelName>(
  result: Pick<ExperimentResult, "models">,
  name: N,
): Extract<ModelResult, { name: N }> | undefined {
  return result.models.find((r): r is Extract<ModelResult, { name: N }> => r.name === name);
}

/**
 * The whole protocol, driven by one configuration object:
 * cross-validation on the training split → out-of-fold scores → threshold
 * chosen on those scores → refit on all of train → score the test split once
 * → metrics with bootstrap intervals. Test rows are touched only in the "test"
 * stage, after every choice is made.
 */
/** The pool module that evaluates one model on one split (its bootstrap intervals run off the main thread). */
const EVALUATION_WORKER = path.join(__dirname, "bootstrapTasks");

/**
 * The whole protocol for each configured model: grouped cross-validation on the training split, a threshold from the
 * out-of-fold scores, the final model, the test split scored once, and bootstrap intervals. Reports progress by stage.
 */
export async function runExperiment(
  data: ExperimentData,
  configOrOverrides: ConfigOverrides = {},
  onProgress: (e: ProgressEvent) => void = () => {},
  options: { workers?: number } = {},
): Promise<ExperimentResult> {
  // makeConfig validates, and returns a full configuration unchanged.
  const config = makeConfig(configOrOverrides);
  const { train, test } = data;
  const folds = stratifiedGroupKFold(train.y, train.groups, config.cvFolds, deriveSeed(config.seed, "cv-folds"));
  const total = config.models.length * STAGES.length;
  let done = 0;

  // Models run concurrently (their folds share the cores); each model's numbers depend on nothing but its own work.
  const runModel = async <N extends ModelName>(name: N): Promise<ModelResult> => {
    const spec = modelSpec(name, config);
    const warnings: string[] = [];
    const step = (stage: Stage, message: string) => onProgress({ model: name, stage, message, done, total });
    const finish = (stage: Stage, message: string) => {
      done++;
      onProgress({ model: name, stage, message, done, total });
    };
    const ctx = {
      config,
      workers: options.workers,
      progress: (m: string) => step("cross-validation", m),
      warn: (w: string) => warnings.push(w),
    };

    step("cross-validation", `${config.cvFolds}-fold group-aware cross-validation on ${train.y.length} training rows`);
    const { oof, selected, foldModels } = await spec.crossValidate(train, folds, ctx);
    finish("cross-validation", "out-of-fold scores ready");

    const threshold: ModelThreshold =
      spec.fixedThreshold !== undefined
        ? {
            ...chooseThreshold(train.y, oof, { kind: "fixed", threshold: spec.fixedThreshold }),
            note: "fixed rule (baseline)",
            source: "fixed",
          }
        : { ...chooseThreshold(train.y, oof, config.policy), source: "policy" };
    finish(
      "threshold",
      `threshold ${fixed(threshold.threshold, 4)} (${threshold.satisfied ? "policy met" : threshold.note})`,
    );

    const fitted = await spec.fitFinal(train, selected, { ...ctx, progress: (m) => step("refit", m) }, foldModels);
    finish(
      "refit",
      config.finalModel === "refit" || !foldModels
        ? "refit on all training rows"
        : "final model: the fold models, averaged",
    );

    const testScores = await fitted.predictProba(test);
    finish("test", `scored ${test.y.length} test rows once`);

    const opts = {
      probabilistic: spec.probabilistic,
      seed: deriveSeed(config.seed, "bootstrap"),
      resamples: config.bootstrap.resamples,
      level: config.bootstrap.level,
    };
    const evaluations: EvaluationTask[] = [
      { y: train.y, scores: oof, threshold: threshold.threshold, options: { ...opts, groups: train.groups } },
      { y: test.y, scores: testScores, threshold: threshold.threshold, options: { ...opts, groups: test.groups } },
    ];
    const [oofMetrics, testMetrics] = await runPool<EvaluationTask, MetricSet>(EVALUATION_WORKER, evaluations, {
      workers: options.workers,
    });
    finish("bootstrap", `metrics with ${config.bootstrap.resamples} bootstrap resamples`);

    // One widening: TypeScript cannot see that ModelResultOf<N> for a generic N is a member of the union.
    const modelResult: ModelResultOf<N> = {
      name,
      description: spec.description,
      probabilistic: spec.probabilistic,
      selected,
      threshold,
      oof: oofMetrics,
      test: testMetrics,
      scores: { oof, test: testScores },
      fitted,
      warnings,
    };
    return modelResult as ModelResult;
  };
  // The learned models (slowest) start first; the baselines take milliseconds.
  const order = [...config.models].sort((a, b) => Number(isBaseline(a)) - Number(isBaseline(b)));
  const finished: ModelResult[] = await Promise.all(order.map((name) => runModel(name)));
  const models = config.models.map((name) => finished[order.indexOf(name)]);
  const pos = (p: Part) => p.y.reduce((a, b) => a + b, 0);
  return {
    config,
    data: {
      trainRows: train.y.length,
      testRows: test.y.length,
      trainPositives: pos(train),
      testPositives: pos(test),
      embedding: data.embeddings.manifest.name,
      embeddingMethod: data.embeddings.manifest.method,
    },
    train: { ids: train.ids, y: train.y, texts: train.texts, groups: train.groups },
    test: { ids: test.ids, y: test.y, texts: test.texts, groups: test.groups },
    models,
  };
}

/** Free model resources (MLP tensors) held by a result. */
export function disposeResult(result: ExperimentResult): void {
  for (const m of result.models) m.fitted.dispose?.();
}
