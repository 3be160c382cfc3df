// The experiment namespace of the public API (lib/index.ts): the configuration, the data a run uses, the protocol
// (grouped cross-validation, thresholds from out-of-fold scores, the test split scored once), and what it reports.
export {
  DEFAULT_CONFIG,
  experimentConfigSchema,
  featureSpecOf,
  makeConfig,
  MODEL_NAMES,
  mlpOptionsOf,
  parseConfig,
  type ConfigOverrides,
  type ExperimentConfig,
  type ModelName,
} from "./config";
export { loadExperimentData, type ExperimentData, type Part } from "./data";
export { sampleMessages, splitSides, type SampleMessage, type SplitSide } from "./dataSummary";
export { crossValPredict, crossValPredictMlp, gridSearchLogreg, type CvRunOptions, type GridPoint } from "./cv";
export { C_RULES, chooseC, type CChoice, type CGridPoint, type CRule } from "./cRule";
export {
  FLAGGED_GAP_LIMIT,
  operatingPointTransfer,
  predictiveInterval,
  TRANSFER_MARGIN,
  type OperatingPoint,
  type BatchMetric,
  type PredictiveInterval,
  type TransferCheck,
} from "./transfer";
export { evaluateScores, type MetricSet } from "./evaluate";
export {
  disposeResult,
  findModelResult,
  modelResult,
  runExperiment,
  STAGES,
  type ExperimentResult,
  type ModelResult,
  type ModelThreshold,
  type ProgressEvent,
  type Stage,
} from "./run";
export { deriveSeed, experimentSeeds, SEED_OFFSETS, type ExperimentSeeds, type SeedPurpose } from "./seeds";
export {
  loadPipeline,
  PREDICT_MODELS,
  pipelineFileSchema,
  savePipeline,
  type LoadedPipeline,
  type PredictModel,
} from "./pipeline";
export { defaultAblationCandidates, featureAblation, type AblationCandidate, type AblationRow } from "./ablation";
export { ABLATION_CACHE_FILE, cachedAblation, type CachedAblation } from "./ablationCache";
export {
  loadTestSplitLedger,
  summarizeLedger,
  TEST_SPLIT_LEDGER_FILE,
  type LedgerSummary,
  type TestSplitLedger,
  type TestSplitLook,
} from "./ledger";
