/**
 * One seed drives everything random: each purpose gets its own seed from it through `deriveSeed`, never from a
 * setting of its own. The offsets are the ones each purpose has always used, so the numbers of earlier runs stay
 * the same: most purposes use the seed itself (their generators draw for different things: folds, weights,
 * resamples), and each bootstrap metric adds its own stream offset on top (metrics/metricAt.ts).
 */
export const SEED_OFFSETS = {
  /** The cross-validation folds on the training split. */
  "cv-folds": 0,
  /** The MLP: initial weights, batch order, dropout masks, the early-stopping carve; fold k's network adds k. */
  mlp: 0,
  /** The bootstrap resamples of every interval (each metric adds its stream offset). */
  bootstrap: 0,
  /** The lexical step's seeded part (the lsa step's SVD). */
  features: 0,
  /** The label audit's folds. */
  audit: 0,
  /** Notebook 01's sample of messages per label. */
  "sample-messages": 0,
  /** Notebook 03's analyses of the labels, one stream each. */
  "label-change-rerun": 11,
  "label-change-refined": 12,
  "extra-flips": 13,
  "intent-agreement": 20,
  "flagged-delta": 30,
  "ranking-under-labelings": 40,
  abstention: 50,
  /**
   * Each pitfall's own draws (notebook 02): its bootstrap resamples, and its shuffles or splits where it has them
   * (different generators, one seed). Its number × 100 (8b: 850), as it has always used.
   */
  "pitfall-1": 100,
  "pitfall-2": 200,
  "pitfall-3": 300,
  "pitfall-4": 400,
  "pitfall-5": 500,
  "pitfall-6": 600,
  "pitfall-7": 700,
  "pitfall-8a": 800,
  "pitfall-8b": 850,
  "pitfall-9": 900,
  /** bench:transfer's outer folds (each plays new data once). */
  "transfer-outer-folds": 1000,
} as const;

/** What a derived seed is for (cv-folds, mlp, bootstrap, features, …): a key of SEED_OFFSETS. */
export type SeedPurpose = keyof typeof SEED_OFFSETS;

/** A pitfall's seed purpose ("pitfall-7"). */
export type PitfallSeedPurpose = Extract<SeedPurpose, `pitfall-${string}`>;

/** The seed for one purpose, from the experiment's one seed: `deriveSeed(config.seed, "mlp")`. */
export function deriveSeed(seed: number, purpose: SeedPurpose): number {
  return seed + SEED_OFFSETS[purpose];
}

/** The seeds a run of the experiment uses, by purpose (what metrics.json records beside the settings). */
export interface ExperimentSeeds {
  cvFolds: number;
  mlp: number;
  bootstrap: number;
  features: number;
}

/** The seed of every purpose derived from the one config seed. */
export function experimentSeeds(config: { seed: number }): ExperimentSeeds {
  return {
    cvFolds: deriveSeed(config.seed, "cv-folds"),
    mlp: deriveSeed(config.seed, "mlp"),
    bootstrap: deriveSeed(config.seed, "bootstrap"),
    features: deriveSeed(config.seed, "features"),
  };
}
