import * as fs from "node:fs";
import * as os from "node:os";
import { InvalidInputError } from "../errors";
import { loadWorkerModule, type WorkerModule } from "./poolWorker";
import { existingPool, sharedPool } from "./sharedPool";

export type { WorkerModule } from "./poolWorker";

/**
 * A small worker_threads pool: run independent tasks through a worker module
 * and get the results back in task order, whatever the number of workers.
 *
 * The worker module exports `runTask(task)` (sync or async). Its module state
 * lives as long as its worker, so costly set-up (a model) can be cached there.
 * Tasks and results cross threads by structured clone: plain data, typed arrays.
 */
export interface PoolOptions {
  /**
   * Worker threads; default `os.availableParallelism()`. 1 runs in this thread, and so does a single task unless
   * the workers are already running (then it joins their queue and leaves this thread free).
   */
  workers?: number;
  /** Called in the calling thread after each task finishes, in completion order. */
  onTaskDone?: (done: number, total: number) => void;
  /** Where the one-time "workers could not start" notice goes (default stderr). */
  log?: (message: string) => void;
}

let fallbackNoticeShown = false;

/** The number of workers a pool gets by default: one per core. */
export function defaultWorkerCount(): number {
  return os.availableParallelism();
}

/**
 * `file` may omit its extension: the compiled `.js` (dist/) is preferred, else
 * the `.ts` source (run under tsx), so callers can pass `path.join(__dirname, "worker")`.
 */
export function resolveWorkerModule(file: string): string {
  for (const candidate of [file, `${file}.js`, `${file}.ts`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new InvalidInputError("workerModule", `worker module not found: ${file}(.js|.ts)`);
}

/** Run every task through `workerModule`'s runTask on the shared workers; results in task order. */
export async function runPool<T, R>(
  workerModule: string,
  tasks: readonly T[],
  options: PoolOptions = {},
): Promise<R[]> {
  const requested = options.workers ?? defaultWorkerCount();
  if (!Number.isInteger(requested) || requested < 1) {
    throw new InvalidInputError("workers", `workers must be an integer ≥ 1, got ${requested}`);
  }
  const file = resolveWorkerModule(workerModule);
  if (!tasks.length) return [];
  // Starting workers costs more than one task; workers already running take it without blocking this thread.
  if (requested === 1 || (tasks.length <= 1 && !existingPool(requested)))
    return runInProcess<T, R>(file, tasks, options);
  const pool = sharedPool(requested);
  const ready = await pool.load(file);
  if (ready !== true) {
    if (!fallbackNoticeShown) {
      fallbackNoticeShown = true;
      const log = options.log ?? ((m: string) => console.error(m));
      log(`worker threads could not start (${ready.reason}); running in-process`);
    }
    return runInProcess<T, R>(file, tasks, options);
  }
  return pool.run<T, R>(file, tasks, options);
}

/**
 * Start the workers and load `workerModule` in each, ahead of the tasks (a no-op with 1 worker; where workers
 * cannot start, runPool later says so and runs in-process).
 */
export async function startWorkers(workerModule: string, options: Pick<PoolOptions, "workers"> = {}): Promise<void> {
  const requested = options.workers ?? defaultWorkerCount();
  if (requested > 1) await sharedPool(requested).load(resolveWorkerModule(workerModule));
}

async function runInProcess<T, R>(file: string, tasks: readonly T[], options: PoolOptions): Promise<R[]> {
  const mod: WorkerModule<T, R> = loadWorkerModule<T, R>(file);
  const results: R[] = [];
  for (const task of tasks) {
    results.push(await mod.runTask(task));
    options.onTaskDone?.(results.length, tasks.length);
  }
  return results;
}
