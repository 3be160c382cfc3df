// Is one model better than another on the same test rows? A paired bootstrap of the difference.
import type { ModelName } from "../experiment/config";
import { ExperimentResult, modelResult } from "../experiment/run";
import { pairedBootstrapDifference } from "../metrics/bootstrap";
import type { Interval } from "../metrics/interval";
import { averagePrecision } from "../metrics/curves";
import { metricAt, ThresholdMetric } from "../metrics/metricAt";
import { UndefinedMetricError } from "../metrics/validate";

/** Model a against model b on one metric on the same test rows: a − b with its paired bootstrap interval. */
export interface ModelComparison {
  metric: string;
  a: ModelName;
  b: ModelName;
  /** a − b with its paired bootstrap interval; null when the metric is undefined for either model on the test split. */
  difference: Interval | null;
}

type Metric = (y: number[], s: number[]) => number;

/** One model's scores on the rows compared, and its threshold. */
export interface ScoredModel {
  scores: ArrayLike<number>;
  threshold: number;
}

/** One metric's paired difference between two models, named as in metrics.json. */
export interface MetricDifference {
  metric: string;
  /** The metric's name in metrics.json. */
  key: "averagePrecision" | "precision" | "recall" | "f1";
  /** a − b with its paired bootstrap interval; null when the metric is undefined for either model. */
  difference: Interval | null;
}

/**
 * A paired bootstrap of the difference a − b in each metric on the same rows (whole repeat groups resampled, as
 * for every other interval we report); the precision, recall and F1 of each model are taken at its own
 * threshold, by metricAt's rule for degenerate resamples.
 */
export function pairedMetricDifferences(
  y: readonly number[],
  groups: readonly number[],
  a: ScoredModel,
  b: ScoredModel,
  options: { seed: number; resamples: number; level: number },
): MetricDifference[] {
  const opts = { ...options, groups };
  const at = (k: ThresholdMetric): [Metric, Metric] => [metricAt(k, a.threshold), metricAt(k, b.threshold)];
  const rows: Array<[string, MetricDifference["key"], [Metric, Metric]]> = [
    ["average precision", "averagePrecision", [averagePrecision, averagePrecision]],
    ["precision (each at its own threshold)", "precision", at("precision")],
    ["recall (each at its own threshold)", "recall", at("recall")],
    ["F1 (each at its own threshold)", "f1", at("f1")],
  ];
  return rows.map(([metric, key, [fa, fb]]) => {
    let difference: Interval | null = null;
    try {
      difference = pairedBootstrapDifference(y, a.scores, b.scores, fa, fb, opts);
    } catch (err) {
      if (!(err instanceof UndefinedMetricError)) throw err;
    }
    return { metric, key, difference };
  });
}

/** Two models of one experiment compared on its test split (the experiment's seed and bootstrap settings). */
export function compareModels(result: ExperimentResult, a: ModelName, b: ModelName): ModelComparison[] {
  const ma = modelResult(result, a);
  const mb = modelResult(result, b);
  const rows = pairedMetricDifferences(
    result.test.y,
    result.test.groups,
    { scores: ma.scores.test, threshold: ma.threshold.threshold },
    { scores: mb.scores.test, threshold: mb.threshold.threshold },
    { seed: result.config.seed, resamples: result.config.bootstrap.resamples, level: result.config.bootstrap.level },
  );
  return rows.map(({ metric, difference }) => ({ metric, a, b, difference }));
}
