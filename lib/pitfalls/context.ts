/**
 * What every pitfall measurement reads: the data and the clean run, the one reference every faulty arm is compared
 * with. Settings (features, C, class weight, MLP options, threshold policy, folds, bootstrap, seeds) all come from
 * the clean run's configuration and what its cross-validation chose, so a pitfall differs from it by the pitfall
 * alone.
 */
import { ExperimentConfig, featureSpecOf } from "../experiment/config";
import { deriveSeed, type PitfallSeedPurpose } from "../experiment/seeds";
import type { ExperimentData } from "../experiment/data";
import { ExperimentResult, modelResult } from "../experiment/run";
import type { FeatureSpec } from "../features/spec";
import type { LogisticRegressionOptions } from "../models/logisticRegression";
import { Fold, stratifiedGroupKFold } from "../split/split";
import type { RefitCache } from "./cache";
import type { BootstrapSettings } from "./measure";
import { InvalidInputError } from "../errors";

/** What every pitfall is measured with: the data, the clean run it is compared against, and how refits run. */
export interface PitfallContext {
  data: ExperimentData;
  /** The clean run: its fold ensembles are the reference (the project's final model). */
  clean: ExperimentResult;
  /** Worker threads for refits (default one per core; numbers do not depend on it). */
  workers?: number;
  /** Where refits are cached (null: always refit). */
  cache?: RefitCache | null;
}

/** A pitfall context, checked: the clean run must be on these rows and include logreg and the MLP. */
export function pitfallContext(
  data: ExperimentData,
  clean: ExperimentResult,
  options: { workers?: number; cache?: RefitCache | null } = {},
): PitfallContext {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(data.train.ids, clean.train.ids) || !same(data.test.ids, clean.test.ids))
    throw new InvalidInputError("clean", "the clean run was made on other rows than the pitfalls are given");
  // Faulty arms rebuild the final model with one step changed: they are fold ensembles, like the reference.
  if (clean.config.finalModel !== "fold-ensemble")
    throw new InvalidInputError(
      "clean",
      `pitfalls compare against the fold ensemble; the clean run's finalModel is ${clean.config.finalModel}`,
    );
  for (const name of ["majority", "logreg", "mlp"] as const)
    if (!clean.models.some((m) => m.name === name))
      throw new InvalidInputError(
        "clean",
        `the clean run must include the ${name} model (pitfalls compare against it)`,
      );
  return { data, clean, workers: options.workers, cache: options.cache ?? null };
}

export const configOf = (ctx: PitfallContext): ExperimentConfig => ctx.clean.config;

/** The clean logistic regression's settings: its features, the C its cross-validation chose, the config's options. */
export function logregSettings(ctx: PitfallContext): {
  features: FeatureSpec;
  C: number;
  options: Required<Pick<LogisticRegressionOptions, "C" | "classWeight" | "standardize">>;
} {
  const config = configOf(ctx);
  const C = modelResult(ctx.clean, "logreg").selected.C;
  return {
    features: featureSpecOf(config, "logreg"),
    C,
    options: { C, classWeight: config.logreg.classWeight, standardize: config.logreg.standardize },
  };
}

/** The folds the clean run cross-validated on: the same rule and seed as runExperiment. */
export function cleanFolds(ctx: PitfallContext): Fold[] {
  const { train } = ctx.data;
  const config = configOf(ctx);
  return stratifiedGroupKFold(train.y, train.groups, config.cvFolds, deriveSeed(config.seed, "cv-folds"));
}

/** Bootstrap settings for rows of the test split (whole repeat groups resampled), seeded for the pitfall. */
export function onTest(ctx: PitfallContext, purpose: PitfallSeedPurpose): BootstrapSettings {
  const config = configOf(ctx);
  return {
    resamples: config.bootstrap.resamples,
    seed: deriveSeed(config.seed, purpose),
    groups: ctx.data.test.groups,
  };
}

/** Bootstrap settings for rows of the training split. */
export function onTrain(ctx: PitfallContext, purpose: PitfallSeedPurpose): BootstrapSettings {
  return { ...onTest(ctx, purpose), groups: ctx.data.train.groups };
}

/** Seeds for a pitfall's own random draws (shuffles, splits): `count` in a row from its derived seed. */
export function pitfallSeeds(ctx: PitfallContext, purpose: PitfallSeedPurpose, count: number): number[] {
  return Array.from({ length: count }, (_, k) => deriveSeed(configOf(ctx).seed, purpose) + k);
}
