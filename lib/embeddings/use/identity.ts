/** What the encoder is, in one place that loads no TF.js (importing it stays cheap). */
export const USE_LITE_METHOD = "use-lite";
export const USE_LITE_MODEL = "Universal Sentence Encoder lite";
export const USE_LITE_NAME = `${USE_LITE_MODEL} (Cer et al. 2018), TF.js graph model, 512 dims`;
export const USE_LITE_DIMENSION = 512;
/**
 * One message per graph call: the graph pads a batch to its longest message,
 * so on wasm batch 1 is the fastest (27 ms a message against 68 at batch 64),
 * and a vector then depends on its own text only, not on its neighbours.
 * Part of the output's identity (the manifest records it): the same row in
 * another batch moves by ~1e-7.
 */
export const DEFAULT_USE_BATCH_SIZE = 1;
