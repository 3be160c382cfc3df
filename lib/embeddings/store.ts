import * as fs from "node:fs";
import * as path from "node:path";
import type { MessageRecord } from "../data/dataset";
import type { Matrix } from "../linalg/matrix";
import { DATA_DIR } from "../paths";
import type { DatasetSplit } from "../split/splitFile";
import { DEFAULT_LSA_CONFIG, describeLsa, LsaConfig, LsaEmbedder } from "./lsa";
import { EMBEDDING_PARTS, EmbeddingManifest, EmbeddingPart, loadEmbeddingPart, manifestEntry, readManifest } from "./manifest";
import { MPNET_NAME, MpnetEmbedder } from "./mpnet";
import { npyBytes } from "./npy";

export const DEFAULT_MANIFEST_FILE = path.join(DATA_DIR, "embeddings.json");
export const NPY_FILES: Record<EmbeddingPart, string> = { train: "train_embs.npy", test: "test_embs.npy" };

/** Anything that turns texts into fixed-length vectors. */
export interface TextEmbedder {
  readonly method: string;
  readonly dimension: number;
  transform(texts: readonly string[]): Matrix<Float32Array> | Promise<Matrix<Float32Array>>;
}

/** Train and test embeddings, each row aligned with the split's records (file order). */
export interface SplitEmbeddings {
  manifest: EmbeddingManifest;
  train: Matrix<Float32Array>;
  test: Matrix<Float32Array>;
}

export type EmbeddingMethod = "tfidf-lsa" | "mpnet";

export interface ComputedEmbeddings extends SplitEmbeddings {
  embedder: TextEmbedder;
}

/**
 * Embed a split. The offline default (LSA) is fitted on the training rows
 * only and then applied to both parts, so nothing about the test texts leaks
 * into the representation. mpnet is pretrained and needs no fitting.
 */
export async function computeEmbeddings(
  split: DatasetSplit,
  method: EmbeddingMethod = "tfidf-lsa",
  lsaConfig: LsaConfig = DEFAULT_LSA_CONFIG,
): Promise<ComputedEmbeddings> {
  const texts = (rows: MessageRecord[]) => rows.map((r) => r.message);
  let embedder: TextEmbedder;
  let manifestHead: Omit<EmbeddingManifest, "files">;
  if (method === "tfidf-lsa") {
    const lsa = LsaEmbedder.fit(texts(split.train), lsaConfig);
    embedder = lsa;
    manifestHead = {
      formatVersion: 1,
      method: lsa.method,
      name: describeLsa(lsaConfig),
      params: { ...lsaConfig },
      dimension: lsa.dimension,
      dtype: "float32",
      fittedOn: "train",
      extra: {
        vocabularySize: lsa.vocabularySize,
        explainedVarianceRatio: Number(lsa.explainedVarianceRatio.reduce((a, b) => a + b, 0).toFixed(6)),
      },
    };
  } else {
    const mpnet = await MpnetEmbedder.create();
    embedder = mpnet;
    manifestHead = {
      formatVersion: 1,
      method: mpnet.method,
      name: MPNET_NAME,
      params: { modelId: mpnet.modelId, pooling: "mean", normalize: mpnet.normalize },
      dimension: mpnet.dimension,
      dtype: "float32",
      fittedOn: "pretrained",
    };
  }
  const train = await embedder.transform(texts(split.train));
  const test = await embedder.transform(texts(split.test));
  const files = {
    train: manifestEntry(NPY_FILES.train, split.train, new Uint8Array(npyBytes(train))),
    test: manifestEntry(NPY_FILES.test, split.test, new Uint8Array(npyBytes(test))),
  };
  return { embedder, train, test, manifest: { ...manifestHead, files } };
}

/** Write both .npy files and the manifest beside them. */
export function writeEmbeddings(emb: SplitEmbeddings, manifestFile = DEFAULT_MANIFEST_FILE): void {
  const dir = path.dirname(manifestFile);
  fs.mkdirSync(dir, { recursive: true });
  for (const part of EMBEDDING_PARTS) {
    fs.writeFileSync(path.join(dir, emb.manifest.files[part].file), Buffer.from(npyBytes(emb[part])));
  }
  fs.writeFileSync(manifestFile, JSON.stringify(emb.manifest, null, 1) + "\n");
}

/**
 * Load committed embeddings and prove they line up with the split: same ids,
 * same order, same text, right dtype and shape, finite values. Anything else
 * is a DataError saying what changed.
 */
export function loadEmbeddings(split: DatasetSplit, manifestFile = DEFAULT_MANIFEST_FILE): SplitEmbeddings {
  const manifest = readManifest(manifestFile);
  return {
    manifest,
    train: loadEmbeddingPart(manifestFile, manifest, "train", split.train),
    test: loadEmbeddingPart(manifestFile, manifest, "test", split.test),
  };
}
