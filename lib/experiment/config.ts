import { z } from "zod";
import { ConfigError } from "../errors";
import { featureSettingsSchema, featureSpec, FeatureSpec, withSeed } from "../features/spec";
import { thresholdPolicySchema } from "../metrics/threshold";
import { DEFAULT_KEYWORDS } from "../models/baselines";
import { DEFAULT_MLP_SETTINGS, MlpOptions, mlpSettingsSchema } from "../models/mlp";
import { classWeightSchema } from "../models/types";
import { boolean, firstProblem, integer, nonEmpty, number, oneOf, record, text } from "../util/schema";
import { deriveSeed, experimentSeeds } from "./seeds";
import { C_RULES } from "./cRule";

const MODEL_NAME_LIST = ["logreg", "mlp", "majority", "keyword"] as const;
/** A model the experiment can run: the two learned ones and two baselines. */
export type ModelName = (typeof MODEL_NAME_LIST)[number];
/** Every ModelName. */
export const MODEL_NAMES: readonly ModelName[] = MODEL_NAME_LIST;

const FINAL_MODELS = ["fold-ensemble", "refit"] as const;

/** The logistic regression's settings (one schema per model: a new setting is a line here and one in the default). */
export const logregSettingsSchema = record({
  /** Candidates for C, scored by cross-validated average precision (any order; ties go to the smaller C). */
  Cs: nonEmpty(number({ gt: 0 }), "a list of positive numbers"),
  /**
   * How C is read off the grid: "best" takes the highest mean CV average precision; "oneStandardError" the most
   * regularized C whose mean is within one standard error (over folds) of the best (lib/experiment/cRule.ts).
   */
  cRule: oneOf(C_RULES),
  classWeight: classWeightSchema,
  standardize: boolean(),
});

/**
 * One object drives the whole experiment, so a notebook re-runs a variant in one line. Declared here, validated in
 * full (nested keys, types, ranges, unknown keys refused) and typed by inference: `ExperimentConfig`.
 */
export const experimentConfigSchema = record({
  /** Seeds the CV folds, the MLP, the lexical step and the bootstrap, each through deriveSeed (./seeds.ts). The
   * train/test split is fixed by data/split.csv. */
  seed: integer(),
  /** Folds of group-aware stratified cross-validation on the training split. */
  cvFolds: integer(2),
  /** How each model's threshold is chosen, on its out-of-fold training scores. */
  policy: thresholdPolicySchema,
  /** Percentile bootstrap intervals; 0 resamples means no intervals (every table and metrics.json say so). */
  bootstrap: record({ resamples: integer(0), level: number({ gt: 0, lt: 1 }) }),
  models: nonEmpty(oneOf(MODEL_NAME_LIST), "a list of models").refine(
    (ms) => new Set(ms).size === ms.length,
    "must name each model once",
  ),
  logreg: logregSettingsSchema,
  mlp: mlpSettingsSchema,
  /**
   * The model that scores the test split and new messages: "fold-ensemble" averages the cross-validation fold
   * models (the ones whose out-of-fold scores chose the threshold); "refit" fits once more on all training rows.
   */
  finalModel: oneOf(FINAL_MODELS),
  /** What each model sees: the frozen encoder's vectors and/or lexical features fitted inside every fit. */
  features: record({
    logreg: featureSettingsSchema,
    // The network's first layer is a dense product: it needs dense columns beside any sparse ones.
    mlp: featureSettingsSchema.refine(
      (s) => s.encoder || s.lexical?.kind === "lsa",
      "needs dense input for the MLP: the encoder, or an lsa step",
    ),
  }),
  keywords: nonEmpty(text(), "a list of keywords"),
});

/** A whole experiment's settings, checked against experimentConfigSchema (one seed; every other seed derives from it). */
export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;

