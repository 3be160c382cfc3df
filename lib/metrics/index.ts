// The metrics namespace of the public API (lib/index.ts): pure functions of labels and scores, pinned to
// scikit-learn's definitions (test/fixtures/sklearn), with "undefined" where a metric has no value.
export { UndefinedMetricError } from "../errors";
export {
  classificationAt,
  confusionAt,
  definedScores,
  scoresFromConfusion,
  type ClassificationScores,
  type Confusion,
  type DefinedScores,
  type RatioMetric,
} from "./confusion";
export { averagePrecision, precisionRecallCurve, rocAuc, rocCurve, type PrCurve, type RocCurve } from "./curves";
export { brierScore, calibrationBins, logLoss, type CalibrationBin } from "./probabilistic";
export {
  bootstrapCi,
  bootstrapRows,
  pairedBootstrapDifference,
  percentile,
  resampleStatistic,
  type BootstrapOptions,
  type ResampleOptions,
} from "./bootstrap";
export {
  chooseThreshold,
  describePolicy,
  thresholdPolicySchema,
  type ThresholdChoice,
  type ThresholdPolicy,
} from "./threshold";
export { intervalAt, metricAt, type IntervalMetric, type IntervalOptions, type ThresholdMetric } from "./metricAt";
export { wilson } from "./proportion";
export { pointInterval, type Interval, type IntervalMethod, type RunsMinMax } from "./interval";
