/**
 * Running pitfall refits on the worker pool (cached where the context has a cache), and assembling what the clean
 * pipeline assembles from fold models: out-of-fold scores and the fold ensemble's averaged scores.
 */
import * as path from "node:path";
import { runPool, startWorkers } from "../parallel/pool";
import type { Fold } from "../split/split";
import { cached } from "./cache";
import { configOf, PitfallContext } from "./context";
import type { FoldScores, LogregTaskOptions, PitfallTask } from "./tasks";
import { InternalError } from "../errors";

const TASKS = path.join(__dirname, "tasks");

/** Run tasks on the pool; tasks computed in plain JavaScript are read from and written to the context's cache. */
export async function runRefits(ctx: PitfallContext, tasks: readonly PitfallTask[]): Promise<FoldScores[]> {
  const pool = (ts: readonly PitfallTask[]) => runPool<PitfallTask, FoldScores>(TASKS, ts, { workers: ctx.workers });
  // TF.js fits are left out of the cache: their bits depend on the backend.
  const cacheable = tasks.map((t) => t.kind !== "mlp-stopping");
  const [plain, tf] = [tasks.filter((_, i) => cacheable[i]), tasks.filter((_, i) => !cacheable[i])];
  const [plainResults, tfResults] = await Promise.all([cached(ctx.cache ?? null, plain, pool), pool(tf)]);
  let [p, q] = [0, 0];
  return tasks.map((_, i) => (cacheable[i] ? plainResults[p++] : tfResults[q++]));
}

/** Start the pool's workers and load the refit tasks' module in them, so later refits are queued at once. */
export async function startRefitWorkers(ctx: PitfallContext): Promise<void> {
  await startWorkers(TASKS, { workers: ctx.workers });
}

/**
 * The fold models' scores of the extra rows, averaged in fold order: what FoldEnsemble.predictProba computes.
 * `which`: the position on the C path (default: the last C fitted).
 */
export function ensembleOf(results: readonly FoldScores[], which = lastOf(results)): Float64Array {
  if (!results.length) throw new InternalError("an ensemble needs at least one fold's scores");
  const sum = new Float64Array(results[0].extra[which].length);
  for (const r of results) r.extra[which].forEach((p, i) => (sum[i] += p));
  return sum.map((s) => s / results.length);
}

/** The last position on the C path the tasks fitted (the C they were asked for). */
const lastOf = (results: readonly FoldScores[]) => Math.max(results[0]?.extra.length ?? 0, 1) - 1;

/** One score per row from each fold's validation scores; every row must be in exactly one validation fold. */
export function outOfFoldOf(
  rows: number,
  folds: readonly Fold[],
  results: readonly FoldScores[],
  which = Math.max(results[0]?.validation.length ?? 0, 1) - 1,
): Float64Array {
  const oof = new Float64Array(rows).fill(NaN);
  folds.forEach((f, k) => f.validation.forEach((i, r) => (oof[i] = results[k].validation[which][r])));
  const missing = oof.findIndex((v) => Number.isNaN(v));
  if (missing >= 0)
    throw new InternalError(`folds do not cover row ${missing}: every row must be in one validation fold`);
  return oof;
}

/** The clean logistic regression's fitting settings, for a task: its C path, fitted up to `upTo`. */
export function logregTaskOptions(ctx: PitfallContext, upTo: number): LogregTaskOptions {
  const config = configOf(ctx);
  return { upTo, Cs: config.logreg.Cs, classWeight: config.logreg.classWeight, standardize: config.logreg.standardize };
}
