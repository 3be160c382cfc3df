// A file store of runs, one folder each (like MLflow's file store, without a server): a new run never touches an
// older one, and a run killed at any moment is either complete or visibly incomplete.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { toCsv } from "../data/csv";
import { DataError } from "../data/errors";
import type { EncoderRecord } from "../embeddings/manifest";
import { DEFAULT_MANIFEST_FILE } from "../embeddings/store";
import type { ExperimentConfig, ModelName } from "../experiment/config";
import type { ExperimentData } from "../experiment/data";
import { loadPipeline, LoadedPipeline, savePipeline } from "../experiment/pipeline";
import type { ExperimentResult } from "../experiment/run";
import { describeFeatures } from "../features/spec";
import { DEFAULT_SPLIT_FILE, projectRelative, RUNS_DIR } from "../paths";
import { writeReports } from "../report/outputs";
import {
  fsyncDir,
  fsyncTree,
  isTempName,
  pausePoint,
  sha256File,
  sha256Text,
  tempPathFor,
  writeFileAtomic,
} from "./atomic";
import { canonicalGroups, gitState, testRowsSha256 } from "./provenance";
import {
  MetricsHeadline,
  MetricsHeadlineSchema,
  readJsonFile,
  RUN_RECORD_VERSION,
  RunRecord,
  RunRecordSchema,
} from "./record";

/** What a run folder holds. */
export const RUN_FILES = {
  record: "run.json",
  config: "config.json",
  metrics: "metrics.json",
  predictions: "predictions.csv",
  report: "report.html",
  testRows: "test-rows.csv",
  pipeline: "pipeline",
} as const;

/** `runs/latest`: a link to the newest complete run, replaced atomically after each run completes. */
export const LATEST_LINK = "latest";

/** `20250114T153012Z-1a2b3c4d`, with `-2`, `-3`… when two runs of one config start in the same second. */
const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}(-\d+)?$/;

export const isRunId = (name: string): boolean => RUN_ID.test(name);

/** A run id or reference that names no run (the CLI turns it into a usage error). */
export class RunNotFoundError extends Error {}

export type RunStatus = "complete" | "running" | "incomplete" | "unreadable";

export interface RunEntry {
  id: string;
  dir: string;
  status: RunStatus;
  /** Null when run.json is missing or invalid (`problem` says why). */
  record: RunRecord | null;
  problem: string | null;
}

