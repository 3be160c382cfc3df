import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { fromPlainError, InvalidInputError, PlainError, toPlainError } from "../errors";

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

type ToWorker = { type: "load"; file: string } | { type: "task"; id: number; file: string; task: unknown };
type FromWorker =
  | { type: "ready" }
  | { type: "loaded"; file: string; error?: string }
  | { type: "result"; id: number; value: unknown }
  | { type: "error"; id: number; error: PlainError };

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
    throw new InvalidInputError("workers", `workers must be an integer ≥ 1, got ${requested}`);
  }
  const file = resolveWorkerModule(workerModule);
  if (Math.min(requested, tasks.length) <= 1) return runInProcess<T, R>(file, tasks, options);
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
  const mod = require(file) as Partial<WorkerModule<T, R>>;
  if (typeof mod.runTask !== "function") throw new Error(`${file} does not export a runTask(task) function`);
  return mod as WorkerModule<T, R>;
}

/**
 * Under tsx (this file is .ts) a worker can't load TypeScript by itself on Node 20:
 * its entry is a line of JavaScript that registers tsx's require hook first.
 */
function spawn(): Worker {
  const data = { [POOL_KEY]: true };
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

interface Job {
  id: number;
  file: string;
  task: unknown;
  done: (value: unknown) => void;
  fail: (err: Error) => void;
  cancelled: () => boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** Module loads asked of this worker and not yet answered: it stays referenced until they are. */
  loading: number;
}

/**
 * Workers started once per process (per size) and kept, idle and unreferenced, between calls: starting a worker
 * (loading TF.js and the library) costs more than a fold's work, and a worker's module caches (analysed n-grams)
 * serve every later task. Concurrent calls share the workers, first come first served.
 */
class SharedPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private loads = new Map<string, Promise<true | { reason: string }>>();
  private started: Promise<true | { reason: string }>;
  private nextId = 0;
  private broken: Error | null = null;

  constructor(
    readonly size: number,
    private readonly onBroken: () => void,
  ) {
    this.started = this.start();
  }

  private async start(): Promise<true | { reason: string }> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < this.size; i++) workers.push(spawn());
      await Promise.all(workers.map((w) => waitFor(w, (m) => m.type === "ready")));
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      return { reason: (err as Error).message };
    }
    this.slots = workers.map((worker) => ({ worker, job: null, loading: 0 }));
    for (const slot of this.slots) this.listen(slot);
    return true;
  }

  /** Every worker loads the module once; any failure → the reason (the caller runs in-process). */
  load(file: string): Promise<true | { reason: string }> {
    let p = this.loads.get(file);
    if (!p) {
      p = this.started.then(async (ok) => {
        if (ok !== true) return ok;
        // Referenced while loading, or an otherwise idle process would exit before the replies arrive.
        const replies = await Promise.all(
          this.slots.map(async (s) => {
            const reply = waitFor(s.worker, (m) => m.type === "loaded" && m.file === file);
            s.loading++;
            s.worker.ref();
            s.worker.postMessage({ type: "load", file } satisfies ToWorker);
            try {
              return (await reply) as Extract<FromWorker, { type: "loaded" }>;
            } finally {
              s.loading--;
            }
          }),
        );
        this.feed();
        const reason = replies.find((r) => r.error)?.error;
        return reason ? { reason } : true;
      });
      this.loads.set(file, p);
    }
    return p;
  }

  run<T, R>(file: string, tasks: readonly T[], options: PoolOptions): Promise<R[]> {
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      const results = new Array<R>(tasks.length);
      let finished = 0;
      let failed = false;
      tasks.forEach((task, index) =>
        this.queue.push({
          id: this.nextId++,
          file,
          task,
          cancelled: () => failed,
          done: (value) => {
            results[index] = value as R;
            finished++;
            options.onTaskDone?.(finished, tasks.length);
            if (finished === tasks.length) resolve(results);
          },
          fail: (err) => {
            if (failed) return;
            failed = true;
            err.stack = `${err.stack}\n    (in a pool worker, task ${index})`;
            reject(err);
          },
        }),
      );
      this.feed();
    });
  }

  /** Hand queued jobs to idle workers; an idle worker doesn't keep the process alive. */
  private feed(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      let job = this.queue.shift();
      while (job?.cancelled()) job = this.queue.shift();
      if (!job) {
        if (slot.loading === 0) slot.worker.unref();
        continue;
      }
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ type: "task", id: job.id, file: job.file, task: job.task } satisfies ToWorker);
    }
  }

  private listen(slot: Slot): void {
    slot.worker.on("message", (m: FromWorker) => {
      const job = slot.job;
      if (!job || (m.type !== "result" && m.type !== "error") || m.id !== job.id) return;
      slot.job = null;
      if (m.type === "result") job.done(m.value);
      // The same class, code and fields as thrown in the worker (lib/errors.ts), so callers can catch by class.
      else job.fail(fromPlainError(m.error));
      this.feed();
    });
    const die = (err: Error) => this.breakDown(err);
    slot.worker.on("error", die);
    slot.worker.on("exit", (code) => die(new Error(`a worker exited (code ${code}) before all tasks were done`)));
  }

  /** A worker died: every unfinished job fails, the others stop, and the next call starts a new pool. */
  private breakDown(err: Error): void {
    if (this.broken) return;
    this.broken = err;
    this.onBroken();
    const jobs = [...this.slots.flatMap((s) => (s.job ? [s.job] : [])), ...this.queue];
    this.queue = [];
    for (const job of jobs) job.fail(err);
    for (const s of this.slots) void s.worker.terminate();
  }
}

const pools = new Map<number, SharedPool>();

function sharedPool(size: number): SharedPool {
  let pool = pools.get(size);
  if (!pool) {
    const created = new SharedPool(size, () => pools.delete(size));
    pools.set(size, (pool = created));
  }
  return pool;
}

function waitFor(w: Worker, match: (m: FromWorker) => boolean): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (!match(m)) return;
      w.off("error", reject).off("exit", onExit).off("message", onMessage);
      resolve(m);
    };
    const onExit = (code: number) => reject(new Error(`worker exited with code ${code} before it was ready`));
    w.on("message", onMessage).once("error", reject).once("exit", onExit);
  });
}

/** The worker side: load modules when asked, say ready, run each task it is sent. */
function serveTasks(): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks runs inside a worker thread (parentPort is null here)");
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
      if (!mod) throw new Error(`pool worker: module ${m.file} was never loaded`);
      port.postMessage({ type: "result", id: m.id, value: await mod.runTask(m.task) } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: "error", id: m.id, error: toPlainError(err) } satisfies FromWorker);
    }
  };
  // Every failure inside is caught and sent back as the task's error, so nothing is left to reject here.
  port.on("message", (m: ToWorker) => void handle(m));
  port.postMessage({ type: "ready" } satisfies FromWorker);
}

if (!isMainThread && workerData && typeof workerData === "object" && POOL_KEY in workerData) {
  serveTasks();
}
