import { test } from "node:test";
import assert from "node:assert/strict";
import { l2NormalizeRows, meanPool, MpnetEmbedder, EmbeddingModelUnavailable } from "../lib/embeddings/mpnet";

test("mean pooling averages only the unmasked tokens", () => {
  // batch 2, seq 3, dim 2; the second sentence has one padding token.
  const tokens = [1, 2, 3, 4, 5, 6, /* */ 10, 20, 30, 40, 999, 999];
  const mask = [1, 1, 1, /* */ 1, 1, 0];
  const m = meanPool(tokens, mask, 2, 3, 2);
  assert.deepEqual(Array.from(m.data), [3, 4, 20, 30]);
});

test("mean pooling accepts bigint masks (transformers.js returns int64) and pools all-padding rows to zero", () => {
  const m = meanPool([1, 1, 2, 2], [0n, 0n], 1, 2, 2);
  assert.deepEqual(Array.from(m.data), [0, 0]);
});

test("mean pooling refuses mismatched shapes", () => {
  assert.throws(() => meanPool([1, 2, 3], [1], 1, 1, 2), /expected 1×1×2 token values/);
});

test("L2 normalization gives unit rows and leaves zero rows alone", () => {
  const m = l2NormalizeRows({ rows: 2, cols: 2, data: Float32Array.from([3, 4, 0, 0]) });
  [0.6, 0.8, 0, 0].forEach((v, i) => assert.ok(Math.abs(m.data[i] - v) < 1e-7, `${m.data[i]} vs ${v}`));
});

test("without the optional package, the mpnet path fails fast and says how to use the offline default", async () => {
  let hasPackage = true;
  try {
    require.resolve("@huggingface/transformers");
  } catch {
    hasPackage = false;
  }
  if (hasPackage) return; // on a machine that has it, the download path is exercised by `npm run embed -- --method mpnet`
  await assert.rejects(MpnetEmbedder.create(), (e: unknown) => {
    assert.ok(e instanceof EmbeddingModelUnavailable);
    assert.match(e.message, /not installed/);
    assert.match(e.message, /npm run embed/);
    return true;
  });
});
