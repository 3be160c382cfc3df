// Scoring at scale: peak memory and throughput of `predict --input` on 1,000 and 20,000 messages sampled (with a
// seed, with replacement) from data.csv, each size in its own process, sizes interleaved when repeated.
// Peak RSS and CPU come from /usr/bin/time when it is installed, else from predict's own summary line.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs, runCli, UsageError } from "../cli/cli";
import { toCsv } from "../lib/data/csv";
import { loadDataset } from "../lib/data/dataset";
import { DEFAULT_DATA_FILE, PROJECT_ROOT, RUNS_DIR } from "../lib/paths";
import { duration } from "../lib/present/scoring";
import { textTable } from "../lib/present/summary";
import { latestCompleteRun } from "../lib/runs/store";
import { makeRng, randInt } from "../lib/util/random";

const USAGE =
  "usage: npm run bench:predict -- [--sizes 1000,20000] [--repeats 1] [--seed 42] [--workers N] [--run ID] [--runs-dir runs] [--distinct]";

interface Measure {
  rows: number;
  wallSeconds: number;
  cpuSeconds: number | null;
  peakRssMb: number;
  /** predict's own rate over the scoring itself (after loading the run and the encoder). */
  scoringRate: number;
}

/**
 * n messages drawn with replacement from data.csv's usable rows, ids s1..sn. `distinct` appends " (s<i>)" to each,
 * so no two texts are equal, as in a real export (per-text caches then cannot flatter the memory figure).
 */
function sampleInput(file: string, n: number, seed: number, distinct: boolean): void {
  const usable = loadDataset(DEFAULT_DATA_FILE).usable;
  const rng = makeRng(seed);
  const rows = Array.from({ length: n }, (_, i) => {
    const text = usable[randInt(rng, usable.length)].rawMessage;
    return [`s${i + 1}`, distinct ? `${text} (s${i + 1})` : text];
  });
  fs.writeFileSync(file, toCsv(["id", "message"], rows));
}

function measure(input: string, output: string, rows: number, extra: string[]): Measure {
  const predict = [process.execPath, "--import", "tsx", path.join(PROJECT_ROOT, "cli", "predict.ts")];
  const args = [...predict, "--input", input, "--output", output, ...extra];
  const timed = fs.existsSync("/usr/bin/time");
  const started = process.hrtime.bigint();
  const r = timed
    ? spawnSync("/usr/bin/time", ["-f", "TIME %M %U %S", ...args], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        env: { ...process.env, CI: "true" },
      })
    : spawnSync(args[0], args.slice(1), { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, CI: "true" } });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`predict failed on ${rows} rows:\n${r.stderr}`);
  const time = /TIME (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const own = /predict: [\d,]+ rows in .*\(([\d.]+) rows\/s\); peak RSS (\d+) MB/.exec(r.stderr);
  if (!own) throw new Error(`no summary line from predict:\n${r.stderr}`);
  return {
    rows,
    wallSeconds,
    cpuSeconds: time ? Number(time[2]) + Number(time[3]) : null,
    peakRssMb: time ? Number(time[1]) / 1024 : Number(own[2]),
    scoringRate: Number(own[1]),
  };
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(
    process.argv.slice(2),
    ["sizes", "repeats", "seed", "workers", "run", "runs-dir", "distinct", "help"],
    ["distinct", "help"],
  );
  if (flags.help) return void console.log(USAGE);
  const sizes = (typeof flags.sizes === "string" ? flags.sizes : "1000,20000").split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(`--sizes takes positive integers, got ${flags.sizes}`);
  const repeats = Number(flags.repeats ?? 1);
  const seed = Number(flags.seed ?? 42);
  const runsDir = typeof flags["runs-dir"] === "string" ? flags["runs-dir"] : RUNS_DIR;
  const run = typeof flags.run === "string" ? flags.run : latestCompleteRun(runsDir, "logreg")?.id;
  if (!run) throw new UsageError("no complete run trained logreg: run `npm start` first, or pass --run");
  const extra = ["--run", run, "--runs-dir", runsDir];
  if (typeof flags.workers === "string") extra.push("--workers", flags.workers);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-predict-"));
  try {
    const inputs = sizes.map((n) => {
      const file = path.join(dir, `sample-${n}.csv`);
      sampleInput(file, n, seed, Boolean(flags.distinct));
      return { n, file };
    });
    console.log(
      `predict --input, model logreg of run ${run}; ${os.availableParallelism()} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    const measures: Measure[] = [];
    for (let k = 0; k < repeats; k++)
      for (const { n, file } of inputs) {
        const m = measure(file, path.join(dir, `out-${n}.csv`), n, extra);
        measures.push(m);
        console.log(`  ${n} rows: ${m.wallSeconds.toFixed(1)} s wall, peak RSS ${m.peakRssMb.toFixed(0)} MB`);
      }
    console.log(
      "\n" +
        textTable(
          measures.map((m) => ({
            messages: m.rows,
            "wall s": m.wallSeconds.toFixed(1),
            "CPU s": m.cpuSeconds === null ? "n/a" : m.cpuSeconds.toFixed(1),
            "peak RSS MB": m.peakRssMb.toFixed(0),
            "messages/s (whole process)": (m.rows / m.wallSeconds).toFixed(1),
            "messages/s (scoring)": m.scoringRate.toFixed(1),
          })),
        ),
    );
    const peak = (n: number) => Math.max(...measures.filter((m) => m.rows === n).map((m) => m.peakRssMb));
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    const growth = peak(large) - peak(small);
    console.log(
      `\nPeak RSS ${large} − ${small} messages: ${growth.toFixed(0)} MB (target: within 150 MB) ${Math.abs(growth) <= 150 ? "✓" : "✗"}`,
    );
    const largest = measures.filter((m) => m.rows === large);
    const rate = largest.reduce((a, m) => a + m.scoringRate, 0) / largest.length;
    const cpu = largest.every((m) => m.cpuSeconds !== null)
      ? `; ${((1000 * largest.reduce((a, m) => a + (m.cpuSeconds ?? 0), 0)) / (large * largest.length)).toFixed(1)} ms of CPU per message`
      : "";
    console.log(
      `At ${rate.toFixed(1)} messages/s: 100,000 messages in ${duration(1e5 / rate)}, 1,000,000 in ${duration(1e6 / rate)}${cpu}.`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
