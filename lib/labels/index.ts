// The labels namespace of the public API (lib/index.ts): what LLM labels are worth here: agreement between three
// labelings, the writer's intent as a weak gold, "true precision", gold-set sizing, abstention, costs, the verdict.
export { cohenKappa, percentAgreement } from "./agreement";
export { THEMES, themeOf } from "./themes";
export { LABEL_SET_NAMES, labelSetsFor, type LabelSetName, type LabelSets } from "./labelSets";
export {
  disagreementByCategory,
  flippedExamples,
  flipsByTheme,
  pairAgreements,
  positiveRates,
  type CategoryDisagreement,
  type FlippedExample,
  type PairAgreement,
  type PositiveRate,
  type ThemeFlips,
} from "./disagreement";
export {
  crossLabelScores,
  flaggedDisputes,
  rescoreAgainstLabelSets,
  withLabels,
  type CrossLabelRow,
  type FlaggedDisputes,
  type PointScores,
  type RescoreRow,
} from "./rescore";
export { disagreementFigure, rescoreFigure } from "./labelFigures";
export { mcnemarExactP } from "./estimate";
export { againstIntent, intentOf, noiseCorrected, type NoiseCorrected, type PrecisionRecall } from "./intent";
export { truePrecisionOnSameRows, type TruePrecisionComparison } from "./truePrecision";
export { extraFlips, flaggedDelta, labelChange, shareLabeledFalse, type LabelChange, type ShareFalse } from "./deltas";
export {
  goldSetPlan,
  humanLabelPlan,
  itemsForProportion,
  type GoldSetPlan,
  type HumanLabelPlan,
  type OperatingPoint,
} from "./sizing";
export { abstentionAtEqualCoverage, type PolicyScore } from "./abstention";
export {
  approxTokens,
  humanCostPerThousand,
  llmCostPerThousand,
  PROMPTS_FILE,
  readPrompts,
  servingEconomics,
  type Assumed,
  type Cost,
  type LlmCostInputs,
  type ServingEconomics,
  type ServingInputs,
} from "./economics";
export {
  EMBED_BENCH_FILE,
  measureScoringCost,
  readEmbedBenchmark,
  type EmbedBenchmark,
  type EncoderRun,
  type Scorer,
  type ScoringCost,
} from "./serving";
export { RANKED_METRICS, rankingUnderLabelings, type RankedMetric, type RankedModel, type RankingRow } from "./ranking";
export {
  languageLoss,
  rerunFlipConcentration,
  verdictEvidence,
  type Concentration,
  type LanguageLoss,
  type VerdictEvidence,
  type VerdictInputs,
} from "./verdict";
