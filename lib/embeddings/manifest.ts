import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { MessageRecord } from "../data/dataset";
import { DataError, listSome } from "../data/errors";
import type { Matrix } from "../linalg/matrix";
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

/** What an embeddings folder holds and how it was made. */
export interface EmbeddingManifest {
  formatVersion: 1;
  /** "tfidf-lsa" (offline default) or "mpnet" (the assignment's model). */
  method: string;
  /** The method by its real name. */
  name: string;
  params: Record<string, unknown>;
  dimension: number;
  dtype: "float32";
  fittedOn: "train" | "pretrained";
  files: Record<EmbeddingPart, EmbeddingFileEntry>;
  extra?: Record<string, unknown>;
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
  if (!entry) throw new DataError(manifestFile, `no "${part}" entry in files`);
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
    throw new DataError(manifestFile, "embeddings manifest not found (create it with `npm run embed`)");
  let m: EmbeddingManifest;
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch (err) {
    throw new DataError(manifestFile, `not valid JSON: ${(err as Error).message}`);
  }
  if (m.formatVersion !== 1)
    throw new DataError(manifestFile, `unknown formatVersion ${JSON.stringify(m.formatVersion)} (expected 1)`);
  if (m.dtype !== "float32")
    throw new DataError(manifestFile, `dtype must be "float32", got ${JSON.stringify(m.dtype)}`);
  if (!Number.isInteger(m.dimension) || m.dimension <= 0)
    throw new DataError(manifestFile, `dimension must be a positive integer, got ${JSON.stringify(m.dimension)}`);
  return m;
}