/** A whole configuration checked against the schema (say, one read back from a file); a ConfigError names the path. */
export function parseConfig(input: unknown): ExperimentConfig {
  const checked = experimentConfigSchema.safeParse(input);
  if (checked.success) return checked.data;
  const { path, detail } = firstProblem(checked.error, input, "setting");
  throw new ConfigError(path || "config", detail);
}

/** The settings `npm start` and the notebooks run with unless told otherwise. */
export const DEFAULT_CONFIG: ExperimentConfig = parseConfig({
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
  mlp: DEFAULT_MLP_SETTINGS,
  finalModel: "fold-ensemble",
  // Chosen by grouped CV average precision on the training split (npm run bench:embedding-choice; README).
  features: { logreg: featureSpec(true, { kind: "tfidf" }), mlp: featureSpec(true, { kind: "chi2", k: 10000 }) },
  keywords: DEFAULT_KEYWORDS,
});

/**
 * Settings to change. Nested settings merge one level deep (`{ logreg: { Cs: [1] } }` keeps the other logreg
 * settings); the policy, each model's feature settings and lists are replaced whole. A full configuration is also
 * a valid set of overrides; an override left undefined keeps the base's value.
 */
export type ConfigOverrides = {
  [K in keyof ExperimentConfig]?: ExperimentConfig[K] extends unknown[] | ExperimentConfig["policy"]
    ? ExperimentConfig[K]
    : ExperimentConfig[K] extends object
      ? Partial<ExperimentConfig[K]>
      : ExperimentConfig[K];
};

/** The entries that are not undefined: an override left undefined keeps the base's value. */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A seed set beside the one seed would be silently overridden (it was, once): refuse it, and say what to set. */
function refuseOwnSeeds(c: { mlp?: object; features?: object }): void {
  const seedAt = (o: unknown) => o !== null && typeof o === "object" && "seed" in o;
  const own = [
    ...(seedAt(c.mlp) ? ["mlp.seed"] : []),
    ...Object.entries(c.features ?? {}).flatMap(([model, spec]) => (seedAt(spec) ? [`features.${model}.seed`] : [])),
  ];
  if (own.length)
    throw new ConfigError(own[0], "is not a setting: every seed derives from the one `seed` (deriveSeed); set seed");
}

/** The default configuration with some settings changed: `makeConfig({ seed: 7, policy: { kind: "maxF1" } })`. */
export function makeConfig(overrides: ConfigOverrides = {}, base: ExperimentConfig = DEFAULT_CONFIG): ExperimentConfig {
  const o = defined(overrides);
  const merged = {
    ...base,
    ...o,
    bootstrap: { ...base.bootstrap, ...defined(o.bootstrap) },
    logreg: { ...base.logreg, ...defined(o.logreg) },
    mlp: { ...base.mlp, ...defined(o.mlp) },
    features: { ...base.features, ...defined(o.features) },
  };
  refuseOwnSeeds(merged);
  return parseConfig(merged);
}

/** The MLP's options in a run: its settings and the seed derived for it. */
export function mlpOptionsOf(config: ExperimentConfig): MlpOptions {
  return { ...config.mlp, seed: deriveSeed(config.seed, "mlp") };
}

/** A model's feature spec in a run: its settings and the seed derived for the lexical step. */
export function featureSpecOf(config: ExperimentConfig, model: "logreg" | "mlp"): FeatureSpec {
  return withSeed(config.features[model], deriveSeed(config.seed, "features"));
}

/**
 * The configuration as metrics.json records it: the settings, and the seed each part derived from `seed` where
 * that part's settings are (mlp.seed, features.<model>.seed), so a reader sees every seed the run used.
 */
export function configRecord(config: ExperimentConfig) {
  const seeds = experimentSeeds(config);
  return {
    ...config,
    mlp: { ...config.mlp, seed: seeds.mlp },
    features: {
      logreg: withSeed(config.features.logreg, seeds.features),
      mlp: withSeed(config.features.mlp, seeds.features),
    },
  };
}
