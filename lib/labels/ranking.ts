// Does one model beat another whichever labeling scores them? Paired differences per labeling.
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import { averagePrecision } from "../metrics/curves";
import type { Interval } from "../metrics/interval";
import { BootstrapOptions, bootstrapRows } from "../metrics/bootstrap";
import { InvalidInputError } from "../errors";

/** A metric the model ranking is compared on. */
export type RankedMetric = "precision" | "recall" | "f1" | "averagePrecision";
/** Every RankedMetric. */
export const RANKED_METRICS: readonly RankedMetric[] = ["precision", "recall", "f1", "averagePrecision"];

/** A model's scores and threshold, to be ranked against another under each labeling. */
export interface RankedModel {
  name: string;
  scores: ArrayLike<number>;
  threshold: number;
}

/** Model A against model B on one metric under one labeling, with the paired difference's interval. */
export interface RankingRow {
  labeling: string;
  metric: RankedMetric;
  a: number;
  b: number;
  /** metric(A) − metric(B), paired bootstrap over the same rows (n: rows). */
  difference: Interval;
}

function metricOf(metric: RankedMetric, y: number[], scores: number[], threshold: number): number {
  if (metric === "averagePrecision") return y.some((v) => v === 1) ? averagePrecision(y, scores) : NaN;
  const r = scoresFromConfusion(confusionAt(y, scores, threshold));
  return r.undefined.includes(metric) ? NaN : r[metric];
}

/**
 * Both models' test predictions (each at its own threshold) scored against each labeling of the
 * same rows: the difference A − B per metric, with a paired bootstrap interval. If the sign of the
 * difference, or whether its interval covers 0, changes between labelings, the ranking rests on the labeler.
 */
export function rankingUnderLabelings(
  labelings: Record<string, ArrayLike<number>>,
  a: RankedModel,
  b: RankedModel,
  options: BootstrapOptions = {},
): RankingRow[] {
  const rows: RankingRow[] = [];
  const n = a.scores.length;
  if (b.scores.length !== n)
    throw new InvalidInputError("b", `${a.name} has ${n} scores, ${b.name} ${b.scores.length}`);
  let k = 0;
  for (const [labeling, y] of Object.entries(labelings)) {
    if (y.length !== n)
      throw new InvalidInputError("labelings", `labeling ${labeling} has ${y.length} rows, the scores ${n}`);
    for (const metric of RANKED_METRICS) {
      const on = (m: RankedModel, idx: number[]) =>
        metricOf(
          metric,
          idx.map((i) => y[i]),
          idx.map((i) => m.scores[i]),
          m.threshold,
        );
      const all = Array.from({ length: n }, (_, i) => i);
      const difference = bootstrapRows(n, (idx) => on(a, idx) - on(b, idx), n, {
        ...options,
        seed: (options.seed ?? 0) + k++,
      });
      rows.push({ labeling, metric, a: on(a, all), b: on(b, all), difference });
    }
  }
  return rows;
}
