import type { ThresholdPolicy } from "../metrics/threshold";
import { DEFAULT_KEYWORDS } from "../models/baselines";
import type { ClassWeight } from "../models/types";
import { DEFAULT_MLP_OPTIONS, MlpOptions } from "../models/mlp";
import { FeatureSpec, featureSpec } from "../features/spec";
import { C_RULES, CRule } from "./cRule";

export type ModelName = "logreg" | "mlp" | "majority" | "keyword";
export const MODEL_NAMES: readonly ModelName[] = ["logreg", "mlp", "majority", "keyword"];

/** One object drives the whole experiment, so a notebook re-runs a variant in one line. */
export interface ExperimentConfig {
  /** Seeds the CV folds, the MLP and the bootstrap. (The train/test split is fixed by data/split.csv.) */
  seed: number;
  /** Folds of group-aware stratified cross-validation on the training split. */
  cvFolds: number;
  /** How each model's threshold is chosen, on its out-of-fold training scores. */
  policy: ThresholdPolicy;
  bootstrap: { resamples: number; level: number };
  models: ModelName[];
  logreg: {
    /** Candidates for C, scored by cross-validated average precision (any order; ties go to the smaller C). */
    Cs: number[];
    /**
     * How C is read off the grid: "best" takes the highest mean CV average precision; "oneStandardError" the most
     * regularized C whose mean is within one standard error (over folds) of the best (lib/experiment/cRule.ts).
     */
    cRule: CRule;
    classWeight: ClassWeight;
    standardize: boolean;
  };
  mlp: MlpOptions;
  /**
   * The model that scores the test split and new messages: "fold-ensemble" averages the cross-validation fold
   * models (the ones whose out-of-fold scores chose the threshold); "refit" fits once more on all training rows.
   */
  finalModel: "fold-ensemble" | "refit";
  /** What each model sees: the frozen encoder's vectors and/or lexical features fitted inside every fit. */
  features: { logreg: FeatureSpec; mlp: FeatureSpec };
  keywords: string[];
}

export const DEFAULT_CONFIG: ExperimentConfig = {
  seed: 42,
  cvFolds: 5,
  policy: { kind: "maxF1" },
  bootstrap: { resamples: 1000, level: 0.95 },
  models: ["majority", "keyword", "logreg", "mlp"],
  // The grid reaches past the plateau (100 was its top and the best); the one-standard-error rule picks on it.
  logreg: {
    Cs: [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000],
    cRule: "oneStandardError",
    classWeight: "balanced",
    standardize: false,
  },
  mlp: DEFAULT_MLP_OPTIONS,
  finalModel: "fold-ensemble",
  // Chosen by grouped CV average precision on the training split (npm run bench:embedding-choice; README).
  features: { logreg: featureSpec(true, { kind: "tfidf" }), mlp: featureSpec(true, { kind: "chi2", k: 10000 }) },
  keywords: DEFAULT_KEYWORDS,
};

/**
 * Settings to change. Nested settings merge one level deep (`{ logreg: { Cs: [1] } }` keeps the other logreg
 * settings); the policy, each model's feature spec and lists are replaced whole. A full configuration is also
 * a valid set of overrides.
 */
export type ConfigOverrides = {
  [K in keyof ExperimentConfig]?: ExperimentConfig[K] extends unknown[] | ThresholdPolicy
    ? ExperimentConfig[K]
    : ExperimentConfig[K] extends object
      ? Partial<ExperimentConfig[K]>
      : ExperimentConfig[K];
};

const SETTINGS = Object.keys(DEFAULT_CONFIG);

/** The default configuration with some settings changed: `makeConfig({ seed: 7, policy: { kind: "maxF1" } })`. */
export function makeConfig(overrides: ConfigOverrides = {}, base: ExperimentConfig = DEFAULT_CONFIG): ExperimentConfig {
  const unknown = Object.keys(overrides).filter((k) => !SETTINGS.includes(k));
  if (unknown.length)
    throw new Error(`config has no setting(s) ${unknown.join(", ")} (settings: ${SETTINGS.join(", ")})`);
  const o = overrides;
  const merged: ExperimentConfig = {
    seed: o.seed ?? base.seed,
    cvFolds: o.cvFolds ?? base.cvFolds,
    policy: o.policy ?? base.policy,
    bootstrap: { ...base.bootstrap, ...o.bootstrap },
    models: o.models ?? base.models,
    logreg: { ...base.logreg, ...o.logreg },
    mlp: { ...base.mlp, ...o.mlp },
    finalModel: o.finalModel ?? base.finalModel,
    features: { ...base.features, ...o.features },
    keywords: o.keywords ?? base.keywords,
  };
  validateConfig(merged);
  return merged;
}

export function validateConfig(c: ExperimentConfig): void {
  if (!Number.isInteger(c.seed)) throw new Error(`config.seed must be an integer, got ${c.seed}`);
  if (!Number.isInteger(c.cvFolds) || c.cvFolds < 2)
    throw new Error(`config.cvFolds must be an integer ≥ 2, got ${c.cvFolds}`);
  const unknown = c.models.filter((m) => !MODEL_NAMES.includes(m));
  if (unknown.length)
    throw new Error(`config.models has unknown model(s) ${unknown.join(", ")} (known: ${MODEL_NAMES.join(", ")})`);
  if (!c.logreg.Cs.length || c.logreg.Cs.some((C) => !(C > 0)))
    throw new Error(`config.logreg.Cs must be positive numbers, got [${c.logreg.Cs}]`);
  if (!C_RULES.includes(c.logreg.cRule))
    throw new Error(
      `config.logreg.cRule must be ${C_RULES.map((r) => `"${r}"`).join(" or ")}, got ${JSON.stringify(c.logreg.cRule)}`,
    );
  for (const [model, spec] of Object.entries(c.features)) {
    if (!spec.encoder && !spec.lexical)
      throw new Error(`config.features.${model} needs the encoder, a lexical step, or both`);
  }
  if (c.finalModel !== "fold-ensemble" && c.finalModel !== "refit")
    throw new Error(`config.finalModel must be "fold-ensemble" or "refit", got ${JSON.stringify(c.finalModel)}`);
  const p = c.policy;
  if (p.kind === "recallAtPrecision" && !(p.minPrecision > 0 && p.minPrecision <= 1))
    throw new Error(`policy.minPrecision must be in (0, 1]`);
  if (p.kind === "precisionAtRecall" && !(p.minRecall > 0 && p.minRecall <= 1))
    throw new Error(`policy.minRecall must be in (0, 1]`);
  if (!(c.bootstrap.level > 0 && c.bootstrap.level < 1)) throw new Error(`bootstrap.level must be in (0, 1)`);
}
