/**
 * The MLP's graph as functions of its weights: the forward pass (with inverted dropout when training), the weighted
 * loss it minimizes, and the seeded draws it starts from. lib/models/mlp.ts holds the training loop around them.
 */
import { Rng } from "../util/random";
import type { SparseRows } from "./sparseRows";
import { tf } from "./tfBackend";

/** A batch for the graph: its dense columns, and the sparse columns' first-layer product x_s·W_s. */
export interface InputTensors {
  dense: tf.Tensor2D;
  sparse: tf.Variable | null;
}

export function disposeInput(x: InputTensors): void {
  x.dense.dispose();
  x.sparse?.dispose();
}

/** Glorot-uniform weights drawn from our seeded generator (same seed, same start, any backend). */
export function glorot(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng() - 1) * limit);
}

/** One inverted-dropout mask per hidden layer (kept units scaled by 1 / keep), drawn from the seeded generator. */
export function dropoutMasks(rng: Rng, hiddenUnits: readonly number[], dropout: number, rows: number): Float32Array[] {
  const keep = 1 - dropout;
  const scale = 1 / keep;
  return hiddenUnits.map((units) => {
    const mask = new Float32Array(rows * units);
    for (let i = 0; i < mask.length; i++) mask[i] = rng() < keep ? scale : 0;
    return mask;
  });
}

/** Logits; with masks, applies (inverted) dropout after each hidden layer. Weights: [W₀, b₀, W₁, b₁, …]. */
export function logits(weights: readonly tf.Variable[], x: InputTensors, masks?: tf.Tensor2D[]): tf.Tensor1D {
  let h: tf.Tensor2D = tf.matMul(x.dense, weights[0]);
  if (x.sparse) h = tf.add(h, x.sparse);
  const layers = weights.length / 2;
  for (let l = 0; l < layers; l++) {
    if (l > 0) h = tf.matMul(h, weights[2 * l]);
    h = tf.add(h, weights[2 * l + 1]);
    if (l < layers - 1) {
      h = tf.relu(h);
      if (masks) h = tf.mul(h, masks[l]);
    }
  }
  return tf.reshape(h, [-1]);
}

/** Weighted binary cross-entropy on the logits, plus l2 times the weights' sum of squares (biases excluded). */
export function weightedLoss(
  weights: readonly tf.Variable[],
  sparseRows: SparseRows | null,
  l2: number,
  batch: { x: InputTensors; y: tf.Tensor1D; w: tf.Tensor1D; masks: tf.Tensor2D[] },
): tf.Scalar {
  const z = logits(weights, batch.x, batch.masks);
  // Numerically stable BCE with logits: max(z, 0) − z·y + log(1 + e^−|z|).
  const perRow = tf.add(tf.sub(tf.relu(z), tf.mul(z, batch.y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  const data = tf.div(tf.sum(tf.mul(perRow, batch.w)), tf.sum(batch.w));
  let reg: tf.Tensor = tf.scalar(0);
  for (let l = 0; l < weights.length; l += 2) reg = tf.add(reg, tf.sum(tf.square(weights[l])));
  // The sparse rows' penalty is a constant here (its gradient is applied in SparseRows.step); kept so the loss reads
  // the same.
  if (sparseRows) reg = tf.add(reg, sparseRows.sumOfSquares());
  return tf.add(data, tf.mul(l2, reg));
}
