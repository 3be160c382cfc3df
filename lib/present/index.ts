// The present namespace of the public API (lib/index.ts): results as tables, takeaway titles, sentences and speaker
// notes for the notebooks and the deck. Every number becomes text through ./format.ts.
export { count, fixed, interval, pct, rounded, speakerNotes, withInterval } from "./format";
export { configTable, featureTable, provenanceTable } from "./settings";
export { sampleMessageTable, splitTable, thresholdTable } from "./experiment";
export { summaryTable, transferTable } from "./summary";
export {
  agreementTable,
  comparisonTable,
  crossLabelTable,
  disagreementTable,
  flaggedDisputeTable,
  positiveRateTable,
  rescoreTable,
  themeFlipTable,
} from "./labels";
export { auditHitRateTable, suspectTable } from "./audit";
export { formatQualityReport, qualityTable } from "./data";
export {
  abstentionPolicyTable,
  abstentionSummary,
  costTable,
  distillVsCallTable,
  fmtEstimate,
  goldSetTable,
  intentTable,
  labelChangeTable,
  noiseCorrectionTable,
  rankingTable,
  shareFalseTable,
} from "./labelEvidence";
export {
  humanLabelNotes,
  humanLabelTable,
  humanLabelTitle,
  prosConsTable,
  reconcileTruePrecision,
  truePrecisionNotes,
  truePrecisionTable,
  truePrecisionTitle,
  verdictNotes,
  verdictPoints,
  verdictTitle,
} from "./labelVerdict";
export { economicsNotes, economicsTable, economicsTitle, servingCostTable, type ServingAssumptions } from "./serving";
export { CLOSING_TITLE, oneMoreWeek, oneMoreWeekNotes, type ClosingInputs } from "./closingPoints";
export {
  errorAgreementTable,
  errorCategoryTable,
  errorExampleTable,
  errorPatternNotes,
  errorPatternRuleTable,
  errorPatternTable,
  errorPatternTitle,
  tokenContrastTable,
} from "./errors";
export {
  outsideFoldsHeading,
  outsideFoldsNotes,
  outsideFoldsTable,
  pitfallGuardTable,
  pitfallName,
  pitfallRankingHeading,
  pitfallRankingNotes,
  pitfallRankingTable,
  pitfallReferenceTable,
  pitfallRules,
  pitfallTable,
  refitCacheLine,
} from "./pitfalls";
export { questionNotes, questionTable, questionTitle } from "./question";
export { ablationNotes, ablationSource, ablationTable, ablationTitle, cChoiceText } from "./ablation";
export { calibrationTable, calibrationText } from "./calibration";
export { ledgerNotesTable, ledgerSlideTable, ledgerTable, ledgerText } from "./ledger";
export {
  costSensitivityTable,
  operatingPointNotes,
  operatingPointTable,
  operatingPointTitle,
  productUseList,
  recallCurveTable,
  recallExpectation,
  recallGapNotes,
  recallGapTable,
  recallGapTitle,
} from "./operatingPoint";
export { conclusionList, type Findings } from "./conclusion";
