import * as fs from "node:fs";
import * as path from "node:path";
import { Matrix, normalizeRows } from "../linalg/matrix";
import { sparseTimesDense } from "../linalg/sparse";
import { readNpyMatrix, writeNpyMatrix } from "./npy";
import { randomizedSvd } from "./svd";
import { fitTfidfBlock, TfidfBlock, TfidfBlockConfig, tfidfTransform } from "./tfidf";
import { InvalidInputError, ModelFileError } from "../errors";

export interface LsaConfig {
  /** Output dimension (number of SVD components). */
  dimension: number;
  seed: number;
  blocks: TfidfBlockConfig[];
  /** Power iterations of the randomized SVD. */
  nIter: number;
  oversample: number;
}

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

export const LSA_METHOD = "tfidf-lsa";

/** A fitted LSA embedder as plain data (the projection as base64 float32, exact on reload). */
export interface LsaState {
  config: LsaConfig;
  blocks: TfidfBlock[];
  projection: { rows: number; cols: number; float32Base64: string };
  explainedVarianceRatio: number[];
}

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
    const b64 = Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString("base64");
    return {
      config: this.config,
      blocks: this.blocks,
      projection: { rows: p.rows, cols: p.cols, float32Base64: b64 },
      explainedVarianceRatio: this.explainedVarianceRatio,
    };
  }

  static fromState(s: LsaState): LsaEmbedder {
    const buf = Buffer.from(s.projection.float32Base64, "base64");
    const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
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
    const metaFile = path.join(dir, "lsa.json");
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
    if (meta.method !== LSA_METHOD)
      throw new ModelFileError(metaFile, "method", `is ${JSON.stringify(meta.method)}: not an LSA embedder`);
    const vocab = (meta.blocks as TfidfBlock[]).reduce((s, b) => s + b.vocabulary.length, 0);
    const projection = readNpyMatrix(path.join(dir, "lsa_projection.npy"), {
      rows: vocab,
      cols: meta.config.dimension,
    });
    return new LsaEmbedder(meta.config, meta.blocks, projection, meta.explainedVarianceRatio);
  }
}
