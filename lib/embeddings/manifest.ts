import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { MessageRecord } from "../data/dataset";
import { DataError, listSome } from "../data/errors";
import { ModelFileError } from "../errors";
import type { Matrix } from "../linalg/matrix";
import type { LsaConfig } from "./lsa";
import { readNpyMatrix } from "./npy";

export type EmbeddingPart = "train" | "test";
export const EMBEDDING_PARTS: readonly EmbeddingPart[] = ["train", "test"];

export interface EmbeddingFileEntry {
  /** The .npy file, relative to the manifest's folder. */
  file: string;
  rows: number;
  /** Ids in row order: row i of the .npy is the message with ids[i]. */
  ids: string[];
  /** Short hash of each row's text (decoded message), to name rows whose text changed. */
  textHashes: string[];
  /** SHA-256 of all ids and texts in order. */
  textSha256: string;
  /** SHA-256 of the .npy file's bytes. */
  npySha256: string;
}

/** How the encoder's embeddings were made: enough to refuse them once another model or version is installed. */
export interface UseLiteParams {
  model: string;
  package: string;
  packageVersion: string;
  weightsSha256: string;
  vocabSha256: string;
  tokenizer: string;
  tokenizerVersion: string;
  batchSize: number;
  batches: string;
}

/** The assignment's encoder, downloaded by model id. */
export interface MpnetParams {
  modelId: string;
  pooling: "mean";
  normalize: boolean;
}

/** Which encoder made the vectors, and with what settings: the manifest records it, and so does a saved pipeline. */
export type EncoderRecord =
  | { method: "use-lite"; name: string; params: UseLiteParams }
  | { method: "tfidf-lsa"; name: string; params: LsaConfig }
  | { method: "mpnet"; name: string; params: MpnetParams };

export type EmbeddingMethod = EncoderRecord["method"];
export const EMBEDDING_METHODS: readonly EmbeddingMethod[] = ["use-lite", "tfidf-lsa", "mpnet"];

interface ManifestFields {
  formatVersion: 1;
  dimension: number;
  dtype: "float32";
  fittedOn: "train" | "pretrained";
  files: Record<EmbeddingPart, EmbeddingFileEntry>;
}

type RecordOf<M extends EmbeddingMethod> = Extract<EncoderRecord, { method: M }>;

/** The encoder, pretrained: where it ran, and how many rows it embedded (all usable rows, split afterwards). */
export type UseLiteManifest = RecordOf<"use-lite"> &
  ManifestFields & { extra: { backend: string; embeddedRows: number } };
/** TF-IDF + truncated SVD, fitted on the training split: its vocabulary and the variance its components keep. */
export type LsaManifest = RecordOf<"tfidf-lsa"> &
  ManifestFields & { extra: { vocabularySize: number; explainedVarianceRatio: number } };
export type MpnetManifest = RecordOf<"mpnet"> & ManifestFields & { extra?: undefined };

/** What an embeddings folder holds and how it was made (data/embeddings.json). */
export type EmbeddingManifest = UseLiteManifest | LsaManifest | MpnetManifest;
/** A manifest before its files are written, for each method. */
export type ManifestHead<M extends EmbeddingManifest = EmbeddingManifest> = M extends EmbeddingManifest
  ? Omit<M, "files">
  : never;

/** The manifest's encoder record, as a saved pipeline keeps it. */
export function encoderRecord(m: EmbeddingManifest): EncoderRecord {
  switch (m.method) {
    case "use-lite":
      return { method: m.method, name: m.name, params: m.params };
    case "tfidf-lsa":
      return { method: m.method, name: m.name, params: m.params };
    case "mpnet":
      return { method: m.method, name: m.name, params: m.params };
  }
}

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const textHash = (r: MessageRecord) => sha256(r.message).slice(0, 12);
const textsSha = (rows: readonly MessageRecord[]) => sha256(rows.map((r) => `${r.id}\t${r.message}`).join("\n"));

export function manifestEntry(file: string, rows: readonly MessageRecord[], npy: Uint8Array): EmbeddingFileEntry {
  return {
    file,
    rows: rows.length,
    ids: rows.map((r) => r.id),
    textHashes: rows.map(textHash),
    textSha256: textsSha(rows),
    npySha256: sha256(npy),
  };
}

