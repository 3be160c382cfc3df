// The parallel namespace of the public API (lib/index.ts): the worker pool every fold-parallel step runs on.
export { defaultWorkerCount, runPool, startWorkers, type PoolOptions, type WorkerModule } from "./pool";
