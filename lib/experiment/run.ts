import { chooseThreshold, ThresholdChoice } from "../metrics/threshold";
import { stratifiedGroupKFold } from "../split/split";
import { ExperimentConfig, makeConfig, ModelName } from "./config";

const isBaseline = (name: ModelName) => name === "majority" || name === "keyword";
import type { ExperimentData, Part } from "./data";
import { evaluateScores, MetricSet } from "./evaluate";
import { FittedModel, modelSpec } from "./specs";

export type Stage = "cross-validation" | "threshold" | "refit" | "test" | "bootstrap";
export const STAGES: readonly Stage[] = ["cross-validation", "threshold", "refit", "test", "bootstrap"];

export interface ProgressEvent {
  model: ModelName;
  stage: Stage;
  message: string;
  /** Stages finished so far over all models, and the total: for a progress bar. */
  done: number;
  total: number;
}

export interface ModelResult {
  name: ModelName;
  description: string;
  probabilistic: boolean;
  /** What cross-validation chose (e.g. C) and the grid it chose from. */
  selected: Record<string, unknown>;
  threshold: ThresholdChoice;
  oof: MetricSet;
  test: MetricSet;
  scores: { oof: Float64Array; test: Float64Array };
  fitted: FittedModel;
  warnings: string[];
}

export interface ExperimentResult {
  config: ExperimentConfig;
  data: { trainRows: number; testRows: number; trainPositives: number; testPositives: number; embedding: string; embeddingMethod: string };
  train: Pick<Part, "ids" | "y" | "texts" | "groups">;
  test: Pick<Part, "ids" | "y" | "texts" | "groups">;
  models: Partial<Record<ModelName, ModelResult>>;
}

/**
 * The whole protocol, driven by one configuration object:
 * cross-validation on the training split → out-of-fold scores → threshold
 * chosen on those scores → refit on all of train → score the test split once
 * → metrics with bootstrap intervals. Test rows are touched only in the "test"
 * stage, after every choice is made.
 */
export async function runExperiment(
  data: ExperimentData,
  configOrOverrides: ExperimentConfig | Parameters<typeof makeConfig>[0] = {},
  onProgress: (e: ProgressEvent) => void = () => {},
  options: { workers?: number } = {},
): Promise<ExperimentResult> {
  // makeConfig validates, and returns a full configuration unchanged.
  const config = makeConfig(configOrOverrides as Parameters<typeof makeConfig>[0]);
  const { train, test } = data;
  const folds = stratifiedGroupKFold(train.y, train.groups, config.cvFolds, config.seed);
  const total = config.models.length * STAGES.length;
  let done = 0;
  const models: ExperimentResult["models"] = {};

  // Models run concurrently (their folds share the cores); each model's numbers depend on nothing but its own work.
  const runModel = async (name: ModelName): Promise<ModelResult> => {
    const spec = modelSpec(name, config);
    const warnings: string[] = [];
    const step = (stage: Stage, message: string) => onProgress({ model: name, stage, message, done, total });
    const finish = (stage: Stage, message: string) => {
      done++;
      onProgress({ model: name, stage, message, done, total });
    };
    const ctx = { config, workers: options.workers, progress: (m: string) => step("cross-validation", m), warn: (w: string) => warnings.push(w) };

    step("cross-validation", `${config.cvFolds}-fold group-aware cross-validation on ${train.y.length} training rows`);
    const { oof, selected, foldModels } = await spec.crossValidate(train, folds, ctx);
    finish("cross-validation", "out-of-fold scores ready");

    const threshold: ThresholdChoice =
      spec.fixedThreshold !== undefined
        ? { ...chooseThreshold(train.y, oof, { kind: "fixed", threshold: spec.fixedThreshold }), note: "fixed rule (baseline)" }
        : chooseThreshold(train.y, oof, config.policy);
    finish("threshold", `threshold ${threshold.threshold.toFixed(4)} (${threshold.satisfied ? "policy met" : threshold.note})`);

    const fitted = await spec.fitFinal(train, selected, { ...ctx, progress: (m) => step("refit", m) }, foldModels);
    finish("refit", config.finalModel === "refit" || !foldModels ? "refit on all training rows" : "final model: the fold models, averaged");

    const testScores = await fitted.predict(test);
    finish("test", `scored ${test.y.length} test rows once`);

    const opts = { probabilistic: spec.probabilistic, seed: config.seed, resamples: config.bootstrap.resamples, level: config.bootstrap.level };
    const oofMetrics = evaluateScores(train.y, oof, threshold.threshold, { ...opts, groups: train.groups });
    const testMetrics = evaluateScores(test.y, testScores, threshold.threshold, { ...opts, groups: test.groups });
    finish("bootstrap", `metrics with ${config.bootstrap.resamples} bootstrap resamples`);

    return {
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
  };
  // The learned models (slowest) start first; the baselines take milliseconds.
  const order = [...config.models].sort((a, b) => Number(isBaseline(a)) - Number(isBaseline(b)));
  const results = new Map<ModelName, ModelResult>();
  await Promise.all(order.map(async (name) => results.set(name, await runModel(name))));
  for (const name of config.models) models[name] = results.get(name)!;
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
  for (const m of Object.values(result.models)) m?.fitted.dispose?.();
}
