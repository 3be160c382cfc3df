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
import { UseLiteEncoder } from "../lib/embeddings/use/encoder";
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
  "    Embeds every usable message once on --workers threads (default: one per core); same bytes for any number\n" +
  "    of workers. Default: each vector as one graph call per message gives it (batch size 1), computed with\n" +
  "    messages of equal token count sharing a call of the SIMD forward pass. --batch-size N: the old path,\n" +
  "    fixed batches of N in file order, each one graph call padded to its longest message (64 made the\n" +
  "    files committed before issue 21).\n" +
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
  // Unset: the default equal-length path; any value takes the old fixed-batch graph path.
  const batchSize =
    flags["batch-size"] === undefined ? undefined : intFlag(flags, "batch-size", DEFAULT_USE_BATCH_SIZE, { min: 1 });
  const out = typeof flags.out === "string" ? flags.out : projectRelative(DEFAULT_MANIFEST_FILE);

  const dataset = loadDataset(projectRelative(DEFAULT_DATA_FILE));
  const split = applySplit(dataset, readSplitFile(projectRelative(DEFAULT_SPLIT_FILE), dataset));
  const started = Date.now();
  const bar = progressReporter();
  const batching = batchSize === undefined ? "equal-length batches" : `graph batches of ${batchSize}`;
  const message = `${dataset.usable.length} messages, ${workers} thread(s), ${batching}`;
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
  const engine = emb.embedder instanceof UseLiteEncoder && emb.embedder.engine === "kernels" ? "SIMD kernels" : "graph";
  if (backend) console.error(`encoder backend: TF.js ${backend} (${engine}); ${batching}`);
  console.log(
    `wrote ${train} (${emb.train.rows}×${emb.train.cols}), ${test} (${emb.test.rows}×${emb.test.cols}) ` +
      `and ${out} in ${seconds} s`,
  );
});
