import * as path from "node:path";
import type { Matrix } from "../../linalg/matrix";
import { defaultWorkerCount, runPool } from "../../parallel/pool";
import { batchRanges } from "./batches";
import { readUseModel, UseModelInfo } from "./files";
import { DEFAULT_USE_BATCH_SIZE, USE_LITE_DIMENSION, USE_LITE_METHOD } from "./identity";
// Types only: the calling thread loads no TF.js unless it embeds in-process.
import type { UseBatchResult, UseBatchTask } from "./worker";

export * from "./identity";

export interface UseEmbedOptions {
  /**
   * Worker threads (capped at the number of batches); 1 embeds in this thread.
   * Default: one per core from MIN_ROWS_FOR_WORKERS messages on, else 1.
   */
  workers?: number;
  batchSize?: number;
  /** Batches finished so far and in all. */
  onProgress?: (doneBatches: number, totalBatches: number) => void;
  /** Where the pool's one-time fallback notice goes. */
  log?: (message: string) => void;
}

const WORKER_MODULE = path.join(__dirname, "worker");
/** A worker's start (TF.js, wasm, model: about 2 s) costs about what 100 messages take to embed. */
export const MIN_ROWS_FOR_WORKERS = 200;

/**
 * The project's pretrained sentence encoder: USE-lite from its npm package,
 * run on the project's TF.js (wasm). Loading checks the files (clear errors)
 * and fingerprints them; the graph itself loads in whichever thread embeds.
 */
export class UseLiteEncoder {
  readonly method = USE_LITE_METHOD;
  readonly dimension = USE_LITE_DIMENSION;
  /** Backend the last batches ran on ("wasm", "tensorflow" or "cpu"); "" before any. */
  backend = "";

  private constructor(readonly info: UseModelInfo) {}

  static async load(options: { packageDir?: string } = {}): Promise<UseLiteEncoder> {
    return new UseLiteEncoder(readUseModel(options.packageDir).info);
  }

  /** One float32 row of 512 per text, in order; byte-identical for any number of workers. */
  async embed(texts: readonly string[], options: UseEmbedOptions = {}): Promise<Matrix<Float32Array>> {
    const ranges = batchRanges(texts.length, options.batchSize ?? DEFAULT_USE_BATCH_SIZE);
    const tasks: UseBatchTask[] = ranges.map(([s, e]) => ({
      packageDir: this.info.packageDir,
      weightsSha256: this.info.weightsSha256,
      firstRow: s,
      texts: texts.slice(s, e),
    }));
    const workers = options.workers ?? (texts.length >= MIN_ROWS_FOR_WORKERS ? defaultWorkerCount() : 1);
    const results = await runPool<UseBatchTask, UseBatchResult>(WORKER_MODULE, tasks, {
      workers,
      onTaskDone: options.onProgress,
      log: options.log,
    });
    const data = new Float32Array(texts.length * this.dimension);
    results.forEach((r, b) => data.set(r.data, ranges[b][0] * this.dimension));
    if (results.length) this.backend = results[0].backend;
    return { rows: texts.length, cols: this.dimension, data };
  }

  /** The TextEmbedder interface: embed with the defaults. */
  transform(texts: readonly string[]): Promise<Matrix<Float32Array>> {
    return this.embed(texts);
  }
}
