import * as tf from "@tensorflow/tfjs";

let chosen: Promise<string> | null = null;
// stderr by default: CLIs such as `predict` write their results to stdout.
let defaultLog: (msg: string) => void = (m) => console.error(m);

/** Where the one-line backend choice is logged (notebooks send it to stdout, so it does not look like an error). */
export function setTfBackendLogger(log: (msg: string) => void): void {
  defaultLog = log;
}

/** True when the real @tensorflow/tfjs-node (native) is installed, not the npm alias danfojs needs here. */
function loadNativeBackend(): boolean {
  try {
    require("@tensorflow/tfjs-node");
  } catch {
    return false;
  }
  return tf.findBackend("tensorflow") !== null || tf.engine().registryFactory["tensorflow"] !== undefined;
}

/**
 * Pick the fastest TensorFlow.js backend available, once per process:
 * tfjs-node (native) where it is installed, else wasm (SIMD), else cpu.
 * Logs the choice once.
 *
 * The wasm backend's Emscripten runtime installs process-wide
 * uncaughtException/unhandledRejection handlers that rethrow; inside a
 * Jupyter (tslab) kernel any stray rejection would then kill the kernel.
 * We remove exactly the listeners added while it loads.
 */
export function initTfBackend(log: (msg: string) => void = defaultLog): Promise<string> {
  if (chosen) return chosen;
  chosen = (async () => {
    if (loadNativeBackend() && (await tf.setBackend("tensorflow"))) {
      log("TensorFlow.js backend: tensorflow (tfjs-node, native)");
      return "tensorflow";
    }
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
      log("TensorFlow.js backend: wasm (SIMD)");
      return "wasm";
    }
    await tf.setBackend("cpu");
    await tf.ready();
    log("TensorFlow.js backend: cpu (slow; install @tensorflow/tfjs-backend-wasm)");
    return "cpu";
  })();
  return chosen;
}

export { tf };
