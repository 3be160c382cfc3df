// The runs namespace of the public API (lib/index.ts): run folders, their records, listing and comparing them.
export {
  MetricsHeadlineSchema,
  RUN_RECORD_VERSION,
  RunRecordSchema,
  type MetricsHeadline,
  type RunRecord,
} from "./record";
export { isRunId, LATEST_LINK, RUN_FILES, type RunEntry, type RunStatus } from "./layout";
export {
  latestCompleteRun,
  listRuns,
  loadRunPipeline,
  planClean,
  readRun,
  readRunMetrics,
  removeRuns,
  resolveRun,
  verifyRunFiles,
  type CleanPlan,
} from "./store";
export { compareRuns, type RunComparison, type RunMetricComparison, type SettingDifference } from "./compare";
