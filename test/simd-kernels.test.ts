import { test } from "node:test";
import assert from "node:assert/strict";
import { axpyRowsJs, denseKernel, marginsJs, paddedStride } from "../lib/linalg/simdKernels";
import { gaussian, makeRng } from "../lib/util/random";

/** A random block, and the same block padded to the kernels' stride for the plain TypeScript versions. */
function block(n: number, d: number, seed: number) {
  const rng = makeRng(seed);
  const data = Float32Array.from({ length: n * d }, () => gaussian(rng));
  const stride = paddedStride(d);
  const padded = new Float64Array(n * stride);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) padded[i * stride + j] = data[i * d + j];
  const w = Float64Array.from({ length: stride }, (_, j) => (j < d ? gaussian(rng) : 0));
  const r = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : gaussian(rng)));
  return { data, stride, padded, w, r };
}

for (const [n, d] of [[1, 1], [7, 3], [40, 13], [300, 512]]) {
  test(`WebAssembly SIMD kernels give the plain loops' bits and the exact products (${n}×${d})`, () => {
    const { data, stride, padded, w, r } = block(n, d, n + d);
    const k = denseKernel(data, n, d);
    assert.ok(k.simd, "WebAssembly SIMD is available in Node ≥ 20");
    const v = k.views();
    v.w.set(w.subarray(0, d));
    v.r.set(r);
    k.margins();
    k.gradient();
    const z = new Float64Array(n);
    const g = new Float64Array(stride);
    marginsJs(padded, n, stride, w, z);
    axpyRowsJs(padded, n, stride, r, g);
    const out = k.views();
    assert.deepEqual(Array.from(out.z), Array.from(z), "X·w: same bits as the TypeScript version");
    assert.deepEqual(Array.from(out.g.subarray(0, d)), Array.from(g.subarray(0, d)), "Xᵀ·r: same bits");
    for (let i = 0; i < n; i++) {
      let exact = 0;
      for (let j = 0; j < d; j++) exact += data[i * d + j] * w[j];
      assert.ok(Math.abs(exact - z[i]) <= 1e-12 * (1 + Math.abs(exact)), `row ${i}: ${z[i]} vs ${exact}`);
    }
  });
}

test("two kernels share the module's memory: each copies its block back in when the other ran in between", () => {
  const a = block(50, 20, 1), b = block(80, 700, 2);
  const ka = denseKernel(a.data, 50, 20);
  const kb = denseKernel(b.data, 80, 700);
  const run = (k: ReturnType<typeof denseKernel>, w: Float64Array, d: number) => {
    k.views().w.set(w.subarray(0, d));
    k.margins();
    return Array.from(k.views().z);
  };
  const first = run(ka, a.w, 20);
  run(kb, b.w, 700);
  assert.deepEqual(run(ka, a.w, 20), first);
});
