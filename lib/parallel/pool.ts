import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/**
 * A small worker_threads pool: run independent tasks through a worker module
 * and get the results back in task order, whatever the number of workers.
 *
 * The worker module exports `runTask(task)` (sync or async). Its module state
 * lives as long as its worker, so costly set-up (a model) can be cached there.
 * Tasks and results cross threads by structured clone: plain data, typed arrays.
 */
export interface PoolOptions {
  /** Worker threads; default `os.availableParallelism()`. 1 (or a single task) runs in this thread. */
  workers?: number;
  /** Called in the calling thread after each task finishes, in completion order. */
  onTaskDone?: (done: number, total: number) => void;
  /** Where the one-time "workers could not start" notice goes (default stderr). */
  log?: (message: string) => void;
}

export interface WorkerModule<T, R> {
  runTask(task: T): R | Promise<R>;
}

/** The key in workerData that makes this file act as a worker's entry point. */
const POOL_KEY = "__safetySignalPool";

type ToWorker = { index: number; task: unknown };
type FromWorker =
  | { type: "ready" }
  | { type: "result"; index: number; value: unknown }
  | { type: "error"; index: number; error: { name: string; message: string; stack?: string; props: object } };

let fallbackNoticeShown = false;

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
  throw new Error(`worker module not found: ${file}(.js|.ts)`);
}

export async function runPool<T, R>(
  workerModule: string,
  tasks: readonly T[],
  options: PoolOptions = {},
): Promise<R[]> {
  const requested = options.workers ?? defaultWorkerCount();
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError(`workers must be an integer ≥ 1, got ${requested}`);
  }
  const file = resolveWorkerModule(workerModule);
  const count = Math.min(requested, tasks.length);
  if (count <= 1) return runInProcess<T, R>(file, tasks, options);
  const workers = await startWorkers(file, count);
  if (!Array.isArray(workers)) {
    if (!fallbackNoticeShown) {
      fallbackNoticeShown = true;
      const log = options.log ?? ((m: string) => console.error(m));
      log(`worker threads could not start (${workers.reason}); running in-process`);
    }
    return runInProcess<T, R>(file, tasks, options);
  }
  try {
    return await dispatch<T, R>(workers, tasks, options);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function runInProcess<T, R>(file: string, tasks: readonly T[], options: PoolOptions): Promise<R[]> {
  const mod = loadWorkerModule<T, R>(file);
  const results: R[] = [];
  for (const task of tasks) {
    results.push(await mod.runTask(task));
    options.onTaskDone?.(results.length, tasks.length);
  }
  return results;
}

function loadWorkerModule<T, R>(file: string): WorkerModule<T, R> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Partial<WorkerModule<T, R>>;
  if (typeof mod.runTask !== "function") throw new Error(`${file} does not export a runTask(task) function`);
  return mod as WorkerModule<T, R>;
}

/**
 * Under tsx (this file is .ts) a worker can't load TypeScript by itself on Node 20:
 * its entry is a line of JavaScript that registers tsx's require hook first.
 */
function spawn(file: string): Worker {
  const data = { [POOL_KEY]: file };
  if (!__filename.endsWith(".ts")) return new Worker(__filename, { workerData: data });
  const register = require.resolve("tsx/cjs/api");
  const code = `require(${JSON.stringify(register)}).register(); require(${JSON.stringify(__filename)});`;
  return new Worker(code, { eval: true, workerData: data, execArgv: withoutLoaderFlags(process.execArgv) });
}

/** Drop inherited module-loader flags (tsx's ESM hooks fail in Node 20 workers); keep the rest. */
function withoutLoaderFlags(argv: readonly string[]): string[] {
  const takesValue = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].split("=")[0];
    if (!takesValue.has(name)) out.push(argv[i]);
    else if (!argv[i].includes("=")) i++;
  }
  return out;
}

/** Start `count` workers and wait until each has loaded the module; any failure → all stopped, the reason. */
async function startWorkers(file: string, count: number): Promise<Worker[] | { reason: string }> {
  const started: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) started.push(spawn(file));
    await Promise.all(started.map(waitReady));
    return started;
  } catch (err) {
    await Promise.all(started.map((w) => w.terminate()));
    return { reason: (err as Error).message };
  }
}

function waitReady(w: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.type !== "ready") return;
      w.off("error", reject).off("exit", onExit).off("message", onMessage);
      resolve();
    };
    const onExit = (code: number) => reject(new Error(`worker exited with code ${code} before it was ready`));
    w.on("message", onMessage).once("error", reject).once("exit", onExit);
  });
}

/** Hand tasks to whichever worker is free; results land at their task's index. */
function dispatch<T, R>(workers: Worker[], tasks: readonly T[], options: PoolOptions): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<R>(tasks.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    const feed = (w: Worker) => {
      if (failed || next >= tasks.length) return;
      const message: ToWorker = { index: next, task: tasks[next] };
      next++;
      w.postMessage(message);
    };
    for (const w of workers) {
      w.on("message", (m: FromWorker) => {
        if (m.type === "result") {
          results[m.index] = m.value as R;
          done++;
          options.onTaskDone?.(done, tasks.length);
          if (done === tasks.length) resolve(results);
          else feed(w);
        } else if (m.type === "error") {
          fail(rebuildError(m.error, m.index));
        }
      });
      w.on("error", (err) => fail(err));
      w.on("exit", (code) => fail(new Error(`a worker exited (code ${code}) before all tasks were done`)));
      feed(w);
    }
  });
}

/** The worker's error as an Error here: same name, message and own fields; its stack says where it was thrown. */
function rebuildError(e: { name: string; message: string; stack?: string; props: object }, index: number): Error {
  const err = Object.assign(new Error(e.message), e.props);
  err.name = e.name;
  err.stack = `${e.stack ?? `${e.name}: ${e.message}`}\n    (in a pool worker, task ${index})`;
  return err;
}

/** An error's own fields of these types (a DataError's `file`) travel back with it. */
const PLAIN = ["string", "number", "boolean"];

/** The worker side: load the module, say ready, run each task it is sent. */
function serveTasks(file: string): void {
  const port = parentPort!;
  const mod = loadWorkerModule<unknown, unknown>(file);
  port.on("message", async ({ index, task }: ToWorker) => {
    try {
      port.postMessage({ type: "result", index, value: await mod.runTask(task) } satisfies FromWorker);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const props = Object.fromEntries(Object.entries(e).filter(([, v]) => PLAIN.includes(typeof v)));
      const error = { name: e.name, message: e.message, stack: e.stack, props };
      port.postMessage({ type: "error", index, error } satisfies FromWorker);
    }
  });
  port.postMessage({ type: "ready" } satisfies FromWorker);
}

if (!isMainThread && workerData && typeof workerData === "object" && POOL_KEY in workerData) {
  serveTasks((workerData as Record<string, string>)[POOL_KEY]);
}
