// A file store of runs, one folder each (like MLflow's file store, without a server): reading, finding, listing and
// cleaning runs. A run is complete exactly when its run.json says so; anything else is listed as not complete.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DataError, RunNotFoundError } from "../errors";
import type { ModelName } from "../experiment/config";
import { loadPipeline, LoadedPipeline } from "../experiment/pipeline";
import { projectRelative, RUNS_DIR } from "../paths";
import { sha256File, tempPathFor } from "./atomic";
import { isRunId, LATEST_LINK, RUN_FILES, RunEntry, RunStatus } from "./layout";
import { MetricsHeadline, MetricsHeadlineSchema, readJsonFile, RunRecord, RunRecordSchema } from "./record";

/** Whether the process that wrote a record is still alive (only knowable on the same machine). */
function stillRunning(record: RunRecord): boolean {
  if (record.process.host !== os.hostname()) return false;
  try {
    process.kill(record.process.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One run folder read and classified (never throws: an unreadable run says why in `problem`). */
export function readRun(dir: string): RunEntry {
  const id = path.basename(dir);
  // Stopped between claiming its folder and writing its first record (a moment): plainly incomplete.
  if (!fs.existsSync(path.join(dir, RUN_FILES.record)))
    return { id, dir, status: "incomplete", record: null, problem: "no run record: the run stopped as it started" };
  try {
    const record = readJsonFile(path.join(dir, RUN_FILES.record), RunRecordSchema, "run record");
    const status: RunStatus = record.complete ? "complete" : stillRunning(record) ? "running" : "incomplete";
    return { id, dir, status, record, problem: null };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    return { id, dir, status: "unreadable", record: null, problem: err.message };
  }
}

/** Every run folder, oldest first (ids start with the UTC start time). */
export function listRuns(runsDir: string = RUNS_DIR): RunEntry[] {
  if (!fs.existsSync(runsDir)) return [];
  return fs
    .readdirSync(runsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isRunId(e.name))
    .map((e) => e.name)
    .sort()
    .map((id) => readRun(path.join(runsDir, id)));
}

/** A complete run's headline metrics (what `npm run runs` lists); null for a run that is not complete. */
export function readRunMetrics(run: RunEntry): MetricsHeadline | null {
  if (run.status !== "complete") return null;
  return readJsonFile(path.join(run.dir, RUN_FILES.metrics), MetricsHeadlineSchema, "metrics.json");
}

/** Complete runs, the most recently finished last. */
function completeRuns(runsDir: string): Array<RunEntry & { record: RunRecord }> {
  const done = listRuns(runsDir).filter((r): r is RunEntry & { record: RunRecord } => r.status === "complete");
  const key = (r: RunEntry & { record: RunRecord }) => `${r.record.finished} ${r.id}`;
  return done.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The most recently finished complete run (that trained `model`, when given), or null. */
export function latestCompleteRun(runsDir: string = RUNS_DIR, model?: ModelName): RunEntry | null {
  const runs = completeRuns(runsDir).filter((r) => !model || r.record.models.includes(model));
  return runs.at(-1) ?? null;
}

/**
 * Point `runs/latest` at the newest complete run (a symlink swapped in by rename: never missing or half-made).
 * Returns a warning instead of failing: the runs themselves are complete either way.
 */
export function updateLatest(runsDir: string = RUNS_DIR): string | null {
  const latest = latestCompleteRun(runsDir);
  if (!latest) return null;
  const link = path.join(runsDir, LATEST_LINK);
  const tmp = tempPathFor(link);
  try {
    fs.symlinkSync(latest.id, tmp, "junction");
    fs.renameSync(tmp, link);
    return null;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    return `could not point ${projectRelative(link)} at run ${latest.id} (${(err as Error).message})`;
  }
}

/**
 * A run by reference: "latest" (newest complete run), a full id, a unique id prefix, or a path to a run folder.
 */
export function resolveRun(runsDir: string, ref: string): RunEntry {
  if (ref === LATEST_LINK) {
    const latest = latestCompleteRun(runsDir);
    if (!latest) throw new RunNotFoundError(runsDir, `there is no complete run in ${projectRelative(runsDir)}/ yet`);
    return latest;
  }
  if (!isRunId(ref) && fs.existsSync(path.join(ref, RUN_FILES.record))) return readRun(path.resolve(ref));
  const runs = listRuns(runsDir);
  const exact = runs.find((r) => r.id === ref);
  if (exact) return exact;
  const matches = runs.filter((r) => r.id.startsWith(ref));
  if (matches.length === 1) return matches[0];
  const known = runs.length
    ? `runs: ${runs
        .slice(-5)
        .map((r) => r.id)
        .join(", ")}${runs.length > 5 ? " …" : ""}`
    : "there are no runs yet";
  if (matches.length > 1)
    throw new RunNotFoundError(runsDir, `run "${ref}" is ambiguous: ${matches.map((r) => r.id).join(", ")}`);
  throw new RunNotFoundError(runsDir, `no run "${ref}" in ${projectRelative(runsDir)}/ (${known}; see npm run runs)`);
}

/** A complete run, or a DataError saying why it can't be used. */
export function requireComplete(run: RunEntry): RunEntry & { record: RunRecord } {
  if (run.record && run.status === "complete") return { ...run, record: run.record };
  const why =
    run.status === "running"
      ? `is still running (process ${run.record?.process.pid})`
      : run.status === "incomplete"
        ? "is incomplete (it was interrupted before it finished; its files may be partial)"
        : `has no readable run record (${run.problem})`;
  throw new DataError(run.dir, `run ${run.id} ${why}: choose a complete run (npm run runs)`);
}

/** Check files of a complete run against the hashes its record holds (edited or truncated files are refused). */
export function verifyRunFiles(run: RunEntry & { record: RunRecord }, names: readonly string[]): void {
  const files = run.record.files ?? {};
  for (const name of names) {
    const want = files[name];
    const file = path.join(run.dir, name);
    if (!want) throw new DataError(file, `run ${run.id} did not write this file`);
    if (!fs.existsSync(file)) throw new DataError(file, `missing: run ${run.id} wrote it, but it has been removed`);
    if (sha256File(file) !== want.sha256)
      throw new DataError(file, `changed since run ${run.id} wrote it (its hash differs from run.json's)`);
  }
}

/** The pipeline a complete run saved, its files checked against the run record first. */
export async function loadRunPipeline(run: RunEntry): Promise<LoadedPipeline> {
  const done = requireComplete(run);
  const prefix = `${RUN_FILES.pipeline}/`;
  verifyRunFiles(
    done,
    Object.keys(done.record.files ?? {}).filter((f) => f.startsWith(prefix)),
  );
  return loadPipeline(path.join(run.dir, RUN_FILES.pipeline));
}

/** What `runs clean` would remove and keep. */
export interface CleanPlan {
  remove: RunEntry[];
  keep: RunEntry[];
}

/**
 * Which runs `clean --keep N` removes: all but the N most recently finished complete runs, and every run that
 * is incomplete or unreadable and not still running. A running run is never removed.
 */
export function planClean(runsDir: string, keep: number): CleanPlan {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be an integer ≥ 1, got ${keep}`);
  const newest = new Set(
    completeRuns(runsDir)
      .slice(-keep)
      .map((r) => r.id),
  );
  const all = listRuns(runsDir);
  const kept = (r: RunEntry) => newest.has(r.id) || r.status === "running";
  return { remove: all.filter((r) => !kept(r)), keep: all.filter(kept) };
}

/** Remove runs' folders; returns updateLatest's warning, if any. */
export function removeRuns(runsDir: string, runs: readonly RunEntry[]): string | null {
  for (const r of runs) fs.rmSync(r.dir, { recursive: true, force: true });
  return updateLatest(runsDir);
}
