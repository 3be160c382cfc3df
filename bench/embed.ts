// Benchmark: the default embed step, the USE-lite encoder on every usable message (data.csv order, fixed
// global batches), once with 1 worker and once with 2; checks both give the same bytes.
// Run: npm run bench:embed [-- --workers 1,2] [-- --rows N]. Peak RSS: the whole process, its workers included.
// A child process per setting keeps one run's memory out of the next one's peak.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as os from "node:os";
import { loadDataset } from "../lib/data/dataset";
import { DEFAULT_USE_BATCH_SIZE, UseLiteEncoder } from "../lib/embeddings/use/encoder";
import { DEFAULT_DATA_FILE } from "../lib/paths";

interface RunResult {
  workers: number;
  rows: number;
  seconds: number;
  /** CPU time of all threads: on a busy machine, wall time on an idle one is about cpu / workers. */
  cpuSeconds: number;
  peakMb: number;
  sha256: string;
}

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);

async function runOnce(workers: number, rows: number): Promise<RunResult> {
  const texts = loadDataset(DEFAULT_DATA_FILE)
    .usable.slice(0, rows)
    .map((r) => r.message);
  const t = process.hrtime.bigint();
  const encoder = await UseLiteEncoder.load();
  const X = await encoder.embed(texts, { workers });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const sha256 = createHash("sha256").update(new Uint8Array(X.data.buffer)).digest("hex");
  const use = process.resourceUsage();
  const cpuSeconds = (use.userCPUTime + use.systemCPUTime) / 1e6;
  return { workers, rows: texts.length, seconds, cpuSeconds, peakMb: use.maxRSS / 1024, sha256 };
}

async function main(): Promise<void> {
  const rows = Number(arg("--rows") ?? Infinity);
  if (arg("--child")) {
    process.stdout.write(JSON.stringify(await runOnce(Number(arg("--child")), rows)));
    return;
  }
  const settings = (arg("--workers") ?? "1,2").split(",").map(Number);
  const results: RunResult[] = settings.map((w) => {
    const limit = Number.isFinite(rows) ? ["--rows", String(rows)] : [];
    const args = [...process.execArgv, __filename, "--child", String(w), ...limit];
    return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
  });
  const load = os.loadavg()[0].toFixed(1);
  console.log(
    `embed (use-lite, ${results[0].rows} usable messages, batch ${DEFAULT_USE_BATCH_SIZE}, load included; ` +
      `${os.availableParallelism()} cores, load average now ${load})`,
  );
  for (const r of results) {
    const goal = r.workers === 2 ? " (goal < 120 s on 2 cores)" : "";
    const cpu = `${r.cpuSeconds.toFixed(0)} s cpu`;
    const rss = `peak RSS ${r.peakMb.toFixed(0)} MB`;
    console.log(`  ${r.workers} worker(s): ${r.seconds.toFixed(1)} s wall${goal}, ${cpu}, ${rss}`);
  }
  const same = results.every((r) => r.sha256 === results[0].sha256);
  const hash = results[0].sha256.slice(0, 12);
  console.log(`  same bytes with every worker count: ${same ? "yes" : "NO"} (sha256 ${hash}…)`);
  if (!same) process.exitCode = 1;
}
main();
