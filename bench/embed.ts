// Benchmark: the encoder on the same messages both ways in one run, the old path (one message per graph
// call) and the default (messages of equal token count in one call of the forward pass on the SIMD
// kernels), each in a child process of its own (so one run's memory stays out of the other's peak), in
// ABBA order over --repeats; then a single text as `predict --text` embeds it. Checks that both give the
// same bytes and writes bench/results/embed.json (notebook 03 reads it).
// Run: npm run bench:embed [-- --rows N] [--workers 2] [--repeats 2] [--single 15]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { UseLiteEncoder } from "../lib/embeddings/use/encoder";
import { DEFAULT_DATA_FILE } from "../lib/paths";

type Path = "baseline" | "default";
const PATHS: Record<Path, { name: string; batchSize?: number }> = {
  baseline: { name: "one message per graph call (before)", batchSize: 1 },
  default: { name: "equal-length batches, SIMD kernels (default)" },
};

interface RunResult {
  rows: number;
  /** From loading the encoder to the last vector, worker start-up included. */
  seconds: number;
  /** CPU time of all threads over the same span. */
  cpuSeconds: number;
  /** The child process's peak resident memory (its worker threads included). */
  peakMb: number;
  sha256: string;
  backend: string;
  engine: string;
}

interface SingleResult {
  /** Encoder load and the first message, less one steady message. */
  loadMs: number;
  /** Median over the next messages, each embedded alone. */
  msPerMessage: number;
}

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const texts = (rows: number) =>
  loadDataset(DEFAULT_DATA_FILE)
    .usable.slice(0, rows)
    .map((r) => r.message);
const cpuSeconds = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};

async function runPath(p: Path, workers: number, rows: number): Promise<RunResult> {
  const input = texts(rows);
  const [t, cpu] = [process.hrtime.bigint(), cpuSeconds()];
  const encoder = await UseLiteEncoder.load();
  const X = await encoder.embed(input, { workers, batchSize: PATHS[p].batchSize });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  return {
    rows: input.length,
    seconds,
    cpuSeconds: cpuSeconds() - cpu,
    peakMb: process.resourceUsage().maxRSS / 1024,
    sha256: createHash("sha256").update(new Uint8Array(X.data.buffer)).digest("hex"),
    backend: encoder.backend,
    engine: encoder.engine,
  };
}

async function runSingle(p: Path, count: number): Promise<SingleResult> {
  const input = texts(count + 1);
  const t = performance.now();
  const encoder = await UseLiteEncoder.load();
  await encoder.embed([input[0]], { workers: 1, batchSize: PATHS[p].batchSize });
  const first = performance.now() - t;
  const each: number[] = [];
  for (const text of input.slice(1)) {
    const s = performance.now();
    await encoder.embed([text], { workers: 1, batchSize: PATHS[p].batchSize });
    each.push(performance.now() - s);
  }
  const msPerMessage = each.sort((a, b) => a - b)[Math.floor(each.length / 2)];
  return { loadMs: first - msPerMessage, msPerMessage };
}

function child<T>(args: string[]): T {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, "--child", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "");
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const rows = Number(arg("--rows") ?? Infinity);
  const workers = Number(arg("--workers") ?? 2);
  if (arg("--child")) {
    const [mode, p] = [arg("--child"), arg("--path") as Path];
    const result = mode === "single" ? await runSingle(p, Number(arg("--count"))) : await runPath(p, workers, rows);
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    process.exit(0);
  }
  const repeats = Number(arg("--repeats") ?? 1);
  const singles = Number(arg("--single") ?? 15);
  const limit = Number.isFinite(rows) ? ["--rows", String(rows)] : [];
  const loadBefore = os.loadavg()[0];
  const runs: Record<Path, RunResult[]> = { baseline: [], default: [] };
  for (let r = 0; r < repeats; r++) {
    const order: Path[] = r % 2 ? ["default", "baseline"] : ["baseline", "default"];
    for (const p of order) {
      runs[p].push(child<RunResult>(["run", "--path", p, "--workers", String(workers), ...limit]));
      const last = runs[p][runs[p].length - 1];
      console.error(`  ${p}: ${last.seconds.toFixed(1)} s wall, ${last.cpuSeconds.toFixed(1)} s cpu`);
    }
  }
  const single: Record<Path, SingleResult> = {
    baseline: child<SingleResult>(["single", "--path", "baseline", "--count", String(singles)]),
    default: child<SingleResult>(["single", "--path", "default", "--count", String(singles)]),
  };
  const n = runs.default[0].rows;
  const summary = (p: Path) => {
    const rs = runs[p];
    const seconds = mean(rs.map((r) => r.seconds));
    return {
      name: PATHS[p].name,
      workers,
      messagesPerSecond: n / seconds,
      msPerMessage: (1000 * seconds) / n,
      cpuMsPerMessage: (1000 * mean(rs.map((r) => r.cpuSeconds))) / n,
      peakRssMb: Math.max(...rs.map((r) => r.peakMb)),
    };
  };
  const [baseline, fast] = [summary("baseline"), summary("default")];
  const result = {
    command: "npm run bench:embed",
    measuredAt: new Date().toISOString(),
    machine: { cores: os.availableParallelism(), node: process.version, backend: runs.default[0].backend },
    rows: n,
    baseline,
    default: fast,
    singleText: { msPerMessage: single.default.msPerMessage, loadMs: single.default.loadMs },
    speedup: fast.messagesPerSecond / baseline.messagesPerSecond,
  };
  const file = path.join(__dirname, "results", "embed.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");

  const load = `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`;
  console.log(
    `embed: USE-lite on ${n} usable messages, ${workers} worker(s), ${repeats} run(s) each ` +
      `(${os.availableParallelism()} cores, TF.js ${result.machine.backend}, ${load})`,
  );
  for (const [p, s] of [
    ["baseline", baseline],
    ["default", fast],
  ] as const) {
    const one = single[p];
    console.log(
      `  ${s.name}: ${s.messagesPerSecond.toFixed(1)} messages/s (${s.msPerMessage.toFixed(2)} ms each), ` +
        `${s.cpuMsPerMessage.toFixed(2)} ms cpu/message, peak RSS ${s.peakRssMb.toFixed(0)} MB; ` +
        `one text alone ${one.msPerMessage.toFixed(1)} ms after ${(one.loadMs / 1000).toFixed(2)} s of load`,
    );
  }
  console.log(`  speedup ${result.speedup.toFixed(2)}× in messages per second (goal ≥ 3×)`);
  const hashes = new Set([...runs.baseline, ...runs.default].map((r) => r.sha256));
  const hash = runs.default[0].sha256.slice(0, 12);
  console.log(`  same bytes both ways and in every run: ${hashes.size === 1 ? "yes" : "NO"} (sha256 ${hash}…)`);
  console.log(`  wrote ${path.relative(process.cwd(), file)}`);
  if (hashes.size !== 1) process.exitCode = 1;
}
main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
