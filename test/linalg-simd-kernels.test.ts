import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { ROOT } from "./helpers";
import { denseKernel, designKernel } from "../lib/linalg/designKernel";
import { paddedStride } from "../lib/linalg/kernelMemory";
import { axpyRowsJs, marginsJs, sparseMarginsJs, sparseScatterJs } from "../lib/linalg/kernelsJs";
import { encodeModule, F64, get, op, sleb, uleb } from "../lib/linalg/wasm/assembler";
import { kernelModuleBytes } from "../lib/linalg/wasm/kernels";
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

for (const [n, d] of [
  [1, 1],
  [7, 3],
  [40, 13],
  [300, 512],
]) {
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
  const a = block(50, 20, 1),
    b = block(80, 700, 2);
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

test("the sparse kernels give the plain loops' bits, beside a dense block and alone", () => {
  const rng = makeRng(9);
  const rows = 60,
    cols = 200;
  const perRow = Array.from({ length: rows }, (_, i) =>
    i % 7 === 0 ? [] : [...new Set(Array.from({ length: 12 }, () => Math.floor(rng() * cols)))].sort((a, b) => a - b),
  );
  const indptr = new Int32Array(rows + 1);
  perRow.forEach((c, i) => (indptr[i + 1] = indptr[i] + c.length));
  const sparse = {
    rows,
    cols,
    indptr,
    indices: Int32Array.from(perRow.flat()),
    values: Float64Array.from(perRow.flat(), () => gaussian(rng)),
  };
  const ws = Float64Array.from({ length: cols }, () => gaussian(rng));
  const r = Float64Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 0 : gaussian(rng)));
  const { data } = block(rows, 9, 3);
  for (const dense of [{ rows, cols: 9, data }, null]) {
    const k = designKernel(dense, sparse, rows);
    assert.ok(k.simd);
    const v = k.views();
    v.w.fill(0.5);
    v.ws.set(ws);
    v.r.set(r);
    k.margins();
    const z = Float64Array.from(k.views().z);
    k.sparseMargins();
    k.gradient();
    sparseMarginsJs(sparse, ws, z);
    const gs = new Float64Array(cols);
    sparseScatterJs(sparse, r, gs);
    assert.deepEqual(Array.from(k.views().z), Array.from(z));
    assert.deepEqual(Array.from(k.views().gs), Array.from(gs));
    for (let i = 0; i < rows; i++) {
      let exact = 0;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) exact += ws[sparse.indices[p]] * sparse.values[p];
      if (!dense) assert.ok(Math.abs(exact - z[i]) <= 1e-12 * (1 + Math.abs(exact)), `row ${i}`);
    }
  }
});

test("a fit gives the same bits with the WebAssembly kernels and with the plain TypeScript fallback", () => {
  // The fallback is chosen once per process, so the second fit runs in a child with SIMD switched off.
  const script = `
    const { LogisticRegression } = require("./lib/models/logisticRegression");
    const { hstack } = require("./lib/linalg/design");
    const { makeRng, gaussian } = require("./lib/util/random");
    const rng = makeRng(4), n = 120, d = 11, cols = 40;
    const data = Float32Array.from({ length: n * d }, () => gaussian(rng));
    const indptr = Int32Array.from({ length: n + 1 }, (_, i) => 3 * i);
    const indices = Int32Array.from({ length: 3 * n }, (_, p) => (p * 7 + Math.floor(p / 3)) % cols);
    const values = Float64Array.from({ length: 3 * n }, () => rng());
    const y = Array.from({ length: n }, (_, i) => (data[i * d] + values[3 * i] > 0.6 ? 1 : 0));
    const m = new LogisticRegression({ C: 2, classWeight: "balanced" }).fit(hstack({ rows: n, cols: d, data }, { rows: n, cols, indptr, indices, values }), y);
    console.log(JSON.stringify([Array.from(m.coef), m.intercept, require("./lib/linalg/designKernel").denseKernel(data, 1, 1).simd]));`;
  const run = (env: Record<string, string>) => {
    const out = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    assert.equal(out.status, 0, out.stderr);
    return JSON.parse(out.stdout);
  };
  const simd = run({});
  const plain = run({ SAFETY_SIGNAL_NO_SIMD: "1" });
  assert.equal(simd[2], true);
  assert.equal(plain[2], false);
  assert.deepEqual(plain.slice(0, 2), simd.slice(0, 2));
});

test("the assembler's LEB128 integers are the WebAssembly spec's (and DWARF's) examples", () => {
  assert.deepEqual(uleb(0), [0x00]);
  assert.deepEqual(uleb(127), [0x7f]);
  assert.deepEqual(uleb(128), [0x80, 0x01]);
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(sleb(-1), [0x7f]);
  assert.deepEqual(sleb(63), [0x3f]);
  assert.deepEqual(sleb(64), [0xc0, 0x00]);
  assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
});

test("the assembler encodes a module WebAssembly accepts and runs, with its exports in order", () => {
  // sum(a, b, out): out = a + b, the three arguments being byte offsets of f64 values.
  const bytes = encodeModule([
    {
      name: "sum",
      params: 3,
      locals: [[1, F64]],
      body: [...get(2), ...get(0), ...op.f64Load, 0, ...get(1), ...op.f64Load, 0, ...op.f64Add, ...op.f64Store, 0],
    },
  ]);
  assert.ok(WebAssembly.validate(bytes));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const sum = exports.sum;
  assert.equal(typeof sum, "function");
  const f = new Float64Array(memory.buffer, 0, 3);
  f.set([1.25, 2.5]);
  if (typeof sum === "function") sum(0, 8, 16);
  assert.equal(f[2], 3.75);
  assert.ok(WebAssembly.validate(kernelModuleBytes()), "the kernels' module validates");
});
