/** What the encoder is, in one place that loads no TF.js (importing it stays cheap). */
export const USE_LITE_METHOD = "use-lite";
export const USE_LITE_MODEL = "Universal Sentence Encoder lite";
export const USE_LITE_NAME = `${USE_LITE_MODEL} (Cer et al. 2018), TF.js graph model, 512 dims`;
/** USE-lite's output dimension. */
export const USE_LITE_DIMENSION = 512;
/**
 * Part of the output's identity (the manifest records it): each vector as one
 * graph call per message gives it, so it depends on its own text only. (In a
 * batch the graph pads messages to the longest, and a padded row moves by
 * ~1e-7: the files committed before used batches of 64.) The default path gets
 * these bytes about 2.5× faster: messages of equal token count need no padding
 * and share a call of the forward pass on the SIMD kernels.
 */
export const DEFAULT_USE_BATCH_SIZE = 1;
/** The graph keeps a message's first 128 tokens (its ClipToMaxLength); the rest change nothing. */
export const USE_MAX_TOKENS = 128;
