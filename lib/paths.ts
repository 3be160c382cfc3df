import * as path from "node:path";

/** The project root, whether this runs from lib/ (tsx) or from dist/lib/ (compiled, as in notebooks). */
export const PROJECT_ROOT = (() => {
  const parent = path.dirname(__dirname);
  return path.basename(parent) === "dist" ? path.dirname(parent) : parent;
})();

/** The committed data: messages, split, relabels, embeddings and the caches read back from them. */
export const DATA_DIR = path.join(PROJECT_ROOT, "data");
/** The LLM-labeled messages (id, message, target, …): the stand-in for the take-home's data. */
export const DEFAULT_DATA_FILE = path.join(DATA_DIR, "data.csv");
/** The committed train/test assignment, one row per message id (group-aware, stratified). */
export const DEFAULT_SPLIT_FILE = path.join(DATA_DIR, "split.csv");
/** The two relabel passes (a rerun of the same prompt and a refined prompt), one row per message id. */
export const RELABELS_FILE = path.join(DATA_DIR, "llm_relabels.csv");
/** The slide deck's home (`npm run slides`); runs no longer write here (they have runs/). */
export const REPORTS_DIR = path.join(PROJECT_ROOT, "reports");
/** One folder per run of the experiment (`npm start`, or a notebook's saveRun); `runs/latest` is the newest complete one. */
export const RUNS_DIR = path.join(PROJECT_ROOT, "runs");

/** A path relative to the project root, for messages and manifests (machine-independent). */
export function projectRelative(p: string): string {
  const rel = path.relative(PROJECT_ROOT, path.resolve(p));
  return rel.startsWith("..") ? p : rel.split(path.sep).join("/");
}
