/**
 * The worker side of the pool (./pool.ts): the messages both sides exchange, loading a worker module, and the loop
 * a worker thread runs. A worker started with POOL_KEY in its workerData serves tasks from this file.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { InternalError } from "../errors";
import { PlainError, toPlainError } from "./plainError";

/** What a worker module exports: one task in, one result out (sync or async). */
export interface WorkerModule<T, R> {
  runTask(task: T): R | Promise<R>;
}

/** The key in workerData that makes this file act as a worker's entry point. */
export const POOL_KEY = "__safetySignalPool";

export type ToWorker = { type: "load"; file: string } | { type: "task"; id: number; file: string; task: unknown };
export type FromWorker =
  | { type: "ready" }
  | { type: "loaded"; file: string; error?: string }
  | { type: "result"; id: number; value: unknown }
  | { type: "error"; id: number; error: PlainError };

export function loadWorkerModule<T, R>(file: string): WorkerModule<T, R> {
  const mod = require(file) as Partial<WorkerModule<T, R>>;
  if (typeof mod.runTask !== "function") throw new InternalError(`${file} does not export a runTask(task) function`);
  return mod as WorkerModule<T, R>;
}

/**
 * Load modules when asked, say ready, run each task it is sent. Messages are handled one after another, in order:
 * the pool may send a worker its next task before this one is done, and that task waits here, not in the pool.
 */
function serveTasks(): void {
  const port = parentPort;
  if (!port) throw new InternalError("serveTasks runs inside a worker thread (parentPort is null here)");
  const modules = new Map<string, WorkerModule<unknown, unknown>>();
  const handle = async (m: ToWorker): Promise<void> => {
    if (m.type === "load") {
      try {
        if (!modules.has(m.file)) modules.set(m.file, loadWorkerModule(m.file));
        port.postMessage({ type: "loaded", file: m.file } satisfies FromWorker);
      } catch (err) {
        port.postMessage({ type: "loaded", file: m.file, error: (err as Error).message } satisfies FromWorker);
      }
      return;
    }
    try {
      const mod = modules.get(m.file);
      if (!mod) throw new InternalError(`pool worker: module ${m.file} was never loaded`);
      port.postMessage({ type: "result", id: m.id, value: await mod.runTask(m.task) } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: "error", id: m.id, error: toPlainError(err) } satisfies FromWorker);
    }
  };
  // Every failure inside is caught and sent back as the task's error, so the chain never rejects.
  let previous: Promise<void> = Promise.resolve();
  port.on("message", (m: ToWorker) => {
    previous = previous.then(() => handle(m));
  });
  port.postMessage({ type: "ready" } satisfies FromWorker);
}

if (!isMainThread && workerData && typeof workerData === "object" && POOL_KEY in workerData) {
  serveTasks();
}
