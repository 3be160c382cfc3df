// The analysis namespace of the public API (lib/index.ts): what the models get wrong, and which model to keep.
export { detectLanguage, LANGUAGES, type Language } from "./language";
export {
  errorShares,
  errorsByCategory,
  nonEnglishMessages,
  outcomes,
  outcomesByLanguage,
  overRepresentedTokens,
  scoredMessages,
  textsWithLabel,
  textsWithOutcome,
  type CategoryErrors,
  type ErrorShare,
  type ForeignMessage,
  type LanguageOutcomes,
  type Outcome,
  type ScoredMessages,
  type TokenContrast,
} from "./errors";
export {
  chooseModel,
  pairedDifferences,
  type ComparedMetric,
  type ModelChoice,
  type PairedDifference,
} from "./modelChoice";
export {
  compareModels,
  pairedMetricDifferences,
  type MetricDifference,
  type ModelComparison,
  type ScoredModel,
} from "./compare";
export {
  errorExamples,
  errorLabelAgreement,
  type ErrorExample,
  type ErrorKind,
  type ErrorLabelAgreement,
  type OutcomeKind,
} from "./errorExamples";
export { recallGapEvidence, type CategoryRecall, type RecallGapEvidence, type RecallPoint } from "./recallGap";
export {
  costSensitivity,
  REVIEW_QUEUE,
  shippedOperatingPoint,
  type CostSensitivity,
  type ProductUse,
  type PromisedRate,
  type ShippedOperatingPoint,
} from "./operatingPoint";
export {
  ERROR_PATTERNS,
  errorPatterns,
  errorsOnLabelersLine,
  type ErrorPattern,
  type ErrorPatterns,
  type MessageFacts,
  type PatternCount,
} from "./errorThemes";
export {
  calibrationCheck,
  type CalibrationBinCheck,
  type CalibrationCheck,
  type CalibrationVerdict,
} from "./calibration";
