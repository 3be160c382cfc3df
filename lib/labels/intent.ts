// The writer's intent (source_category) as a weak gold label, and what it says about true precision and recall.
import type { Interval } from "../metrics/interval";
import { countsOn } from "./estimate";
import { BootstrapOptions, bootstrapRows } from "../metrics/bootstrap";
import { InvalidInputError } from "../errors";

/**
 * The category a message was written for, read as a label: safety and security → 1, other senses
 * of the words and ordinary recognition → 0, borderline (and blank) → null (no answer without a
 * written definition). A writer's intent is not ground truth either; it is the best proxy we have.
 */
export function intentOf(category: string): 0 | 1 | null {
  if (category === "safety" || category === "security") return 1;
  if (category === "wordsense" || category === "general") return 0;
  if (category === "ambiguous" || category === "empty") return null;
  throw new InvalidInputError(
    "category",
    `unknown source_category "${category}" (expected safety, security, ambiguous, wordsense, general or empty)`,
  );
}

/** Precision and recall against some reference, each a Wilson estimate with its n. */
export interface PrecisionRecall {
  /** n: predicted positives on rows with an intent. */
  precision: Interval;
  /** n: intent positives. */
  recall: Interval;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

/** Precision and recall of 0/1 predictions against intent, on the rows that have one, with bootstrap intervals. */
export function againstIntent(
  pred: ArrayLike<number>,
  categories: readonly string[],
  options: BootstrapOptions = {},
): PrecisionRecall {
  if (pred.length !== categories.length)
    throw new InvalidInputError("categories", `predictions have ${pred.length} rows, categories ${categories.length}`);
  const truth = categories.map(intentOf);
  const all = countsOn(pred, truth, truth.keys());
  const seed = options.seed ?? 0;
  const stat = (k: "precision" | "recall") => (idx: number[]) => {
    const c = countsOn(pred, truth, idx);
    return k === "precision" ? ratio(c.tp, c.tp + c.fp) : ratio(c.tp, c.tp + c.fn);
  };
  return {
    precision: bootstrapRows(pred.length, stat("precision"), all.tp + all.fp, { ...options, seed: seed + 1 }),
    recall: bootstrapRows(pred.length, stat("recall"), all.tp + all.fn, { ...options, seed: seed + 2 }),
  };
}

/** The model's precision and recall corrected for the labeler's measured errors against intent. */
export interface NoiseCorrected {
  /** The labeler's sensitivity and specificity against intent (rows with an intent). */
  labelerSensitivity: Interval;
  labelerSpecificity: Interval;
  /** The model's precision and recall against the labeler, as measured (all rows). */
  measured: PrecisionRecall;
  /** The same, corrected for the labeler's estimated errors (all rows; n as in measured). */
  corrected: PrecisionRecall;
}

/**
 * Label-noise-corrected precision and recall (the Rogan–Gladen / Staquet correction): estimate the
 * labeler's sensitivity Se and specificity Sp against intent where intent exists, then, on all rows,
 * P(true positive | flagged) = (P(label 1 | flagged) + Sp − 1) / (Se + Sp − 1), the same for
 * unflagged rows, and recall from the two. Assumes the labeler's errors do not depend on whether
 * the model flags a message (false for a model trained to imitate that labeler: then the correction
 * is too kind) and that Se and Sp carry over to the borderline rows (they surely are worse there).
 */
export function noiseCorrected(
  pred: ArrayLike<number>,
  labels: ArrayLike<number>,
  categories: readonly string[],
  options: BootstrapOptions = {},
): NoiseCorrected {
  const rows = pred.length;
  if (labels.length !== rows || categories.length !== rows)
    throw new InvalidInputError(
      "categories",
      `predictions, labels and categories must align (${rows}, ${labels.length}, ${categories.length})`,
    );
  const truth = categories.map(intentOf);
  const seed = options.seed ?? 0;
  const seAndSp = (idx: number[]) => {
    const c = countsOn(labels, truth, idx);
    return { se: ratio(c.tp, c.tp + c.fn), sp: ratio(c.tn, c.tn + c.fp) };
  };
  const corrected = (idx: number[]) => {
    const { se, sp } = seAndSp(idx);
    let flagged = 0,
      flaggedLabeled = 0,
      unflaggedLabeled = 0;
    for (const i of idx) {
      if (pred[i] === 1) {
        flagged++;
        flaggedLabeled += labels[i];
      } else unflaggedLabeled += labels[i];
    }
    const clip = (x: number) => Math.min(1, Math.max(0, x));
    const fix = (p: number) => clip((p + sp - 1) / (se + sp - 1));
    const ppv = fix(ratio(flaggedLabeled, flagged));
    const missRate = fix(ratio(unflaggedLabeled, idx.length - flagged));
    const truePos = ppv * flagged + missRate * (idx.length - flagged);
    return { precision: ppv, recall: ratio(ppv * flagged, truePos) };
  };
  const labelArr = Array.from(labels);
  const known = countsOn(labels, truth, truth.keys());
  const model = countsOn(pred, labelArr, labelArr.keys());
  const boot = (f: (idx: number[]) => number, n: number, k: number) =>
    bootstrapRows(rows, f, n, { ...options, seed: seed + k });
  const measuredOn = (idx: number[]) => countsOn(pred, labelArr, idx);
  return {
    labelerSensitivity: boot((idx) => seAndSp(idx).se, known.tp + known.fn, 1),
    labelerSpecificity: boot((idx) => seAndSp(idx).sp, known.tn + known.fp, 2),
    measured: {
      precision: boot(
        (idx) => {
          const d = measuredOn(idx);
          return ratio(d.tp, d.tp + d.fp);
        },
        model.tp + model.fp,
        3,
      ),
      recall: boot(
        (idx) => {
          const d = measuredOn(idx);
          return ratio(d.tp, d.tp + d.fn);
        },
        model.tp + model.fn,
        4,
      ),
    },
    corrected: {
      precision: boot((idx) => corrected(idx).precision, model.tp + model.fp, 5),
      // n: all rows (the corrected count of true positives is an estimate, not a count).
      recall: boot((idx) => corrected(idx).recall, rows, 6),
    },
  };
}
