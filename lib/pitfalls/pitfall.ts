// What a pitfall is: a stable id, what it measures against which clean reference, and where the library guards it.
import type { PitfallMeasure } from "./measure";
import { InvalidInputError } from "../errors";

/** Every pitfall, in notebook order. The id is stable: tests, the notebook and the guard tests name it. */
export const PITFALL_IDS = [
  "1-label-strings",
  "2-repeats-across-split",
  "3-scored-on-training-rows",
  "4-tuned-on-test",
  "5-early-stopping-on-test",
  "6-accuracy-under-imbalance",
  "7-misaligned-embeddings",
  "8a-featurizer-on-all-data",
  "8b-featurizer-outside-folds",
  "9-roc-auc-from-hard-labels",
  "10-precision-zero-division",
  "11-one-split-one-number",
] as const;
/** A pitfall's stable id ("8b-featurizer-outside-folds"): what tests and notebooks name it by. */
export type PitfallId = (typeof PITFALL_IDS)[number];

/**
 * The test that fails when a pitfall's guard is removed: in this file, the test named by the pitfall's id. Text
 * cites it as `test/e2e/pitfall-guards.test.ts › <id>`.
 */
export const GUARD_TEST_FILE = "test/e2e/pitfall-guards.test.ts";

/** Which way of faulty − clean makes a model look better; null where the number is not a score of the model. */
export type Flatters = "higher" | "lower" | null;

/** What a pitfall is, independent of any run. */
export interface PitfallInfo {
  id: PitfallId;
  title: string;
  /** The measure whose faulty − clean difference ranks and classes the pitfall. */
  headline: string;
  /** Which sign of that difference flatters the model (then the pitfall inflates the reported number). */
  flatters: Flatters;
  /** The code in lib/ that now prevents it. */
  guard: string;
  /** Which clean reference the faulty arm is compared with, and why that one. */
  reference: string;
}

/** One pitfall measured in one run. */
export interface PitfallResult extends PitfallInfo {
  /** Set when one pitfall is measured on another representation than the run's (8b on LSA-384). */
  variant?: string;
  measures: PitfallMeasure[];
  /** Refits that did not converge (the optimizer's messages); empty when every fit converged. */
  warnings: string[];
}

/** A pitfall's measure by its key; a clear error naming what there is otherwise. */
export function measureOf(result: PitfallResult, key: string): PitfallMeasure {
  const m = result.measures.find((x) => x.key === key);
  if (!m)
    throw new InvalidInputError(
      "key",
      `pitfall ${result.id} has no measure "${key}" (it has ${result.measures.map((x) => x.key).join(", ")})`,
    );
  return m;
}

/** The pitfall's headline measure: the one that ranks and classes it. */
export const headlineOf = (result: PitfallResult): PitfallMeasure => measureOf(result, result.headline);

/** How a pitfall's guard test is cited in text. */
export const guardTestOf = (id: PitfallId): string => `${GUARD_TEST_FILE} › ${id}`;
