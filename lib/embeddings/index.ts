// The embeddings namespace of the public API (lib/index.ts): turning messages into vectors (USE-lite here, mpnet
// where it installs, TF-IDF + LSA as a lexical stand-in), the committed vector files and their manifest.
export { EmbeddingModelUnavailable } from "../errors";
export { DEFAULT_LSA_CONFIG, describeLsa, LSA_METHOD, lsaConfigSchema, LsaEmbedder, type LsaConfig } from "./lsa";
export {
  checkAlignment,
  EMBEDDING_METHODS,
  EMBEDDING_PARTS,
  embeddingManifestSchema,
  loadEmbeddingPart,
  readManifest,
  type EmbeddingManifest,
  type EmbeddingMethod,
  type EmbeddingPart,
} from "./manifest";
export { readNpyMatrix, writeNpyMatrix } from "./npy";
export {
  computeEmbeddings,
  DEFAULT_EMBEDDING_METHOD,
  loadEmbeddings,
  writeEmbeddings,
  type ComputedEmbeddings,
  type EncoderRunOptions,
  type SplitEmbeddings,
  type TextEmbedder,
} from "./store";
export { MPNET_MODEL_ID, MpnetEmbedder } from "./mpnet";
export { UseLiteEncoder, type UseEmbedOptions } from "./use/encoder";
export { USE_LITE_DIMENSION, USE_LITE_METHOD, USE_MAX_TOKENS } from "./use/identity";
