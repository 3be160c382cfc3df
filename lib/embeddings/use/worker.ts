import { isMainThread } from "node:worker_threads";
import { embedBatch, LoadedUse, loadUseGraph } from "./graph";

/** One global batch of messages for the pool; the weights hash makes sure every thread uses the same files. */
export interface UseBatchTask {
  packageDir: string;
  weightsSha256: string;
  /** Position of texts[0] in the caller's list, for error messages. */
  firstRow: number;
  texts: string[];
}

export interface UseBatchResult {
  data: Float32Array;
  backend: string;
}

// One model per thread, loaded on its first batch and kept for the next ones.
let loaded: Promise<LoadedUse> | null = null;
let loadedFor = "";

export async function runTask(task: UseBatchTask): Promise<UseBatchResult> {
  if (!loaded || loadedFor !== task.packageDir) {
    loadedFor = task.packageDir;
    // Worker threads stay quiet; the calling thread reports the backend once.
    loaded = loadUseGraph(task.packageDir, isMainThread ? undefined : () => {});
  }
  const model = await loaded;
  if (model.weightsSha256 !== task.weightsSha256) {
    const now = model.weightsSha256.slice(0, 12);
    throw new Error(`the encoder's weight files changed while embedding (sha256 now ${now}…)`);
  }
  return { data: await embedBatch(model, task.texts, task.firstRow), backend: model.backend };
}
