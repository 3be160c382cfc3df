import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { MessageRecord } from "../data/dataset";
import { DataError, listSome } from "../data/errors";
import { z } from "zod";
import { ModelFileError } from "../errors";
import type { Matrix } from "../linalg/matrix";
import { readSavedJson } from "../util/savedJson";
import { boolean, exactly, integer, number, oneOf, record, text } from "../util/schema";
import { lsaConfigSchema } from "./lsa";
import { readNpyMatrix } from "./npy";

/** Which committed vector file: the training or the test split's. */
export type EmbeddingPart = "train" | "test";
/** Both parts, in file order. */
export const EMBEDDING_PARTS: readonly EmbeddingPart[] = ["train", "test"];

const sha256Hex = () =>
  z.string({ message: "must be a SHA-256 in hex" }).regex(/^[0-9a-f]{64}$/, { message: "must be a SHA-256 in hex" });

/** One part's .npy file and the rows it holds, in order (declared; the type is inferred). */
export const embeddingFileEntrySchema = record({
  /** The .npy file, relative to the manifest's folder. */
  file: z.string().regex(/^[\w.-]+\.npy$/, { message: "must be a .npy file name beside the manifest" }),
  rows: integer(0),
  /** Ids in row order: row i of the .npy is the message with ids[i]. */
  ids: z.array(z.string(), { message: "must be a list of ids" }),
  /** Short hash of each row's text (decoded message), to name rows whose text changed. */
  textHashes: z.array(z.string(), { message: "must be a list of hashes" }),
  /** SHA-256 of all ids and texts in order. */
  textSha256: sha256Hex(),
  /** SHA-256 of the .npy file's bytes. */
  npySha256: sha256Hex(),
}).superRefine((e, ctx) => {
  for (const field of ["ids", "textHashes"] as const)
    if (e[field].length !== e.rows)
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `must hold one entry per row (${e.rows}), holds ${e[field].length}`,
      });
});
export type EmbeddingFileEntry = z.infer<typeof embeddingFileEntrySchema>;

/** How the encoder's embeddings were made: enough to refuse them once another model or version is installed. */
export const useLiteParamsSchema = record({
  model: text(),
  package: text(),
  packageVersion: text(),
  weightsSha256: sha256Hex(),
  vocabSha256: sha256Hex(),
  tokenizer: text(),
  tokenizerVersion: text(),
  batchSize: integer(1),
  batches: text(),
});
export type UseLiteParams = z.infer<typeof useLiteParamsSchema>;

/** The assignment's encoder, downloaded by model id. */
export const mpnetParamsSchema = record({ modelId: text(), pooling: exactly("mean"), normalize: boolean() });
export type MpnetParams = z.infer<typeof mpnetParamsSchema>;

const encoderShapes = {
  "use-lite": { method: exactly("use-lite"), name: text(), params: useLiteParamsSchema },
  "tfidf-lsa": { method: exactly("tfidf-lsa"), name: text(), params: lsaConfigSchema },
  mpnet: { method: exactly("mpnet"), name: text(), params: mpnetParamsSchema },
};
const METHOD_PROBLEM = { message: 'must name its method: { method: "use-lite" | "tfidf-lsa" | "mpnet", … }' };

/** Which encoder made the vectors, and with what settings: the manifest records it, and so does a saved pipeline. */
export const encoderRecordSchema = z.discriminatedUnion(
  "method",
  [record(encoderShapes["use-lite"]), record(encoderShapes["tfidf-lsa"]), record(encoderShapes.mpnet)],
  METHOD_PROBLEM,
);
export type EncoderRecord = z.infer<typeof encoderRecordSchema>;

/** An encoder the project can embed with: USE-lite (default here), TF-IDF + LSA, or mpnet (where it installs). */
export type EmbeddingMethod = EncoderRecord["method"];
/** Every EmbeddingMethod. */
export const EMBEDDING_METHODS: readonly EmbeddingMethod[] = ["use-lite", "tfidf-lsa", "mpnet"];

const manifestFields = {
  formatVersion: exactly(1),
  dimension: integer(1),
  dtype: exactly("float32"),
  fittedOn: oneOf(["train", "pretrained"]),
  files: record({ train: embeddingFileEntrySchema, test: embeddingFileEntrySchema }),
};

/** The encoder, pretrained: where it ran, and how many rows it embedded (all usable rows, split afterwards). */
const useLiteManifestSchema = record({
  ...encoderShapes["use-lite"],
  ...manifestFields,
  extra: record({ backend: text(), embeddedRows: integer(0) }),
});
/** TF-IDF + truncated SVD, fitted on the training split: its vocabulary and the variance its components keep. */
const lsaManifestSchema = record({
  ...encoderShapes["tfidf-lsa"],
  ...manifestFields,
  extra: record({ vocabularySize: integer(0), explainedVarianceRatio: number({ gte: 0, lte: 1 }) }),
});
const mpnetManifestSchema = record({ ...encoderShapes.mpnet, ...manifestFields, extra: z.undefined().optional() });

/** What an embeddings folder holds and how it was made (data/embeddings.json), declared: checked by readManifest. */
export const embeddingManifestSchema = z.discriminatedUnion(
  "method",
  [useLiteManifestSchema, lsaManifestSchema, mpnetManifestSchema],
  METHOD_PROBLEM,
);
export type UseLiteManifest = z.infer<typeof useLiteManifestSchema>;
export type LsaManifest = z.infer<typeof lsaManifestSchema>;
export type MpnetManifest = z.infer<typeof mpnetManifestSchema>;
/** data/embeddings.json: which encoder made the vectors, its settings, and each file's hash (declared, checked on read). */
export type EmbeddingManifest = z.infer<typeof embeddingManifestSchema>;

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

/** Read data/embeddings.json (or another manifest) and check it against its declared format. */
export function readManifest(manifestFile: string): EmbeddingManifest {
  return readSavedJson(
    embeddingManifestSchema,
    manifestFile,
    "embeddings manifest not found (create it with `npm run embed`)",
  );
}
