import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { DEFAULT_LSA_CONFIG } from "../lib/embeddings/lsa";
import {
  computeEmbeddings,
  DEFAULT_EMBEDDING_METHOD,
  DEFAULT_MANIFEST_FILE,
  writeEmbeddings,
} from "../lib/embeddings/store";
import { EMBEDDING_METHODS } from "../lib/embeddings/manifest";
import { DEFAULT_USE_BATCH_SIZE } from "../lib/embeddings/use/identity";
import { defaultWorkerCount } from "../lib/parallel/pool";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE, projectRelative } from "../lib/paths";
import { applySplit, readSplitFile } from "../lib/split/splitFile";
import { choiceFlag, intFlag, parseArgs, runCli } from "./cli";
import { progressReporter } from "./progress";

const USAGE =
  "usage: npm run --silent embed -- [--method use-lite|tfidf-lsa|mpnet] [--workers N] [--batch-size N] " +
  "[--dim 384] [--seed 42] [--out data/embeddings.json]\n" +
  "  use-lite (default): Universal Sentence Encoder lite, pretrained, from its npm package; runs offline.\n" +
  "    Embeds every usable message once, in data.csv order, in fixed batches (default " +
  `${DEFAULT_USE_BATCH_SIZE}) on --workers threads (default: one per core); same bytes for any number of workers.\n` +
  "  tfidf-lsa: TF-IDF + truncated SVD fitted on the training split (--dim, --seed).\n" +
  "  mpnet: sentence-transformers/paraphrase-mpnet-base-v2 via transformers.js; needs the model download.";

runCli(USAGE, async () => {
  const known = ["method", "workers", "batch-size", "dim", "seed", "out", "help"];
  const { flags } = parseArgs(process.argv.slice(2), known, ["help"], 0);
  if (flags.help) return void console.log(USAGE);
  const method = choiceFlag(flags, "method", EMBEDDING_METHODS) ?? DEFAULT_EMBEDDING_METHOD;
  const config = {
    ...DEFAULT_LSA_CONFIG,
    dimension: intFlag(flags, "dim", DEFAULT_LSA_CONFIG.dimension, { min: 1 }),
    seed: intFlag(flags, "seed", DEFAULT_LSA_CONFIG.seed),
  };
  const workers = intFlag(flags, "workers", defaultWorkerCount(), { min: 1 });
  const batchSize = intFlag(flags, "batch-size", DEFAULT_USE_BATCH_SIZE, { min: 1 });
  const out = typeof flags.out === "string" ? flags.out : projectRelative(DEFAULT_MANIFEST_FILE);

  const dataset = loadDataset(projectRelative(DEFAULT_DATA_FILE));
  const split = applySplit(dataset, readSplitFile(projectRelative(DEFAULT_SPLIT_FILE), dataset));
  const started = Date.now();
  const bar = progressReporter();
  const message = `${dataset.usable.length} messages, ${workers} thread(s), batches of ${batchSize}`;
  let shown = -1;
  const emb = await computeEmbeddings(split, method, config, {
    allRows: dataset.usable,
    workers,
    batchSize,
    log: bar.log,
    onProgress: (done, total) => {
      // Every 5%: a short log when the output is not a terminal.
      const step = Math.floor((20 * done) / total);
      if (step === shown) return;
      shown = step;
      bar.onProgress({ model: method, stage: "embed", message, done, total });
    },
  });
  bar.done();
  writeEmbeddings(emb, out);
  const dir = path.dirname(out);
  const [train, test] = [emb.manifest.files.train.file, emb.manifest.files.test.file].map((f) => path.join(dir, f));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const backend = emb.manifest.method === "use-lite" ? emb.manifest.extra.backend : undefined;
  console.log(emb.manifest.name + (backend ? ` (TF.js ${backend}, ${workers} thread(s))` : ""));
  console.log(
    `wrote ${train} (${emb.train.rows}×${emb.train.cols}), ${test} (${emb.test.rows}×${emb.test.cols}) ` +
      `and ${out} in ${seconds} s`,
  );
});
