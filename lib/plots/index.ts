// The plots namespace of the public API (lib/index.ts): plotly figures built from results, and showing figures,
// tables and text in a notebook (or as self-contained HTML).
export { calibrationFigure } from "./calibrationFigure";
export {
  confusionFigure,
  cvCurveFigure,
  groupedBarFigure,
  intervalFigure,
  prCurveFigure,
  thresholdSweepFigure,
  type ScoredModel,
} from "./figures";
export { captionedFigureHtml, figureHtml, plotlyScriptTag, type FigureOptions } from "./html";
export { htmlList, htmlTable, showFigure, showHtml, showList, showMarkdown, showTable } from "./notebook";
export { pitfallRankingFigure } from "./pitfallFigures";
export { type Figure, type Layout, type Trace } from "./plotly";
export {
  explorerThresholds,
  operatingRow,
  thresholdExplorerFigure,
  type ExplorerLayoutChanges,
  type ExplorerTraceChanges,
  type OperatingRow,
  type ScoredSplit,
  type ThresholdExplorerInput,
} from "./thresholdExplorer";
