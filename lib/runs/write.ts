// Writing a run: claim a fresh folder, write every file atomically, and mark the run complete last of all.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { toCsv } from "../data/csv";
import type { EncoderRecord } from "../embeddings/manifest";
import { DEFAULT_MANIFEST_FILE } from "../embeddings/store";
import type { ExperimentConfig } from "../experiment/config";
import type { ExperimentData } from "../experiment/data";
import { savePipeline } from "../experiment/pipeline";
import type { ExperimentResult } from "../experiment/run";
import { describeFeatures } from "../features/spec";
import { DEFAULT_SPLIT_FILE, projectRelative, RUNS_DIR } from "../paths";
import { writeReports } from "./outputs";
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
import { RUN_FILES } from "./layout";
import { canonicalGroups, gitState, testRowsSha256 } from "./provenance";
import { RUN_RECORD_VERSION, RunRecord } from "./record";
import { updateLatest } from "./store";
import { InvalidInputError } from "../errors";

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
    throw new InvalidInputError("result", `run ${run.id} was opened for another configuration than this result's`);
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
