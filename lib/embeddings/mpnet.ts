import type { Matrix } from "../linalg/matrix";

/** The assignment's embedding model, in the ONNX export transformers.js loads. */
export const MPNET_MODEL_ID = "Xenova/paraphrase-mpnet-base-v2";
export const MPNET_METHOD = "mpnet";
export const MPNET_DIMENSION = 768;
export const MPNET_NAME = "sentence-transformers/paraphrase-mpnet-base-v2 (transformers.js, mean pooling)";

import { EmbeddingModelUnavailable, InvalidInputError } from "../errors";

/** Raised when the real model can't be used here; the message says what to do instead. */
export { EmbeddingModelUnavailable };

/**
 * Mean pooling over tokens as sentence-transformers does: average the token
 * vectors where the attention mask is 1 (padding ignored).
 * `tokens` is [batch, seq, dim] flattened; `mask` is [batch, seq].
 */
export function meanPool(
  tokens: ArrayLike<number>,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  dim: number,
): Matrix<Float32Array> {
  if (tokens.length !== batch * seq * dim)
    throw new InvalidInputError(
      "tokens",
      `meanPool: expected ${batch}×${seq}×${dim} token values, got ${tokens.length}`,
    );
  if (mask.length !== batch * seq)
    throw new InvalidInputError("mask", `meanPool: expected ${batch}×${seq} mask values, got ${mask.length}`);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    const acc = new Float64Array(dim);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(mask[b * seq + s]) === 0) continue;
      count++;
      const o = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) acc[d] += tokens[o + d];
    }
    // sentence-transformers clamps the count at 1e-9; an all-padding row pools to zeros.
    for (let d = 0; d < dim; d++) out[b * dim + d] = acc[d] / Math.max(count, 1e-9);
  }
  return { rows: batch, cols: dim, data: out };
}

/** Unit-length rows (optional for mpnet: paraphrase-mpnet-base-v2 itself does not normalize). */
export function l2NormalizeRows(m: Matrix<Float32Array>): Matrix<Float32Array> {
  const out = Float32Array.from(m.data);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) s += out[i * m.cols + j] ** 2;
    const n = Math.sqrt(s);
    if (n > 0) for (let j = 0; j < m.cols; j++) out[i * m.cols + j] /= n;
  }
  return { rows: m.rows, cols: m.cols, data: out };
}

const OFFLINE_HINT =
  "Use the offline default instead: `npm run embed` (TF-IDF + truncated SVD, method tfidf-lsa). " +
  "On a machine that can download the model: `npm install --no-save @huggingface/transformers`, then `npm run embed -- --method mpnet`.";

/** A tensor as transformers.js returns it: flat data and its shape. */
interface TransformersTensor<T extends number | bigint> {
  data: ArrayLike<T>;
  dims: number[];
}
/** The attention mask is int64 (a BigInt64Array). */
type TokenizerInputs = { attention_mask: TransformersTensor<number | bigint> };
/** The few transformers.js APIs used here (the package is optional, so its own types may be absent). */
interface TransformersModule {
  AutoTokenizer: {
    from_pretrained(
      id: string,
    ): Promise<(texts: string[], o: { padding: true; truncation: true }) => Promise<TokenizerInputs>>;
  };
  AutoModel: {
    from_pretrained(
      id: string,
    ): Promise<(inputs: TokenizerInputs) => Promise<{ last_hidden_state: TransformersTensor<number> }>>;
  };
}
type Tokenizer = Awaited<ReturnType<TransformersModule["AutoTokenizer"]["from_pretrained"]>>;
type EncoderModel = Awaited<ReturnType<TransformersModule["AutoModel"]["from_pretrained"]>>;

// Loaded by name at run time so the project installs and type-checks without it.
async function loadTransformers(): Promise<TransformersModule> {
  const name = "@huggingface/transformers";
  try {
    return await import(name);
  } catch {
    throw new EmbeddingModelUnavailable(
      `the mpnet path needs the optional package ${name}, which is not installed. ${OFFLINE_HINT}`,
    );
  }
}

/**
 * The real model's path: sentence embeddings from paraphrase-mpnet-base-v2
 * with transformers.js, mean-pooled as sentence-transformers does. Fails fast
 * with a clear message where the package or the weights can't be had.
 */
export class MpnetEmbedder {
  readonly method = MPNET_METHOD;
  readonly dimension = MPNET_DIMENSION;
  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly model: EncoderModel,
    readonly modelId: string,
    readonly normalize: boolean,
  ) {}

  static async create(options: { modelId?: string; normalize?: boolean } = {}): Promise<MpnetEmbedder> {
    const modelId = options.modelId ?? MPNET_MODEL_ID;
    const tf = await loadTransformers();
    try {
      const tokenizer = await tf.AutoTokenizer.from_pretrained(modelId);
      const model = await tf.AutoModel.from_pretrained(modelId);
      return new MpnetEmbedder(tokenizer, model, modelId, options.normalize ?? false);
    } catch (err) {
      throw new EmbeddingModelUnavailable(`could not load ${modelId} (${(err as Error).message}). ${OFFLINE_HINT}`);
    }
  }

  async transform(texts: readonly string[], batchSize = 32): Promise<Matrix<Float32Array>> {
    const out = new Float32Array(texts.length * this.dimension);
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      const inputs = await this.tokenizer(batch, { padding: true, truncation: true });
      const { last_hidden_state: hidden } = await this.model(inputs);
      const [b, seq, dim] = hidden.dims;
      let pooled = meanPool(hidden.data, inputs.attention_mask.data, b, seq, dim);
      if (this.normalize) pooled = l2NormalizeRows(pooled);
      out.set(pooled.data, start * this.dimension);
    }
    return { rows: texts.length, cols: this.dimension, data: out };
  }
}
