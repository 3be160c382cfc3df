/**
 * The pitfalls namespace: classic mistakes of a quick take-home notebook, each reproduced on purpose in its own file
 * and measured against one clean reference, the clean run's fold ensembles (the project's final model), so that
 * faulty and clean differ by the pitfall alone. The faulty patterns live here only to be measured; the rest of the
 * library guards against them.
 */
import type { FeatureSpec } from "../features/spec";
import type { PitfallContext } from "./context";
import { startRefitWorkers } from "./refits";
import { PITFALL_IDS, PitfallId, PitfallResult } from "./pitfall";
import * as labelStrings from "./labelStrings";
import * as repeatsAcrossSplit from "./repeatsAcrossSplit";
import * as scoredOnTrainingRows from "./scoredOnTrainingRows";
import * as tunedOnTest from "./tunedOnTest";
import * as earlyStoppingOnTest from "./earlyStoppingOnTest";
import * as accuracyUnderImbalance from "./accuracyUnderImbalance";
import * as misalignedEmbeddings from "./misalignedEmbeddings";
import * as featurizerOnAllData from "./featurizerOnAllData";
import * as featurizerOutsideFolds from "./featurizerOutsideFolds";
import * as rocAucFromHardLabels from "./rocAucFromHardLabels";
import * as precisionZeroDivision from "./precisionZeroDivision";
import * as oneSplitOneNumber from "./oneSplitOneNumber";
import { InvalidInputError } from "../errors";

export { pitfallContext, type PitfallContext } from "./context";
export { refitCache, type RefitCache } from "./cache";
export {
  PITFALL_IDS,
  GUARD_TEST_FILE,
  guardTestOf,
  headlineOf,
  measureOf,
  type Flatters,
  type PitfallId,
  type PitfallInfo,
  type PitfallResult,
} from "./pitfall";
export { moverDifference, overRuns, runDifference, share, type PitfallMeasure, type PitfallValue } from "./measure";
export { CLASS_RULE, classify, RANK_RULE, rankPitfalls, type PitfallClass, type RankedPitfall } from "./rank";

/** Each pitfall's module: what it is (`info`) and how it is measured against the clean run (`measure`). */
const PITFALLS = {
  "1-label-strings": labelStrings,
  "2-repeats-across-split": repeatsAcrossSplit,
  "3-scored-on-training-rows": scoredOnTrainingRows,
  "4-tuned-on-test": tunedOnTest,
  "5-early-stopping-on-test": earlyStoppingOnTest,
  "6-accuracy-under-imbalance": accuracyUnderImbalance,
  "7-misaligned-embeddings": misalignedEmbeddings,
  "8a-featurizer-on-all-data": featurizerOnAllData,
  "8b-featurizer-outside-folds": featurizerOutsideFolds,
  "9-roc-auc-from-hard-labels": rocAucFromHardLabels,
  "10-precision-zero-division": precisionZeroDivision,
  "11-one-split-one-number": oneSplitOneNumber,
} satisfies Record<PitfallId, unknown>;

/** What every pitfall is (title, headline, guard, reference), in notebook order, without measuring anything. */
export const pitfallInfos = () => PITFALL_IDS.map((id) => PITFALLS[id].info);

/** Measure one pitfall against the clean run. */
export async function measurePitfall(id: PitfallId, ctx: PitfallContext): Promise<PitfallResult> {
  return PITFALLS[id].measure(ctx);
}

/** Pitfall 8b on another representation than the run's own (the LSA this project had). */
export const measureFeaturizerOutsideFolds = (ctx: PitfallContext, features: FeatureSpec): Promise<PitfallResult> =>
  featurizerOutsideFolds.measure(ctx, features);

/**
 * Every pitfall, measured concurrently so the worker pool stays busy (the slowest refits are queued first); 8b once
 * more on each extra representation. Results in notebook order, each extra 8b right after the run's own.
 */
export async function measureAllPitfalls(
  ctx: PitfallContext,
  options: { featurizerOutsideFoldsOn?: readonly FeatureSpec[] } = {},
): Promise<PitfallResult[]> {
  // The workers are started and loaded first, and the refits queued on them (the slowest first) before this thread
  // turns to the in-process measures: those are synchronous, and would otherwise hold the queue back.
  await startRefitWorkers(ctx);
  const extra = (options.featurizerOutsideFoldsOn ?? []).map((f) => measureFeaturizerOutsideFolds(ctx, f));
  const slowFirst: PitfallId[] = [
    "5-early-stopping-on-test",
    "4-tuned-on-test",
    "2-repeats-across-split",
    "8a-featurizer-on-all-data",
    "8b-featurizer-outside-folds",
  ];
  const started = new Map<PitfallId, Promise<PitfallResult>>();
  const start = (id: PitfallId) => {
    const running = started.get(id) ?? measurePitfall(id, ctx);
    started.set(id, running);
    return running;
  };
  // Started now, awaited below with the others (a rejection surfaces there).
  for (const id of slowFirst) void start(id);
  await new Promise((resolve) => setImmediate(resolve)); // their tasks reach the queue
  const own = await Promise.all(PITFALL_IDS.map(start));
  const extras = await Promise.all(extra);
  return own.flatMap((r) => (r.id === "8b-featurizer-outside-folds" ? [r, ...extras] : [r]));
}

/** A measured pitfall by its id (and, for a pitfall measured on several representations, its variant). */
export function resultOf(results: readonly PitfallResult[], id: PitfallId, variant?: string): PitfallResult {
  const found = results.filter((r) => r.id === id && (variant === undefined || r.variant === variant));
  if (found.length === 1) return found[0];
  const have = results.filter((r) => r.id === id).map((r) => r.variant ?? "(no variant)");
  throw new InvalidInputError(
    "id",
    found.length
      ? `pitfall ${id} was measured ${found.length} times (${have.join(", ")}): name the variant`
      : `pitfall ${id}${variant ? ` on ${variant}` : ""} is not among the results (${have.join(", ") || "not measured"})`,
  );
}
