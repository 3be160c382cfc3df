// What each part of the representation buys: grouped cross-validation on the TRAINING split only (the test split is
// never read), every lexical step fitted inside each fold, each model through the experiment's own pipeline and
// settings. Shared by `npm run bench:embedding-choice` and notebook 01 (through the cache in ablationCache.ts).
import { describeFeatures, FeatureSpec, featureSpec, LexicalStep } from "../features/spec";
import { averagePrecision } from "../metrics/curves";
import type { Interval } from "../metrics/interval";
import type { Fold } from "../split/split";
import type { ExperimentConfig } from "./config";
import { chooseC } from "./cRule";
import { crossValPredictMlp, CvRunOptions, gridSearchLogreg } from "./cv";
import type { Part } from "./data";
import { InvalidInputError } from "../errors";

/** Why a candidate is in the table. */
export type AblationRole = "assignment setup" | "lexical alone" | "chosen" | "alternative";

/** One setup of the feature ablation: which model, on which features, and its role in the story. */
export interface AblationCandidate {
  model: "logreg" | "mlp";
  features: FeatureSpec;
  role: AblationRole;
}

/** One candidate's cross-validated average precision, fold by fold. */
export interface AblationRow {
  model: "logreg" | "mlp";
  /** describeFeatures of the spec: "encoder", "tfidf", "encoder + chi2-10000". */
  features: string;
  role: AblationRole;
  /** Average precision on each validation fold, in fold order. */
  foldAveragePrecision: number[];
  mean: number;
  /** Sample standard deviation over folds. */
  sd: number;
  /** Training rows and positives the folds cover (each row validated once). */
  rows: number;
  positives: number;
  /** What cross-validation chose inside: C for the logistic regression, the best epoch per fold for the MLP. */
  selected: { C: number } | { bestEpochPerFold: number[] };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/**
 * The candidates notebook 01 shows: the assignment's setup (the encoder's vectors alone, into a logistic regression
 * and into the MLP), lexical features alone (logistic regression: the MLP needs the encoder's dense columns beside
 * sparse ones), and the combinations the configuration uses.
 */
export function defaultAblationCandidates(config: ExperimentConfig): AblationCandidate[] {
  const spec = (encoder: boolean, lexical: LexicalStep | null) => featureSpec(encoder, lexical, config.seed);
  const alone = (s: FeatureSpec): FeatureSpec => ({ ...s, encoder: false });
  return [
    { model: "logreg", features: spec(true, null), role: "assignment setup" },
    { model: "logreg", features: alone(config.features.logreg), role: "lexical alone" },
    { model: "logreg", features: config.features.logreg, role: "chosen" },
    { model: "mlp", features: spec(true, null), role: "assignment setup" },
    { model: "mlp", features: config.features.mlp, role: "chosen" },
  ];
}

/**
 * Each candidate's grouped CV average precision on `train`, over `folds`. The logistic regression picks C from the
 * configured grid by the configured rule inside the same folds (as the experiment does; the same optimism for
 * every candidate); the MLP trains with the configured settings and its own early-stopping carve.
 */
export async function featureAblation(
  train: Part,
  folds: readonly Fold[],
  candidates: readonly AblationCandidate[],
  config: ExperimentConfig,
  run: CvRunOptions & { onCandidate?: (row: AblationRow, index: number) => void } = {},
): Promise<AblationRow[]> {
  const foldAps = (oof: Float64Array) =>
    folds.map((f) =>
      averagePrecision(
        f.validation.map((i) => train.y[i]),
        f.validation.map((i) => oof[i]),
      ),
    );
  const rows: AblationRow[] = [];
  const positives = train.y.reduce((a, b) => a + b, 0);
  for (const [index, c] of candidates.entries()) {
    if (!c.features.encoder && !c.features.lexical)
      throw new InvalidInputError(
        "candidates",
        `ablation candidate ${index} (${c.model}) has neither the encoder nor a lexical step`,
      );
    let aps: number[];
    let selected: AblationRow["selected"];
    if (c.model === "logreg") {
      const grid = await gridSearchLogreg(config.logreg.Cs, c.features, config.logreg, train, train.y, folds, run);
      const choice = chooseC(
        grid.points.map((p) => ({ C: p.params, foldScores: p.foldScores })),
        config.logreg.cRule,
      );
      aps = grid.points[choice.index].foldScores;
      selected = { C: choice.C };
    } else {
      const options = { ...config.mlp, seed: config.seed };
      const cv = await crossValPredictMlp(c.features, options, train, train.y, train.groups, folds, run);
      aps = foldAps(cv.oof);
      selected = { bestEpochPerFold: cv.fitInfos.map((f) => f.bestEpoch) };
    }
    const row: AblationRow = {
      model: c.model,
      features: describeFeatures(c.features),
      role: c.role,
      foldAveragePrecision: aps,
      mean: mean(aps),
      sd: sd(aps),
      rows: train.y.length,
      positives,
      selected,
    };
    rows.push(row);
    run.onCandidate?.(row, index);
  }
  return rows;
}

/** A difference of two candidates' mean CV scores, paired by fold, with its interval (n: the folds). */
export interface FoldDifference extends Interval {
  /** Per-fold differences a − b (their mean is the estimate). */
  perFold: number[];
}

/** Student's t quantile at 0.975 for 1–10 degrees of freedom (a 95% two-sided interval over a handful of folds). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/**
 * a − b on the same folds, with a 95% interval by the corrected resampled t (Nadeau and Bengio, 2003): the folds'
 * training sets overlap, so the naive variance s²/k is widened to (1/k + n_validation/n_training)·s².
 */
export function foldDifference(a: AblationRow, b: AblationRow): FoldDifference {
  const k = a.foldAveragePrecision.length;
  if (k !== b.foldAveragePrecision.length || k < 2 || k > T975.length + 1)
    throw new InvalidInputError(
      "folds",
      `a paired fold difference needs the same 2–${T975.length + 1} folds on both sides`,
    );
  const perFold = a.foldAveragePrecision.map((x, i) => x - b.foldAveragePrecision[i]);
  const m = mean(perFold);
  const ratio = 1 / (k - 1); // each fold validates 1/k of the rows and trains on (k−1)/k
  const se = Math.sqrt((1 / k + ratio) * sd(perFold) ** 2);
  const t = T975[k - 2];
  return {
    estimate: m,
    low: m - t * se,
    high: m + t * se,
    level: 0.95,
    method: "corrected resampled t",
    n: k,
    perFold,
  };
}
