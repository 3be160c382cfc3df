import { isMainThread } from "node:worker_threads";
import { initTfBackend } from "../../models/tfBackend";
import { readUseModel } from "./files";
import { UseForward } from "./forward";
import { embedBatch, embedTokenBatch, LoadedUse, loadUseGraph } from "./graph";
import { InternalError } from "../../errors";

interface ModelTask {
  packageDir: string;
  /** Every thread must embed with the files the caller checked. */
  weightsSha256: string;
}

/** Messages of one token count (ids message by message), for the forward pass on the SIMD kernels. */
export interface UseTokensTask extends ModelTask {
  kind: "tokens";
  tokens: number;
  ids: Int32Array;
}

/** Texts as one graph call, padded to the longest (the fixed batches of `batchSize`). */
export interface UseTextsTask extends ModelTask {
  kind: "texts";
  /** Position of texts[0] in the caller's list, for error messages. */
  firstRow: number;
  texts: string[];
}

export type UseBatchTask = UseTokensTask | UseTextsTask;

/** "kernels": the forward pass on the encoder's SIMD kernels; "graph": the published TF.js graph. */
export type UseEngine = "kernels" | "graph";

export interface UseBatchResult {
  data: Float32Array;
  backend: string;
  engine: UseEngine;
}

// Models per thread, loaded on first use and kept for the next tasks. Worker threads stay quiet;
// the calling thread reports the backend once.
const quiet = isMainThread ? undefined : () => {};
let graph: { dir: string; model: Promise<LoadedUse> } | null = null;
let forward: { dir: string; model: Promise<{ forward: UseForward | null; backend: string; sha256: string }> } | null =
  null;

function loadGraph(dir: string): Promise<LoadedUse> {
  if (graph?.dir !== dir) graph = { dir, model: loadUseGraph(dir, quiet) };
  return graph.model;
}

function loadForward(dir: string) {
  if (forward?.dir !== dir) {
    forward = {
      dir,
      model: (async () => {
        const backend = await initTfBackend(quiet);
        const files = readUseModel(dir);
        return { forward: UseForward.fromFiles(files), backend, sha256: files.info.weightsSha256 };
      })(),
    };
  }
  return forward.model;
}

function checkWeights(task: ModelTask, sha256: string): void {
  if (sha256 !== task.weightsSha256) {
    throw new InternalError(`the encoder's weight files changed while embedding (sha256 now ${sha256.slice(0, 12)}…)`);
  }
}

export async function runTask(task: UseBatchTask): Promise<UseBatchResult> {
  if (task.kind === "tokens") {
    const loaded = await loadForward(task.packageDir);
    checkWeights(task, loaded.sha256);
    const messages = task.ids.length / task.tokens;
    if (loaded.forward) {
      return {
        data: loaded.forward.embed(task.ids, messages, task.tokens),
        backend: loaded.backend,
        engine: "kernels",
      };
    }
    // Without WebAssembly SIMD: the same batch as one graph call (equal lengths, so the same bytes).
    const model = await loadGraph(task.packageDir);
    const encoded = Array.from({ length: messages }, (_, m) =>
      Array.from(task.ids.subarray(m * task.tokens, (m + 1) * task.tokens)),
    );
    return { data: await embedTokenBatch(model, encoded), backend: model.backend, engine: "graph" };
  }
  const model = await loadGraph(task.packageDir);
  checkWeights(task, model.weightsSha256);
  return { data: await embedBatch(model, task.texts, task.firstRow), backend: model.backend, engine: "graph" };
}
