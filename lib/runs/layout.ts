// The shape of the runs folder: what a run folder holds, how runs are named, and what a listed run is.
import type { RunRecord } from "./record";

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

/** Whether a folder name is a run id (20261206T212503Z-0752ae4f, with -2, -3… on a clash). */
export const isRunId = (name: string): boolean => RUN_ID.test(name);

/** A run folder's state: finished, still running (its process alive), stopped before finishing, or unreadable. */
export type RunStatus = "complete" | "running" | "incomplete" | "unreadable";

/** A run folder as listed: its id, path, status, and its record where readable. */
export interface RunEntry {
  id: string;
  dir: string;
  status: RunStatus;
  /** Null when run.json is missing or invalid (`problem` says why). */
  record: RunRecord | null;
  problem: string | null;
}
