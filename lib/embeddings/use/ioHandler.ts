import type * as tf from "@tensorflow/tfjs";
import type { UseModelFiles } from "./files";

/**
 * A TF.js IOHandler over model files already read and checked: TF.js's own
 * file:// handler needs tfjs-node, and its http handler would go to the network.
 */
export function filesHandler(files: UseModelFiles): tf.io.IOHandler {
  return {
    load: async () => ({
      modelTopology: files.modelTopology,
      weightSpecs: files.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: files.weightData,
      format: "graph-model",
    }),
  };
}
