// What scoring one message with the distilled model costs: the encoder's cost from its benchmark file, the
// classifier's measured here. The economics of distilling vs calling the LLM rest on these numbers.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { PROJECT_ROOT, projectRelative } from "../paths";
import { DataError, InternalError, InvalidInputError } from "../errors";

/** Written by `npm run bench:embed`: the sentence encoder's throughput and cost per message on this machine. */
export const EMBED_BENCH_FILE = path.join(PROJECT_ROOT, "bench", "results", "embed.json");
const EMBED_BENCH_COMMAND = "npm run bench:embed";

/** One encoder setting as measured: wall and CPU milliseconds per message over all rows, and the peak memory. */
export interface EncoderRun {
  name: string;
  workers: number;
  messagesPerSecond: number;
  msPerMessage: number;
  /** CPU time of all threads divided by messages: what the encoder costs in compute, whatever else ran. */
  cpuMsPerMessage: number;
  peakRssMb: number;
}

/** The file `npm run bench:embed` writes (bench/results/embed.json). */
export interface EmbedBenchmark {
  command: string;
  measuredAt: string;
  machine: { cores: number; node: string; backend: string };
  rows: number;
  baseline: EncoderRun;
  default: EncoderRun;
  /** One text through a freshly loaded encoder: what `predict --text` waits for. */
  singleText: { msPerMessage: number; loadMs: number };
  speedup: number;
}

const positive = z.number().finite().positive();
const run = z.object({
  name: z.string().min(1),
  workers: z.number().int().positive(),
  messagesPerSecond: positive,
  msPerMessage: positive,
  cpuMsPerMessage: positive,
  peakRssMb: positive,
});
const benchSchema = z.object({
  command: z.string(),
  measuredAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "expected an ISO date"),
  machine: z.object({ cores: z.number().int().positive(), node: z.string(), backend: z.string() }),
  rows: z.number().int().positive(),
  baseline: run,
  default: run,
  singleText: z.object({ msPerMessage: positive, loadMs: z.number().finite().nonnegative() }),
  speedup: positive,
});
// The schema and the interface above describe one format: this line stops compiling if they drift apart.
const sameShape: (x: z.infer<typeof benchSchema>) => EmbedBenchmark = (x) => x;

/**
 * Read the encoder benchmark. A missing file, invalid JSON or a field of the wrong type is an error that names the
 * file, the field, and the command that writes it.
 */
export function readEmbedBenchmark(file = EMBED_BENCH_FILE): EmbedBenchmark {
  const where = projectRelative(file);
  const rerun = `run \`${EMBED_BENCH_COMMAND}\` to measure the encoder and write it`;
  if (!fs.existsSync(file)) throw new DataError(where, `not found; ${rerun}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new DataError(where, `not valid JSON (${(e as Error).message}); ${rerun}`);
  }
  const parsed = benchSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "(the whole file)";
    throw new DataError(where, `field ${field}: ${issue.message}; ${rerun}`, { field });
  }
  return sameShape(parsed.data);
}

/** A fitted model that scores rows of its input type (the experiment's final models are). */
export interface Scorer<X> {
  predictProba(x: X): Float64Array | Promise<Float64Array>;
}

/** The classifier's measured cost per message (wall and CPU), median over timed repeats. */
export interface ScoringCost {
  rows: number;
  repeats: number;
  /** Median over the timed repeats of wall and CPU milliseconds per message (one warm-up call not timed). */
  msPerMessage: number;
  cpuMsPerMessage: number;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Time a fitted model scoring `rows` (of which there are `count`): one untimed warm-up call, then `repeats` timed
 * calls. CPU time is the process's (every thread), so it is the compute the scoring costs even on a shared machine.
 */
export async function measureScoringCost<X>(
  model: Scorer<X>,
  rows: X,
  count: number,
  repeats = 3,
): Promise<ScoringCost> {
  if (!(count > 0)) throw new InvalidInputError("rows", `measureScoringCost needs at least one row (got ${count})`);
  if (!(Number.isInteger(repeats) && repeats >= 1))
    throw new InvalidInputError("repeats", `repeats must be an integer ≥ 1, got ${repeats}`);
  await model.predictProba(rows);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const scores = await model.predictProba(rows);
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    if (scores.length !== count) throw new InternalError(`the model scored ${scores.length} rows, expected ${count}`);
    wall.push(elapsed / count);
    cpu.push((c.user + c.system) / 1000 / count);
  }
  return { rows: count, repeats, msPerMessage: median(wall), cpuMsPerMessage: median(cpu) };
}
