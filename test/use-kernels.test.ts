import { test } from "node:test";
import assert from "node:assert/strict";
import { encoderKernels, GEMM_ADD, GEMM_RELU, KernelExports, packPanels } from "../lib/embeddings/use/kernels";
import { initTfBackend, tf } from "../lib/models/tfBackend";

// Each SIMD kernel against the TF.js ops the graph runs (wasm backend), bit for bit: the encoder's
// vectors are only the graph's because every kernel adds in TF.js's order.

const setup = (async () => {
  assert.equal(await initTfBackend(() => {}), "wasm", "these tests compare with TF.js's wasm kernels");
  const k = encoderKernels();
  assert.ok(k, "WebAssembly SIMD is available on Node 20");
  return k;
})();

/** Floats copied into the kernels' memory one after another; returns their byte offsets. */
function place(k: KernelExports, arrays: Array<Float32Array | number>): number[] {
  const at: number[] = [];
  let top = 0;
  for (const a of arrays) {
    at.push(top);
    top += (4 * (typeof a === "number" ? a : a.length) + 15) & ~15;
  }
  const have = k.memory.buffer.byteLength;
  if (top > have) k.memory.grow(Math.ceil((top - have) / 65536));
  arrays.forEach((a, i) => {
    if (typeof a !== "number") new Float32Array(k.memory.buffer, at[i], a.length).set(a);
  });
  return at;
}

const read = (k: KernelExports, at: number, n: number) => new Float32Array(k.memory.buffer, at, n).slice();
const random = (shape: number[], seed: number, mean = 0, sd = 1) =>
  tf.randomNormal(shape, mean, sd, "float32", seed).dataSync() as Float32Array;
const same = (a: Float32Array, b: Float32Array) =>
  a.length === b.length &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

test("gemm equals TF.js matMul + bias (and its relu, and a residual add), bit for bit", async () => {
  const k = await setup;
  for (const [M, K, N] of [
    [8, 256, 768],
    [12, 1536, 512],
    [4, 512, 1536],
  ]) {
    const a = random([M, K], 1);
    const b = random([K, N], 2, 0, 0.05);
    const bias = random([N], 3);
    const extra = random([M, N], 4);
    const want = tf.tidy(() => {
      const z = tf.add(tf.matMul(tf.tensor2d(a, [M, K]), tf.tensor2d(b, [K, N])), tf.tensor1d(bias));
      return [z, tf.relu(z), tf.add(z, tf.tensor2d(extra, [M, N]))].map((t) => t.dataSync() as Float32Array);
    });
    const [aAt, bAt, biasAt, extraAt, outAt] = place(k, [a, packPanels(b, K, N), bias, extra, M * N]);
    [0, GEMM_RELU, GEMM_ADD].forEach((flags, i) => {
      k.gemm(aAt, M, K, bAt, N, biasAt, outAt, flags, extraAt);
      assert.ok(same(read(k, outAt, M * N), want[i]), `${M}×${K}×${N}, flags ${flags}`);
    });
  }
  assert.throws(() => packPanels(new Float32Array(12), 2, 6), /multiple of 8 columns, got 6/);
});

test("layerNorm equals the graph's ops (mean, centre, variance, rsqrt, scale, shift), bit for bit", async () => {
  const k = await setup;
  for (const W of [256, 512]) {
    const rows = 7;
    const x = random([rows, W], 5, 0.3, 2);
    const scale = random([W], 6, 1, 0.2);
    const bias = random([W], 7);
    const eps = 1e-6;
    const want = tf.tidy(() => {
      const t = tf.tensor2d(x, [rows, W]);
      const centred = tf.sub(t, tf.mean(t, -1, true));
      const variance = tf.mean(tf.square(centred), -1, true);
      const r = tf.rsqrt(tf.add(variance, tf.scalar(eps)));
      return tf.add(tf.mul(tf.mul(tf.tensor1d(scale), r), centred), tf.tensor1d(bias)).dataSync() as Float32Array;
    });
    const [xAt, sAt, bAt, outAt] = place(k, [x, scale, bias, rows * W]);
    k.layerNorm(xAt, rows, W, sAt, bAt, Math.fround(eps), outAt);
    assert.ok(same(read(k, outAt, rows * W), want), `width ${W}`);
  }
});

test("scores and context equal TF.js's batched products around its softmax, bit for bit", async () => {
  const k = await setup;
  // T past a block of 48 and not a multiple of 16; dk as in the two layers.
  for (const [B, T, dk, scale] of [
    [2, 7, 64, 0.125],
    [2, 50, 128, 0.0883883461356163],
    [1, 97, 64, 0.125],
  ]) {
    const H = 4;
    const width = H * dk;
    const qkv = random([B, T, 3 * width], 8);
    const [logits, probs, context] = tf.tidy(() => {
      const x = tf.tensor3d(qkv, [B, T, 3 * width]);
      const [q, kk, v] = tf.split(x, 3, 2);
      const heads = (t: tf.Tensor) => tf.transpose<tf.Tensor4D>(tf.reshape(t, [B, T, H, dk]), [0, 2, 1, 3]);
      const l = tf.matMul(tf.mul<tf.Tensor4D>(heads(q), tf.scalar(scale)), heads(kk), false, true);
      const p = tf.reshape<tf.Rank.R4>(tf.softmax(tf.reshape(l, [-1, T])), [B, H, T, T]);
      const c = tf.reshape(tf.transpose(tf.matMul(p, heads(v)), [0, 2, 1, 3]), [B, T, width]);
      return [l, p, c].map((t) => t.dataSync() as Float32Array);
    });
    const [qkvAt, ktAt, qAt, rowAt, lAt, cAt] = place(k, [qkv, dk * 128, dk, 128, B * H * T * T, B * T * width]);
    const stride = 4 * 3 * width;
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const q = qkvAt + b * T * stride + 4 * h * dk;
        k.scores(q, q + 4 * width, T, dk, stride, Math.fround(scale), ktAt, qAt, rowAt, lAt + 4 * (b * H + h) * T * T);
      }
    }
    assert.ok(same(read(k, lAt, B * H * T * T), logits), `scores, T ${T}, dk ${dk}`);
    new Float32Array(k.memory.buffer, lAt, probs.length).set(probs);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const v = qkvAt + b * T * stride + 4 * (2 * width + h * dk);
        k.context(lAt + 4 * (b * H + h) * T * T, v, T, dk, stride, cAt + 4 * (b * T * width + h * dk), 4 * width);
      }
    }
    assert.ok(same(read(k, cAt, B * T * width), context), `context, T ${T}, dk ${dk}`);
  }
});

test("meanRows equals the graph's sum over tokens divided by the count, bit for bit", async () => {
  const k = await setup;
  const [B, T, W] = [3, 41, 512];
  const x = random([B, T, W], 9);
  const want = tf.tidy(() => tf.div(tf.sum(tf.tensor3d(x, [B, T, W]), 1), tf.scalar(T)).dataSync() as Float32Array);
  const [xAt, outAt] = place(k, [x, B * W]);
  k.meanRows(xAt, B, T, W, outAt);
  assert.ok(same(read(k, outAt, B * W), want));
});
