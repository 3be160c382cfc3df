// Is one model better than another on the same test rows? A paired bootstrap of the difference.
import type { ModelName } from "../experiment/config";
import { ExperimentResult, modelResult } from "../experiment/run";
import { ConfidenceInterval, pairedBootstrapDifference } from "../metrics/bootstrap";
import { averagePrecision } from "../metrics/curves";
import { metricAt, ThresholdMetric } from "../metrics/metricAt";
import { UndefinedMetricError } from "../metrics/validate";

export interface ModelComparison {
  metric: string;
  a: ModelName;
  b: ModelName;
  /** a − b with its paired bootstrap interval; null when the metric is undefined for either model on the test split. */
  difference: ConfidenceInterval | null;
}

type Metric = (y: number[], s: number[]) => number;

/**
 * A paired bootstrap of the difference in each metric; the precision, recall and F1 of each model are taken at its
 * own threshold, by metricAt's rule for degenerate resamples.
 */
export function compareModels(result: ExperimentResult, a: ModelName, b: ModelName): ModelComparison[] {
  const ma = modelResult(result, a);
  const mb = modelResult(result, b);
  // Whole repeat groups are resampled, as for every other interval we report.
  const opts = {
    seed: result.config.seed,
    resamples: result.config.bootstrap.resamples,
    level: result.config.bootstrap.level,
    groups: result.test.groups,
  };
  const at = (k: ThresholdMetric): [Metric, Metric] => [
    metricAt(k, ma.threshold.threshold),
    metricAt(k, mb.threshold.threshold),
  ];
  const rows: Array<[string, [Metric, Metric]]> = [
    ["average precision", [averagePrecision, averagePrecision]],
    ["precision (each at its own threshold)", at("precision")],
    ["recall (each at its own threshold)", at("recall")],
    ["F1 (each at its own threshold)", at("f1")],
  ];
  return rows.map(([metric, [fa, fb]]) => {
    let difference: ConfidenceInterval | null = null;
    try {
      difference = pairedBootstrapDifference(result.test.y, ma.scores.test, mb.scores.test, fa, fb, opts);
    } catch (err) {
      if (!(err instanceof UndefinedMetricError)) throw err;
    }
    return { metric, a, b, difference };
  });
}
