import * as fs from "node:fs";
import * as path from "node:path";
import { Matrix, normalizeRows } from "../linalg/matrix";
import { sparseTimesDense } from "../linalg/sparse";
import { readNpyMatrix, writeNpyMatrix } from "./npy";
import { randomizedSvd } from "./svd";
import { z } from "zod";
import { fitTfidfBlock, TfidfBlock, tfidfBlockConfigSchema, tfidfBlockSchema, tfidfTransform } from "./tfidf";
import { InvalidInputError } from "../errors";
import { float32Count, float32FromBase64, float32ToBase64 } from "../util/float32Base64";
import { readSavedJson } from "../util/savedJson";
import { exactly, integer, nonEmpty, number, record } from "../util/schema";

/** How an LSA embedder is fitted (declared for saved embedders and manifests; the type is inferred). */
export const lsaConfigSchema = record({
  /** Output dimension (number of SVD components). */
  dimension: integer(1),
  seed: integer(),
  blocks: nonEmpty(tfidfBlockConfigSchema, "a list of n-gram blocks"),
  /** Power iterations of the randomized SVD. */
  nIter: integer(0),
  oversample: integer(0),
});
/** How an LSA embedder is fitted: dimension, SVD seed, n-gram blocks, power iterations, oversampling. */
export type LsaConfig = z.infer<typeof lsaConfigSchema>;

/** Chosen on cross-validated average precision of the logistic regression; see README ("Embeddings"). */
export const DEFAULT_LSA_CONFIG: LsaConfig = {
  dimension: 384,
  seed: 42,
  blocks: [
    { analyzer: "word", ngramRange: [1, 2], minDf: 2, maxFeatures: 20000 },
    { analyzer: "char_wb", ngramRange: [3, 5], minDf: 2, maxFeatures: 30000 },
  ],
  nIter: 5,
  oversample: 10,
};

/** The method name manifests and saved embedders record for LSA. */
export const LSA_METHOD = "tfidf-lsa";

/** A fitted LSA embedder as plain data (the projection as base64 float32, exact on reload). */
export const lsaStateSchema = record({
  config: lsaConfigSchema,
  blocks: z.array(tfidfBlockSchema, { message: "must be a list of fitted n-gram blocks" }),
  projection: record({ rows: integer(1), cols: integer(1), float32Base64: z.string() }).refine(
    (p) => float32Count(p.float32Base64) === p.rows * p.cols,
    "must hold rows × cols float32 values",
  ),
  explainedVarianceRatio: z.array(number({ gte: 0 })),
});
export type LsaState = z.infer<typeof lsaStateSchema>;

/** lsa.json beside lsa_projection.npy (LsaEmbedder.save). */
const lsaMetaSchema = record({
  method: exactly(LSA_METHOD),
  config: lsaConfigSchema,
  blocks: z.array(tfidfBlockSchema),
  explainedVarianceRatio: z.array(number({ gte: 0 })),
});

/** A human name that says what the method is (never "mpnet"). */
export function describeLsa(config: LsaConfig): string {
  const blocks = config.blocks
    .map((b) => `${b.analyzer === "word" ? "word" : "char"} ${b.ngramRange[0]}–${b.ngramRange[1]}-grams`)
    .join(" + ");
  return `TF-IDF (${blocks}) → truncated SVD (LSA), ${config.dimension} dims, L2-normalized`;
}

/**
 * Latent semantic analysis: TF-IDF, then a truncated SVD, then unit-length
 * rows. Fitted on training texts only; embeds any text afterwards.
 */
export class LsaEmbedder {
  readonly method = LSA_METHOD;
  private constructor(
    readonly config: LsaConfig,
    readonly blocks: TfidfBlock[],
    /** d × k (terms × components), float32 so a reloaded embedder gives identical vectors. */
    private readonly projection: Matrix<Float32Array>,
    readonly explainedVarianceRatio: number[],
  ) {}

  get dimension(): number {
    return this.config.dimension;
  }

  get vocabularySize(): number {
    return this.projection.rows;
  }

  static fit(texts: readonly string[], config: LsaConfig = DEFAULT_LSA_CONFIG): LsaEmbedder {
    if (texts.length <= config.dimension) {
      throw new InvalidInputError(
        "texts",
        `LSA needs more training texts (${texts.length}) than dimensions (${config.dimension})`,
      );
    }
    const blocks = config.blocks.map((b) => fitTfidfBlock(texts, b));
    const tfidf = tfidfTransform(blocks, texts);
    const svd = randomizedSvd(tfidf, config.dimension, config.seed, config.nIter, config.oversample);
    const { projection } = svd;
    return new LsaEmbedder(
      config,
      blocks,
      { rows: projection.rows, cols: projection.cols, data: Float32Array.from(projection.data) },
      Array.from(svd.explainedVarianceRatio),
    );
  }

  /** One unit-length float32 row per text. A text with no known term embeds as a zero row. */
  transform(texts: readonly string[]): Matrix<Float32Array> {
    const dense = sparseTimesDense(tfidfTransform(this.blocks, texts), this.projection);
    normalizeRows(dense);
    return { rows: dense.rows, cols: dense.cols, data: Float32Array.from(dense.data) };
  }

  state(): LsaState {
    const p = this.projection;
    return {
      config: this.config,
      blocks: this.blocks,
      projection: { rows: p.rows, cols: p.cols, float32Base64: float32ToBase64(p.data) },
      explainedVarianceRatio: this.explainedVarianceRatio,
    };
  }

  static fromState(s: LsaState): LsaEmbedder {
    const data = float32FromBase64(s.projection.float32Base64);
    if (data.length !== s.projection.rows * s.projection.cols)
      throw new InvalidInputError("state", "saved LSA projection has the wrong size");
    return new LsaEmbedder(
      s.config,
      s.blocks,
      { rows: s.projection.rows, cols: s.projection.cols, data },
      s.explainedVarianceRatio,
    );
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const meta = {
      method: this.method,
      config: this.config,
      blocks: this.blocks,
      explainedVarianceRatio: this.explainedVarianceRatio,
    };
    fs.writeFileSync(path.join(dir, "lsa.json"), JSON.stringify(meta));
    writeNpyMatrix(path.join(dir, "lsa_projection.npy"), this.projection);
  }

  static load(dir: string): LsaEmbedder {
    const meta = readSavedJson(lsaMetaSchema, path.join(dir, "lsa.json"), "no saved LSA embedder here");
    const vocab = meta.blocks.reduce((s, b) => s + b.vocabulary.length, 0);
    const projection = readNpyMatrix(path.join(dir, "lsa_projection.npy"), {
      rows: vocab,
      cols: meta.config.dimension,
    });
    return new LsaEmbedder(meta.config, meta.blocks, projection, meta.explainedVarianceRatio);
  }
}
