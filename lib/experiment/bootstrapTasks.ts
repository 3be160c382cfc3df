/**
 * One model's metrics on one split (point estimates and bootstrap intervals) as a self-contained pool task: the
 * bootstrap is most of the time after cross-validation, and the out-of-fold and test evaluations are independent.
 * A pure function of its inputs, so the numbers are the same on whichever thread it runs.
 */
import { evaluateScores, MetricSet } from "./evaluate";

export interface EvaluationTask {
  y: readonly number[];
  scores: Float64Array;
  threshold: number;
  options: Parameters<typeof evaluateScores>[3];
}

export function runTask(task: EvaluationTask): MetricSet {
  return evaluateScores(task.y, task.scores, task.threshold, task.options);
}
