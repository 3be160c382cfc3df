// The features namespace of the public API (lib/index.ts): what a model sees (encoder vectors, lexical features or
// both), fitted only on the rows a model trains on, and the pipelines that keep it so.
export {
  DEFAULT_NGRAMS,
  describeFeatures,
  featureSpec,
  featureSpecSchema,
  withSeed,
  type FeatureSettings,
  type FeatureSpec,
  type LexicalStep,
} from "./spec";
export { Featurizer, takeTextRows, type TextRows } from "./featurizer";
export { type ModelPipelineJSON, type PipelineJSON } from "./formats";
export {
  FoldEnsemble,
  LogregPipeline,
  MlpPipeline,
  modelPipelineFromJSON,
  pipelineFromJSON,
  type TextPipeline,
} from "./pipelines";
