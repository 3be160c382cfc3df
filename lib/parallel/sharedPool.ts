/**
 * The worker threads behind runPool (./pool.ts): started once per process (per size) and kept, idle and
 * unreferenced, between calls. Starting a worker (loading TF.js and the library) costs more than a fold's work,
 * and a worker's module caches (analysed n-grams) serve every later task. Concurrent calls share the workers,
 * first come first served.
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { fromPlainError } from "./plainError";
import { POOL_KEY, type FromWorker, type ToWorker } from "./poolWorker";

/**
 * Jobs a worker holds at once: the one it runs and the next, so it never waits for this thread to hand it work
 * (this thread may be busy with a long synchronous step of its own).
 */
const JOBS_PER_WORKER = 2;

/**
 * A worker whose entry is ./poolWorker. Under tsx (this file is .ts) a worker can't load TypeScript by itself on
 * Node 20: its entry is then a line of JavaScript that registers tsx's require hook first.
 */
function spawn(): Worker {
  const data = { [POOL_KEY]: true };
  const entry = path.join(__dirname, `poolWorker${path.extname(__filename)}`);
  if (!entry.endsWith(".ts")) return new Worker(entry, { workerData: data });
  const register = require.resolve("tsx/cjs/api");
  const code = `require(${JSON.stringify(register)}).register(); require(${JSON.stringify(entry)});`;
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
  /** Sent to the worker and not yet answered, oldest first (the worker answers in order). */
  jobs: Job[];
  /** Module loads asked of this worker and not yet answered: it stays referenced until they are. */
  loading: number;
}

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
    this.slots = workers.map((worker) => ({ worker, jobs: [], loading: 0 }));
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

  run<T, R>(
    file: string,
    tasks: readonly T[],
    options: { onTaskDone?: (done: number, total: number) => void },
  ): Promise<R[]> {
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

  /**
   * Hand queued jobs to idle workers first; then, while more jobs wait than there are workers, a next job to each
   * (near the end of the queue a job waits for an idle worker instead of behind a long one). An idle worker doesn't
   * keep the process alive.
   */
  private feed(): void {
    const give = (slot: Slot): void => {
      let job = this.queue.shift();
      while (job?.cancelled()) job = this.queue.shift();
      if (!job) return;
      slot.jobs.push(job);
      slot.worker.ref();
      slot.worker.postMessage({ type: "task", id: job.id, file: job.file, task: job.task } satisfies ToWorker);
    };
    for (const slot of this.slots) if (!slot.jobs.length) give(slot);
    for (const slot of this.slots)
      if (slot.jobs.length < JOBS_PER_WORKER && this.queue.length > this.slots.length) give(slot);
    for (const slot of this.slots) if (!slot.jobs.length && slot.loading === 0) slot.worker.unref();
  }

  private listen(slot: Slot): void {
    slot.worker.on("message", (m: FromWorker) => {
      const job = slot.jobs[0];
      if (!job || (m.type !== "result" && m.type !== "error") || m.id !== job.id) return;
      slot.jobs.shift();
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
    const jobs = [...this.slots.flatMap((s) => s.jobs), ...this.queue];
    this.queue = [];
    for (const job of jobs) job.fail(err);
    for (const s of this.slots) void s.worker.terminate();
  }
}

const pools = new Map<number, SharedPool>();

/** The running pool of this size, if one was started and has not broken down. */
export function existingPool(size: number): SharedPool | undefined {
  return pools.get(size);
}

export function sharedPool(size: number): SharedPool {
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
