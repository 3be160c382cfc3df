// The MLP's optimizer on its own (lib/models/adam.ts): Kingma & Ba's update, step by step, and it minimizes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Adam } from "../lib/models/adam";
import { initTfBackend, tf } from "../lib/models/tfBackend";

test("adam: each step is Kingma & Ba's bias-corrected update (to float32 precision)", async () => {
  await initTfBackend(() => {});
  const w = tf.tidy(() => tf.variable(tf.tensor1d([1, -2])));
  const adam = new Adam([w], 0.1);
  // The textbook update, in float64, on the same gradients.
  const ref = { w: [1, -2], m: [0, 0], v: [0, 0] };
  const [b1, b2, eps, lr] = [0.9, 0.999, 1e-7, 0.1];
  for (let t = 1; t <= 3; t++) {
    const g = ref.w.map((x) => 2 * x + t); // any gradient will do: the update is checked, not the loss
    tf.tidy(() => adam.step([tf.tensor1d(g)]));
    for (let k = 0; k < 2; k++) {
      ref.m[k] = b1 * ref.m[k] + (1 - b1) * g[k];
      ref.v[k] = b2 * ref.v[k] + (1 - b2) * g[k] ** 2;
      const lrT = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      ref.w[k] -= (lrT * ref.m[k]) / (Math.sqrt(ref.v[k]) + eps);
    }
    const got = Array.from(w.dataSync());
    got.forEach((x, k) => assert.ok(Math.abs(x - ref.w[k]) < 1e-5, `step ${t}, w[${k}]: ${x} vs ${ref.w[k]}`));
  }
  adam.dispose();
  w.dispose();
});

test("adam: minimizes a quadratic, and leaves no tensors behind", async () => {
  await initTfBackend(() => {});
  const before = tf.memory().numTensors;
  // Made inside tidy: the variable keeps its own copy, and the initial tensor must not linger.
  const w = tf.tidy(() => tf.variable(tf.scalar(5)));
  const adam = new Adam([w], 0.1);
  for (let i = 0; i < 300; i++)
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.square(tf.sub(w, 3)) as tf.Scalar, [w]);
      adam.step([grads[w.name]]);
    });
  assert.ok(Math.abs(w.dataSync()[0] - 3) < 1e-2, `w = ${w.dataSync()[0]}`);
  adam.dispose();
  w.dispose();
  assert.equal(tf.memory().numTensors, before);
});
