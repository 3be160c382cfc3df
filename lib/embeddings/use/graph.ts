import { initTfBackend, tf } from "../../models/tfBackend";
import { readUseModel } from "./files";
import { filesHandler } from "./ioHandler";
import { USE_LITE_DIMENSION } from "./identity";
import { makeTokenizer, sparseBatch, tokenize, UseTokenizer } from "./tokenizer";
import { InternalError } from "../../errors";

/** The published TF.js graph model and the tokenizer, ready to embed batches in this thread. */
export interface LoadedUse {
  backend: string;
  weightsSha256: string;
  graph: tf.GraphModel;
  tokenizer: UseTokenizer;
}

export async function loadUseGraph(packageDir: string | undefined, log?: (m: string) => void): Promise<LoadedUse> {
  const files = readUseModel(packageDir);
  const backend = await initTfBackend(log);
  const graph = await tf.loadGraphModel(filesHandler(files));
  return { backend, weightsSha256: files.info.weightsSha256, graph, tokenizer: makeTokenizer(files.vocabulary) };
}

/** One batch of texts through the graph (padded to its longest message): [texts.length, 512] float32, row-major. */
export async function embedBatch(model: LoadedUse, texts: readonly string[], firstRow = 0): Promise<Float32Array> {
  return embedTokenBatch(model, tokenize(model.tokenizer, texts, firstRow));
}

/** The same for messages already tokenized. */
export async function embedTokenBatch(
  model: LoadedUse,
  encoded: readonly (readonly number[])[],
): Promise<Float32Array> {
  const batch = sparseBatch(encoded);
  const indices = tf.tensor2d(batch.indices, [batch.values.length, 2], "int32");
  const values = tf.tensor1d(batch.values, "int32");
  try {
    const out = (await model.graph.executeAsync({ indices, values })) as tf.Tensor;
    try {
      if (out.shape[0] !== encoded.length || out.shape[1] !== USE_LITE_DIMENSION) {
        const want = `[${encoded.length}, ${USE_LITE_DIMENSION}]`;
        throw new InternalError(
          `USE-lite returned shape [${out.shape}] for ${encoded.length} messages (expected ${want})`,
        );
      }
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  } finally {
    indices.dispose();
    values.dispose();
  }
}
