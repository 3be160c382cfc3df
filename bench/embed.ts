// Benchmark: the embed step (fit TF-IDF + LSA on train, embed train and test) on the full data.
// Run: npm run bench:embed. Reports wall time per run and the process's peak resident memory.
import { loadDataset } from "../lib/data/dataset";
import { computeEmbeddings } from "../lib/embeddings/store";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE } from "../lib/paths";
import { applySplit, readSplitFile } from "../lib/split/splitFile";

async function main() {
  const runs = Number(process.argv[2] ?? 3);
  const dataset = loadDataset(DEFAULT_DATA_FILE);
  const split = applySplit(dataset, readSplitFile(DEFAULT_SPLIT_FILE, dataset));
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    await computeEmbeddings(split, "tfidf-lsa");
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  times.sort((a, b) => a - b);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`embed (tfidf-lsa, ${split.train.length} train + ${split.test.length} test rows), ${runs} runs`);
  console.log(`  wall time: median ${times[Math.floor(runs / 2)].toFixed(2)} s, min ${times[0].toFixed(2)} s, max ${times[runs - 1].toFixed(2)} s (target < 30 s)`);
  console.log(`  peak RSS:  ${peakMb.toFixed(0)} MB`);
}
main();
