import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { DEFAULT_LSA_CONFIG } from "../lib/embeddings/lsa";
import { computeEmbeddings, DEFAULT_MANIFEST_FILE, EmbeddingMethod, writeEmbeddings } from "../lib/embeddings/store";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE, projectRelative } from "../lib/paths";
import { applySplit, readSplitFile } from "../lib/split/splitFile";
import { intFlag, parseArgs, runCli, UsageError } from "./cli";

const USAGE =
  "usage: npm run --silent embed -- [--method tfidf-lsa|mpnet] [--dim 256] [--seed 42] [--out data/embeddings.json]\n" +
  "  tfidf-lsa (default): TF-IDF + truncated SVD fitted on the training split; runs offline.\n" +
  "  mpnet: sentence-transformers/paraphrase-mpnet-base-v2 via transformers.js; needs the model download.";

runCli(USAGE, async () => {
  const { flags } = parseArgs(process.argv.slice(2), ["method", "dim", "seed", "out", "help"], ["help"]);
  if (flags.help) return void console.log(USAGE);
  const method = (flags.method ?? "tfidf-lsa") as EmbeddingMethod;
  if (method !== "tfidf-lsa" && method !== "mpnet") throw new UsageError(`--method must be tfidf-lsa or mpnet, got ${JSON.stringify(method)}`);
  const config = { ...DEFAULT_LSA_CONFIG, dimension: intFlag(flags, "dim", DEFAULT_LSA_CONFIG.dimension), seed: intFlag(flags, "seed", DEFAULT_LSA_CONFIG.seed) };
  const out = typeof flags.out === "string" ? flags.out : projectRelative(DEFAULT_MANIFEST_FILE);

  const dataset = loadDataset(projectRelative(DEFAULT_DATA_FILE));
  const split = applySplit(dataset, readSplitFile(projectRelative(DEFAULT_SPLIT_FILE), dataset));
  const started = Date.now();
  const emb = await computeEmbeddings(split, method, config);
  writeEmbeddings(emb, out);
  const dir = path.dirname(out);
  console.log(`${emb.manifest.name}`);
  console.log(`wrote ${path.join(dir, emb.manifest.files.train.file)} (${emb.train.rows}×${emb.train.cols}), ${path.join(dir, emb.manifest.files.test.file)} (${emb.test.rows}×${emb.test.cols}) and ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
