// The report namespace of the public API (lib/index.ts): a run's figures, headline and files.
export { headline, metricsJson, predictionsCsv, writeReports } from "../runs/outputs";
export { saveRun } from "./saveRun";
export {
  cChoiceOf,
  cSearchFigure,
  oofSweepFigure,
  scoredModels,
  testCalibrationFigure,
  testConfusionFigure,
  testIntervalsFigure,
  testPrFigure,
  thresholdExplorerFor,
} from "./resultFigures";
export { reportHtml } from "./html";