/**
 * Check one part's manifest entry against the rows it must line up with and
 * say exactly what changed: rows (ids added or removed), order, or text.
 */
export function checkAlignment(
  manifestFile: string,
  part: EmbeddingPart,
  entry: EmbeddingFileEntry,
  rows: readonly MessageRecord[],
): void {
  const fix = "The data or split changed since the embeddings were made: run `npm run embed` to regenerate them.";
  const now = rows.map((r) => r.id);
  const then = new Set(entry.ids);
  const nowSet = new Set(now);
  const added = now.filter((id) => !then.has(id));
  const removed = entry.ids.filter((id) => !nowSet.has(id));
  if (added.length || removed.length) {
    throw new DataError(
      manifestFile,
      `${part} embeddings are for other rows: ` +
        [
          added.length ? `${added.length} row(s) now in ${part} have no embedding (${listSome(added, 5)})` : "",
          removed.length ? `${removed.length} embedded row(s) are no longer in ${part} (${listSome(removed, 5)})` : "",
        ]
          .filter(Boolean)
          .join("; ") +
        `. ${fix}`,
    );
  }
  const firstMoved = now.findIndex((id, i) => entry.ids[i] !== id);
  if (firstMoved >= 0) {
    throw new DataError(
      manifestFile,
      `${part} embeddings are in another row order: row ${firstMoved} is ${entry.ids[firstMoved]} in the embeddings but ${now[firstMoved]} in the split. ${fix}`,
    );
  }
  const changed = rows.filter((r, i) => textHash(r) !== entry.textHashes[i]).map((r) => r.id);
  if (changed.length || textsSha(rows) !== entry.textSha256) {
    throw new DataError(
      manifestFile,
      `${part} embeddings were made from other text: the message changed for ${listSome(changed, 5)}. ${fix}`,
    );
  }
}

/** Read the manifest, check it against the rows, then read and check the .npy file it names. */
export function loadEmbeddingPart(
  manifestFile: string,
  manifest: EmbeddingManifest,
  part: EmbeddingPart,
  rows: readonly MessageRecord[],
): Matrix<Float32Array> {
  const entry = manifest.files?.[part];
  if (!entry) throw new ModelFileError(manifestFile, `files.${part}`, "is missing");
  checkAlignment(manifestFile, part, entry, rows);
  const npyFile = path.join(path.dirname(manifestFile), entry.file);
  const matrix = readNpyMatrix(npyFile, { rows: entry.rows, cols: manifest.dimension });
  if (sha256(fs.readFileSync(npyFile)) !== entry.npySha256) {
    throw new DataError(
      npyFile,
      `contents differ from what ${path.basename(manifestFile)} recorded (same shape, other values): the file was replaced or edited. Run \`npm run embed\`.`,
    );
  }
  return matrix;
}

export function readManifest(manifestFile: string): EmbeddingManifest {
  if (!fs.existsSync(manifestFile))
    throw new ModelFileError(manifestFile, null, "embeddings manifest not found (create it with `npm run embed`)");
  let m: EmbeddingManifest;
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch (err) {
    throw new ModelFileError(manifestFile, null, `not valid JSON: ${(err as Error).message}`);
  }
  if (!EMBEDDING_METHODS.includes(m.method))
    throw new ModelFileError(
      manifestFile,
      "method",
      `is unknown: ${JSON.stringify(m.method)} (known: ${EMBEDDING_METHODS.join(", ")}): run \`npm run embed\``,
    );
  if (m.formatVersion !== 1)
    throw new ModelFileError(manifestFile, "formatVersion", `must be 1, got ${JSON.stringify(m.formatVersion)}`);
  if (m.dtype !== "float32")
    throw new ModelFileError(manifestFile, "dtype", `must be "float32", got ${JSON.stringify(m.dtype)}`);
  if (!Number.isInteger(m.dimension) || m.dimension <= 0)
    throw new ModelFileError(
      manifestFile,
      "dimension",
      `must be a positive integer, got ${JSON.stringify(m.dimension)}`,
    );
  return m;
}
