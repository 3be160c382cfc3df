// Abstention compared like with like: the same number of rows set aside by each policy, scored the same way.
import { makeRng, shuffled } from "../util/random";
import { pointInterval, type Interval } from "../metrics/interval";
import { countsOn } from "./estimate";
import { bootstrapRows, percentile } from "../metrics/bootstrap";
import { InvalidInputError } from "../errors";

/** One abstention policy at a fixed coverage: rows set aside, and precision and recall on the rows kept. */
export interface PolicyScore {
  policy: "none" | "labeler runs disagree" | "model least sure" | "random rows";
  /** Rows set aside for a person. */
  abstained: number;
  /** Precision and recall on the kept rows against the labels. For random rows: mean over draws, 2.5–97.5% range. */
  precision: Interval;
  recall: Interval;
  /** Kept-rows metric minus all-rows metric: paired bootstrap over rows (random: spread over draws). */
  precisionGain: Interval;
  recallGain: Interval;
  /** Share of the set-aside rows where the model's flag disagrees with the label (NaN when none). */
  errorRateSetAside: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

function scoreKept(pred: number[], y: number[], kept: number[]) {
  const c = countsOn(pred, y, kept);
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    predicted: c.tp + c.fp,
    positives: c.tp + c.fn,
  };
}

/**
 * Abstaining where two labeling runs disagree, against two policies that set aside the same number
 * of rows: the model's least confident rows (scores nearest the threshold, usable at inference with
 * no second LLM call) and random rows (what removing k rows does by itself). Rows the labelers dispute
 * carry the least trustworthy labels, so dropping them cleans the ruler: a gain there is not a better model.
 */
export function abstentionAtEqualCoverage(
  y: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
  disputed: ArrayLike<boolean>,
  options: { draws?: number; seed?: number; resamples?: number; groups?: readonly number[] } = {},
): PolicyScore[] {
  const n = y.length;
  if (scores.length !== n || disputed.length !== n)
    throw new InvalidInputError(
      "disputed",
      `labels, scores and disputed flags must align (${n}, ${scores.length}, ${disputed.length})`,
    );
  const yy = Array.from(y);
  const pred = Array.from(scores, (s) => Number(s >= threshold));
  const rows = Array.from({ length: n }, (_, i) => i);
  const k = rows.filter((i) => disputed[i]).length;
  const errorRate = (aside: number[]) => ratio(aside.filter((i) => pred[i] !== yy[i]).length, aside.length);
  const boot = { resamples: options.resamples ?? 1000, seed: (options.seed ?? 0) + 1, groups: options.groups };
  const fixed = (policy: PolicyScore["policy"], aside: Set<number>): PolicyScore => {
    const kept = rows.filter((i) => !aside.has(i));
    const s = scoreKept(pred, yy, kept);
    const gain = (metric: "precision" | "recall", count: number) =>
      bootstrapRows(
        n,
        (idx) =>
          scoreKept(
            pred,
            yy,
            idx.filter((i) => !aside.has(i)),
          )[metric] - scoreKept(pred, yy, idx)[metric],
        count,
        boot,
      );
    return {
      policy,
      abstained: aside.size,
      precision: pointInterval(s.precision, s.predicted),
      recall: pointInterval(s.recall, s.positives),
      precisionGain: gain("precision", s.predicted),
      recallGain: gain("recall", s.positives),
      errorRateSetAside: errorRate([...aside]),
    };
  };
  const leastSure = new Set(
    [...rows].sort((a, b) => Math.abs(scores[a] - threshold) - Math.abs(scores[b] - threshold) || a - b).slice(0, k),
  );
  const rng = makeRng(options.seed ?? 0);
  const draws = options.draws ?? 1000;
  const full = scoreKept(pred, yy, rows);
  const precisions: number[] = [],
    recalls: number[] = [],
    errors: number[] = [];
  const precisionGains: number[] = [],
    recallGains: number[] = [];
  for (let d = 0; d < draws; d++) {
    const aside = shuffled(rows, rng).slice(0, k);
    const set = new Set(aside);
    const s = scoreKept(
      pred,
      yy,
      rows.filter((i) => !set.has(i)),
    );
    precisions.push(s.precision);
    recalls.push(s.recall);
    precisionGains.push(s.precision - full.precision);
    recallGains.push(s.recall - full.recall);
    if (k) errors.push(errorRate(aside));
  }
  // The middle 95% of the draws, by the one percentile rule (linear interpolation, as every interval here).
  const spread = (v: number[], count: number): Interval => {
    const f = v.filter(Number.isFinite).sort((a, b) => a - b);
    const estimate = f.reduce((a, b) => a + b, 0) / f.length;
    return {
      estimate,
      low: percentile(f, 2.5),
      high: percentile(f, 97.5),
      level: 0.95,
      method: "random draws",
      n: count,
    };
  };
  return [
    fixed("none", new Set()),
    fixed("labeler runs disagree", new Set(rows.filter((i) => disputed[i]))),
    fixed("model least sure", leastSure),
    {
      policy: "random rows",
      abstained: k,
      precision: spread(precisions, full.predicted),
      recall: spread(recalls, full.positives),
      precisionGain: spread(precisionGains, full.predicted),
      recallGain: spread(recallGains, full.positives),
      errorRateSetAside: errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN,
    },
  ];
}
