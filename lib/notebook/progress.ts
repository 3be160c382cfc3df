import type { ProgressEvent } from "../experiment/run";

/** Progress for notebook cells: one line per finished stage, so the cell output stays short. */
export function notebookProgress(): (e: ProgressEvent) => void {
  let lastDone = -1;
  return (e) => {
    if (e.done === lastDone) return;
    lastDone = e.done;
    console.log(`[${String(e.done).padStart(2)}/${e.total}] ${e.model}: ${e.stage} — ${e.message}`);
  };
}
