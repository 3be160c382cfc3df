import * as tf from "@tensorflow/tfjs";

/** The TensorFlow.js backend this process runs on, as a run records it. */
export interface TfBackendInfo {
  /** "tensorflow" (tfjs-node, native), "wasm" (WebAssembly SIMD) or "cpu" (plain JS). */
  name: "tensorflow" | "wasm" | "cpu";
  /** One line for people, e.g. "wasm (SIMD)". */
  description: string;
  /** @tensorflow/tfjs-core's version. */
  tfjsVersion: string;
  /** Why tfjs-node (an optional dependency) was not used: not installed, or its native addon failed to load. */
  nativeUnavailable?: string;
}

let chosen: Promise<TfBackendInfo> | null = null;
// stderr by default: CLIs such as `predict` write their results to stdout.
let defaultLog: (msg: string) => void = (m) => console.error(m);

/** Where the one-line backend choice is logged (notebooks send it to stdout, so it does not look like an error). */
export function setTfBackendLogger(log: (msg: string) => void): void {
  defaultLog = log;
}

/**
 * Load @tensorflow/tfjs-node, the optional native backend: null when it
 * registered, else why not. It may be missing (npm skips it where its install
 * script fails) or half-installed (the package without its native addon, e.g.
 * after `npm ci --ignore-scripts`): either way the caller falls back, never
 * crashes. `load` is the require, replaceable for tests.
 */
export function loadNativeBackend(load: () => unknown = () => require("@tensorflow/tfjs-node")): string | null {
  try {
    load();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const firstLine = String(e?.message ?? err).split("\n")[0];
    if (e?.code === "MODULE_NOT_FOUND" && firstLine.includes("'@tensorflow/tfjs-node'")) return "not installed";
    return `installed, but it failed to load (${firstLine})`;
  }
  const registered = tf.findBackend("tensorflow") !== null || tf.engine().registryFactory["tensorflow"] !== undefined;
  return registered ? null : "loaded, but it registered no 'tensorflow' backend";
}

/**
 * Pick the fastest TensorFlow.js backend available, once per process:
 * tfjs-node (native) where it is installed, else wasm (SIMD), else cpu.
 * Logs the choice once and resolves to its name.
 *
 * The wasm backend's Emscripten runtime installs process-wide
 * uncaughtException/unhandledRejection handlers that rethrow; inside a
 * Jupyter (tslab) kernel any stray rejection would then kill the kernel.
 * We remove exactly the listeners added while it loads.
 */
export async function initTfBackend(log: (msg: string) => void = defaultLog): Promise<string> {
  chosen ??= choose(log);
  return (await chosen).name;
}

/** The backend in use (chosen on first call, quietly, if nothing chose it yet). */
export function tfBackendInfo(): Promise<TfBackendInfo> {
  chosen ??= choose(() => {});
  return chosen;
}

async function choose(log: (msg: string) => void): Promise<TfBackendInfo> {
  const info = (name: TfBackendInfo["name"], description: string, nativeUnavailable?: string): TfBackendInfo => {
    log(`TensorFlow.js backend: ${description}`);
    return { name, description, tfjsVersion: tf.version_core, ...(nativeUnavailable ? { nativeUnavailable } : {}) };
  };
  const native = loadNativeBackend();
  if (native === null && (await tf.setBackend("tensorflow")))
    return info("tensorflow", "tensorflow (tfjs-node, native)");
  const nativeUnavailable = native ?? "its backend did not initialize";
  const before = {
    uncaughtException: process.listeners("uncaughtException"),
    unhandledRejection: process.listeners("unhandledRejection"),
  };
  let ok = false;
  try {
    require("@tensorflow/tfjs-backend-wasm");
    ok = await tf.setBackend("wasm");
  } catch {
    ok = false;
  } finally {
    // Seen as a plain EventEmitter, process takes any listener back, whatever the event's signature.
    const emitter: NodeJS.EventEmitter = process;
    for (const event of ["uncaughtException", "unhandledRejection"] as const) {
      const had: readonly unknown[] = before[event];
      for (const l of emitter.listeners(event)) {
        if (!had.includes(l)) emitter.removeListener(event, l as (...args: unknown[]) => void);
      }
    }
  }
  if (ok) {
    await tf.ready();
    return info("wasm", "wasm (SIMD)", nativeUnavailable);
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return info("cpu", "cpu (slow; install @tensorflow/tfjs-backend-wasm)", nativeUnavailable);
}

export { tf };
