import * as fs from "node:fs";
import * as path from "node:path";
import type { MessageRecord } from "../data/dataset";
import { DataError } from "../data/errors";
import { Matrix, takeRows } from "../linalg/matrix";
import { DATA_DIR } from "../paths";
import type { DatasetSplit } from "../split/splitFile";
import { DEFAULT_LSA_CONFIG, describeLsa, LsaConfig, LsaEmbedder } from "./lsa";
import {
  EMBEDDING_PARTS,
  EmbeddingManifest,
  EmbeddingMethod,
  EmbeddingPart,
  LsaManifest,
  loadEmbeddingPart,
  ManifestHead,
  MpnetManifest,
  manifestEntry,
  readManifest,
} from "./manifest";
import { MPNET_NAME, MpnetEmbedder } from "./mpnet";
import { npyBytes } from "./npy";
import { UseEmbedOptions, UseLiteEncoder } from "./use/encoder";
import { readUseModel } from "./use/files";
import { DEFAULT_USE_BATCH_SIZE, USE_LITE_METHOD } from "./use/identity";
import { checkUseLiteManifest, useLiteManifestHead } from "./use/manifest";
import { getOrThrow } from "../util/maps";
import { InvalidInputError } from "../errors";
import { rounded } from "../util/numberText";

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

/** The pretrained sentence encoder that runs offline (its weights install with npm). */
export const DEFAULT_EMBEDDING_METHOD: EmbeddingMethod = USE_LITE_METHOD;

/** Vectors for both parts, with the embedder that made them (to embed new messages the same way). */
export interface ComputedEmbeddings extends SplitEmbeddings {
  embedder: TextEmbedder;
}

/** How the encoder runs (use-lite only). */
export interface EncoderRunOptions extends UseEmbedOptions {
  /**
   * Every usable row, in data.csv order (default: train and test in that
   * order). The encoder embeds them once in fixed batches, so a message's
   * vector does not depend on the split.
   */
  allRows?: readonly MessageRecord[];
}

/**
 * Embed a split. The encoder (default) is pretrained: it embeds all usable
 * rows once and the split only picks rows. LSA is fitted on the training rows
 * only and then applied to both parts, so nothing about the test texts leaks
 * into the representation. mpnet is pretrained and needs no fitting.
 */
export async function computeEmbeddings(
  split: DatasetSplit,
  method: EmbeddingMethod = DEFAULT_EMBEDDING_METHOD,
  lsaConfig: LsaConfig = DEFAULT_LSA_CONFIG,
  encoderOptions: EncoderRunOptions = {},
): Promise<ComputedEmbeddings> {
  if (method === USE_LITE_METHOD) return encodeAllRows(split, encoderOptions);
  const texts = (rows: MessageRecord[]) => rows.map((r) => r.message);
  const embedBoth = async (embedder: TextEmbedder) => ({
    embedder,
    train: await embedder.transform(texts(split.train)),
    test: await embedder.transform(texts(split.test)),
  });
  if (method === "tfidf-lsa") {
    const lsa = LsaEmbedder.fit(texts(split.train), lsaConfig);
    const head: ManifestHead<LsaManifest> = {
      formatVersion: 1,
      method: lsa.method,
      name: describeLsa(lsaConfig),
      params: { ...lsaConfig },
      dimension: lsa.dimension,
      dtype: "float32",
      fittedOn: "train",
      extra: {
        vocabularySize: lsa.vocabularySize,
        explainedVarianceRatio: rounded(
          lsa.explainedVarianceRatio.reduce((a, b) => a + b, 0),
          6,
        ),
      },
    };
    return withFiles(head, split, await embedBoth(lsa));
  }
  const mpnet = await MpnetEmbedder.create();
  const head: ManifestHead<MpnetManifest> = {
    formatVersion: 1,
    method: mpnet.method,
    name: MPNET_NAME,
    params: { modelId: mpnet.modelId, pooling: "mean", normalize: mpnet.normalize },
    dimension: mpnet.dimension,
    dtype: "float32",
    fittedOn: "pretrained",
  };
  return withFiles(head, split, await embedBoth(mpnet));
}

function withFiles(
  head: ManifestHead,
  split: DatasetSplit,
  { embedder, train, test }: { embedder: TextEmbedder; train: Matrix<Float32Array>; test: Matrix<Float32Array> },
): ComputedEmbeddings {
  const files = {
    train: manifestEntry(NPY_FILES.train, split.train, new Uint8Array(npyBytes(train))),
    test: manifestEntry(NPY_FILES.test, split.test, new Uint8Array(npyBytes(test))),
  };
  return { embedder, train, test, manifest: { ...head, files } };
}

async function encodeAllRows(split: DatasetSplit, options: EncoderRunOptions): Promise<ComputedEmbeddings> {
  const { allRows, ...run } = options;
  const all = allRows ?? [...split.train, ...split.test].sort((a, b) => a.row - b.row);
  const position = new Map(all.map((r, i) => [r.id, i]));
  const missing = [...split.train, ...split.test].filter((r) => position.get(r.id) === undefined);
  if (missing.length) {
    throw new InvalidInputError(
      "allRows",
      `${missing.length} split row(s) are not among the rows to embed (${missing[0].id}, …)`,
    );
  }
  const encoder = await UseLiteEncoder.load();
  // No batchSize: the encoder's default path (the bytes of batch size 1).
  const batchSize = run.batchSize ?? DEFAULT_USE_BATCH_SIZE;
  const X = await encoder.embed(
    all.map((r) => r.message),
    run,
  );
  const pick = (rows: readonly MessageRecord[]) =>
    takeRows(
      X,
      rows.map((r) => getOrThrow(position, r.id, "embedding rows")),
    );
  const head = useLiteManifestHead(encoder.info, batchSize, { backend: encoder.backend, embeddedRows: all.length });
  return withFiles(head, split, { embedder: encoder, train: pick(split.train), test: pick(split.test) });
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
 * same order, same text, right dtype and shape, finite values; for the
 * encoder, also the same model, package version and weights as installed now.
 * Anything else is a DataError saying what changed. `expect.method`, when
 * given, refuses embeddings made with another method.
 */
export function loadEmbeddings(
  split: DatasetSplit,
  manifestFile = DEFAULT_MANIFEST_FILE,
  expect: { method?: EmbeddingMethod; encoderDir?: string } = {},
): SplitEmbeddings {
  const manifest = readManifest(manifestFile);
  if (expect.method && manifest.method !== expect.method) {
    const made = `embeddings made with method "${manifest.method}", expected "${expect.method}"`;
    throw new DataError(manifestFile, `${made}: run \`npm run embed -- --method ${expect.method}\``);
  }
  if (manifest.method === USE_LITE_METHOD) {
    checkUseLiteManifest(manifestFile, manifest, readUseModel(expect.encoderDir).info);
  }
  return {
    manifest,
    train: loadEmbeddingPart(manifestFile, manifest, "train", split.train),
    test: loadEmbeddingPart(manifestFile, manifest, "test", split.test),
  };
}