/** Keys sorted at every level: the same settings always hash the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function configSha256(config: ExperimentConfig): string {
  return sha256Text(canonicalJson(config));
}

const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

/** Claim a new folder: mkdir without `recursive` fails if it exists, so two processes never share one. */
function claimRunFolder(runsDir: string, base: string): { id: string; dir: string } {
  for (let k = 1; ; k++) {
    const id = k === 1 ? base : `${base}-${k}`;
    const dir = path.join(runsDir, id);
    try {
      fs.mkdirSync(dir);
      return { id, dir };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

function inputFile(file: string) {
  return { file: projectRelative(file), sha256: sha256File(file) };
}

/** test-rows.csv: the test rows in metric order, with their labels and repeat groups (for paired comparisons). */
function testRowsCsv(test: ExperimentResult["test"]): string {
  const groups = canonicalGroups(test.groups);
  return toCsv(
    ["id", "target", "group"],
    test.ids.map((id, i) => [id, test.y[i], groups[i]]),
  );
}

export interface OpenRun {
  id: string;
  dir: string;
  runsDir: string;
  record: RunRecord;
  /** performance.now() when the run started (durations do not follow the wall clock). */
  startedClock: number;
}

export interface StartRunOptions {
  runsDir?: string;
  savedBy?: RunRecord["savedBy"];
  /** The input files behind `data` (defaults: the dataset's own file, data/split.csv, data/embeddings.json). */
  splitFile?: string;
  embeddingsFile?: string;
  now?: Date;
}

/**
 * Open a new run folder for an experiment about to run: writes config.json, test-rows.csv and a run record that
 * says `complete: false`. Nothing else in the runs folder is touched.
 */
export function startRun(data: ExperimentData, config: ExperimentConfig, options: StartRunOptions = {}): OpenRun {
  const runsDir = path.resolve(options.runsDir ?? RUNS_DIR);
  const now = options.now ?? new Date();
  const configHash = configSha256(config);
  fs.mkdirSync(runsDir, { recursive: true });
  const { id, dir } = claimRunFolder(runsDir, `${utcStamp(now)}-${configHash.slice(0, 8)}`);
  const learned = config.models.filter((m): m is "logreg" | "mlp" => m === "logreg" || m === "mlp");
  const record: RunRecord = {
    formatVersion: RUN_RECORD_VERSION,
    id,
    complete: false,
    started: now.toISOString(),
    finished: null,
    savedBy: options.savedBy ?? "npm start",
    process: { pid: process.pid, host: os.hostname(), node: process.version },
    seed: config.seed,
    policy: config.policy,
    models: [...config.models],
    features: Object.fromEntries(learned.map((m) => [m, describeFeatures(config.features[m])])),
    finalModel: config.finalModel,
    configSha256: configHash,
    git: gitState(),
    inputs: {
      data: inputFile(data.dataset.file),
      split: inputFile(options.splitFile ?? DEFAULT_SPLIT_FILE),
      embeddings: {
        ...inputFile(options.embeddingsFile ?? DEFAULT_MANIFEST_FILE),
        name: data.embeddings.manifest.name,
        method: data.embeddings.manifest.method,
      },
    },
    testRows: { count: data.test.ids.length, sha256: testRowsSha256(data.test) },
    tfBackend: null,
    durations: null,
    files: null,
  };
  // The record first: from here on the folder says what it is, and that it is not complete.
  writeFileAtomic(path.join(dir, RUN_FILES.record), JSON.stringify(record, null, 2) + "\n");
  writeFileAtomic(path.join(dir, RUN_FILES.config), JSON.stringify(config, null, 2) + "\n");
  writeFileAtomic(path.join(dir, RUN_FILES.testRows), testRowsCsv(data.test));
  pausePoint("run-started");
  return { id, dir, runsDir, record, startedClock: performance.now() };
}

/** Every file under a folder (relative paths with "/"), temporary files left out. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !isTempName(e.name))
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

export interface FinishRunOptions {
  /** report.html's text. */
  html: string;
  /** Which encoder made the vectors (saved with the pipeline, checked by predict). */
  encoder: EncoderRecord;
  tfBackend?: string | null;
  /** Seconds the experiment itself took, when known. */
  experimentSeconds?: number | null;
  /** Where a warning goes (runs/latest could not be updated). */
  log?: (message: string) => void;
}

/**
 * Write a finished experiment into its run folder: metrics.json, predictions.csv, report.html, the fitted pipeline
 * (written beside and renamed into place whole), then, last, the run record with `complete: true` and every
 * file's hash; then point `runs/latest` at the newest complete run.
 */
export function finishRun(run: OpenRun, result: ExperimentResult, options: FinishRunOptions): RunRecord {
  if (configSha256(result.config) !== run.record.configSha256)
    throw new Error(`run ${run.id} was opened for another configuration than this result's`);
  const writeStart = performance.now();
  writeReports(run.dir, result, options.html);
  const pipelineDir = path.join(run.dir, RUN_FILES.pipeline);
  const tmp = tempPathFor(pipelineDir);
  savePipeline(tmp, result, options.encoder);
  fsyncTree(tmp);
  pausePoint("before-rename:pipeline");
  fs.renameSync(tmp, pipelineDir);
  fsyncDir(run.dir);

  const files = Object.fromEntries(
    filesUnder(run.dir)
      .filter((f) => f !== RUN_FILES.record)
      .map((f) => {
        const p = path.join(run.dir, f);
        return [f, { sha256: sha256File(p), bytes: fs.statSync(p).size }];
      }),
  );
  const end = performance.now();
  const record: RunRecord = {
    ...run.record,
    complete: true,
    finished: new Date().toISOString(),
    tfBackend: options.tfBackend ?? null,
    durations: {
      experiment: options.experimentSeconds ?? null,
      write: (end - writeStart) / 1000,
      total: run.record.savedBy === "npm start" ? (end - run.startedClock) / 1000 : null,
    },
    files,
  };
  pausePoint("before-complete");
  writeFileAtomic(path.join(run.dir, RUN_FILES.record), JSON.stringify(record, null, 2) + "\n");
  pausePoint("before-latest");
  const warning = updateLatest(run.runsDir);
  if (warning) options.log?.(warning);
  return record;
}

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
    if (!latest) throw new RunNotFoundError(`there is no complete run in ${projectRelative(runsDir)}/ yet`);
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
    throw new RunNotFoundError(`run "${ref}" is ambiguous: ${matches.map((r) => r.id).join(", ")}`);
  throw new RunNotFoundError(`no run "${ref}" in ${projectRelative(runsDir)}/ (${known}; see npm run runs)`);
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
