/**
 * The encoder's arithmetic as one small WebAssembly SIMD module (f32x4),
 * assembled from its opcodes in `kernels*` below:
 *
 *   gemm       out = a·b + bias [then relu] [then + extra]   (b packed in panels of 8 columns)
 *   layerNorm  out = (scale · 1/√(var + ε)) · (x − mean) + bias, row by row
 *   scores     S = (q·scale) kᵀ for one head of one message
 *   context    C = P v for one head of one message
 *   meanRows   out[b] = Σ_t x[b][t] / T
 *
 * Each adds in exactly the order TF.js's wasm kernels do, so the bits are
 * the same (tests compare every kernel with TF.js, and the whole encoder with
 * the graph): XNNPACK's matrix products and TF.js's sums accumulate one
 * output at a time over k from zero; TF.js's batched product (the attention)
 * sums the shared dimension in blocks of 48, each from zero, then adds the
 * block to the output and a zero bias. Lanes run across output columns, so
 * each lane keeps that order. What SIMD and packing buy is speed: on one core
 * the matrix product runs at 45.5 GFLOP/s against XNNPACK's 36.0 in TF.js, and
 * the attention at ~18 against 1.9 (npm run bench:embed-profile).
 */
import {
  add,
  assemble,
  bump,
  F32,
  get,
  i32,
  I32,
  loop,
  mul,
  op,
  set,
  uleb,
  V128,
  walk,
  WasmFunction,
  zero,
} from "./wasmAssembler";
import { CONTEXT, SCORES } from "./attentionKernels";
import { InternalError } from "../../errors";

export { TFJS_BLOCK } from "./attentionKernels";

/** Rows per matrix-product tile (the caller pads row counts to a multiple). */
export const GEMM_ROWS = 4;
/** Columns per packed panel of b. */
export const GEMM_PANEL = 8;
export const GEMM_RELU = 1;
export const GEMM_ADD = 2;

// gemm(a, M, K, b, N, bias, out, flags, extra): M a multiple of 4, N of 8; b packed as [N/8][K][8].
// A 4×8 tile of out lives in eight f32x4 accumulators while k runs; a panel of b stays in cache while
// the row tiles pass under it.
const GEMM = ((): WasmFunction => {
  const [A, M, K, B, N, BIAS, OUT, FLAGS, EXTRA] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [P, I0, AP, AEND, BP, K4, K8, K12, AT] = [9, 10, 11, 12, 13, 14, 15, 16, 17];
  const [ACC, B0, B1, X, V] = [18, 26, 27, 28, 29];
  const row = (r: number) => (r === 0 ? get(AP) : [...get(AP), ...get([0, K4, K8, K12][r]), ...op.i32Add]);
  // prettier-ignore
  const epilogue = [0, 1, 2, 3].flatMap((r) => [0, 1].flatMap((c) => [
    ...add(get(OUT), mul(add(mul(add(get(I0), i32(r)), get(N)), get(P)), i32(4))), ...set(AT),
    ...get(ACC + 2 * r + c), ...add(get(BIAS), mul(get(P), i32(4))), ...op.v128Load, ...uleb(16 * c), ...op.f32x4Add,
    ...set(V),
    ...get(FLAGS), ...i32(GEMM_RELU), ...op.i32And, ...op.if,
    ...get(V), ...op.v128Zero, ...op.f32x4Max, ...set(V),
    ...op.end,
    ...get(FLAGS), ...i32(GEMM_ADD), ...op.i32And, ...op.if,
    ...get(V), ...add(get(EXTRA), get(AT), mul(get(OUT), i32(-1))), ...op.v128Load, ...uleb(16 * c), ...op.f32x4Add,
    ...set(V),
    ...op.end,
    ...get(AT), ...get(V), ...op.v128Store, ...uleb(16 * c),
  ]));
  // prettier-ignore
  const body = [
    ...mul(get(K), i32(4)), ...set(K4), ...mul(get(K), i32(8)), ...set(K8), ...mul(get(K), i32(12)), ...set(K12),
    ...loop(P, i32(0), get(N), GEMM_PANEL, [
      ...loop(I0, i32(0), get(M), GEMM_ROWS, [
        ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((n) => zero(ACC + n)),
        ...add(get(A), mul(get(I0), get(K4))), ...set(AP),
        ...add(get(AP), get(K4)), ...set(AEND),
        ...add(get(B), mul(get(P), get(K4))), ...set(BP),
        ...walk(AP, get(AEND), i32(4), [
          ...get(BP), ...op.v128Load, 0, ...set(B0),
          ...get(BP), ...op.v128Load, 16, ...set(B1),
          ...[0, 1, 2, 3].flatMap((r) => [
            ...row(r), ...op.v128Load32Splat, 0, ...set(X),
            ...get(ACC + 2 * r), ...get(X), ...get(B0), ...op.f32x4Mul, ...op.f32x4Add, ...set(ACC + 2 * r),
            ...get(ACC + 2 * r + 1), ...get(X), ...get(B1), ...op.f32x4Mul, ...op.f32x4Add, ...set(ACC + 2 * r + 1),
          ]),
          ...bump(BP, i32(32)),
        ]),
        ...epilogue,
      ]),
    ]),
  ];
  return {
    name: "gemm",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [
      [9, I32],
      [12, V128],
    ],
    body,
  };
})();

// layerNorm(x, rows, W, scale, bias, eps, out): W a multiple of 4. The two sums run in order over the row
// (as TF.js's Mean), the rest four columns at a time.
const LAYER_NORM = ((): WasmFunction => {
  const [X, ROWS, W, SCALE, BIAS, EPS, OUT] = [0, 1, 2, 3, 4, 5, 6];
  const [R, J, RP, OP, W4] = [7, 8, 9, 10, 11];
  const [SUM, MEAN, C, RS] = [12, 13, 14, 15];
  const [VMEAN, VRS] = [16, 17];
  const width = () => [...get(W), ...op.f32ConvertI32U];
  const x = () => [...get(RP), ...get(J), ...op.i32Add];
  // prettier-ignore
  const body = [
    ...mul(get(W), i32(4)), ...set(W4),
    ...loop(R, i32(0), get(ROWS), 1, [
      ...add(get(X), mul(get(R), get(W4))), ...set(RP),
      ...add(get(OUT), mul(get(R), get(W4))), ...set(OP),
      ...op.f32Const0, ...set(SUM),
      ...loop(J, i32(0), get(W4), 4, [...get(SUM), ...x(), ...op.f32Load, 0, ...op.f32Add, ...set(SUM)]),
      ...get(SUM), ...width(), ...op.f32Div, ...set(MEAN),
      ...op.f32Const0, ...set(SUM),
      ...loop(J, i32(0), get(W4), 4, [
        ...x(), ...op.f32Load, 0, ...get(MEAN), ...op.f32Sub, ...set(C),
        ...get(SUM), ...get(C), ...get(C), ...op.f32Mul, ...op.f32Add, ...set(SUM),
      ]),
      ...op.f32Const1, ...get(SUM), ...width(), ...op.f32Div, ...get(EPS), ...op.f32Add, ...op.f32Sqrt, ...op.f32Div,
      ...set(RS),
      ...get(MEAN), ...op.f32x4Splat, ...set(VMEAN),
      ...get(RS), ...op.f32x4Splat, ...set(VRS),
      ...loop(J, i32(0), get(W4), 16, [
        ...get(OP), ...get(J), ...op.i32Add,
        ...get(SCALE), ...get(J), ...op.i32Add, ...op.v128Load, 0, ...get(VRS), ...op.f32x4Mul,
        ...x(), ...op.v128Load, 0, ...get(VMEAN), ...op.f32x4Sub, ...op.f32x4Mul,
        ...get(BIAS), ...get(J), ...op.i32Add, ...op.v128Load, 0, ...op.f32x4Add,
        ...op.v128Store, 0,
      ]),
    ]),
  ];
  return {
    name: "layerNorm",
    params: [I32, I32, I32, I32, I32, F32, I32],
    locals: [
      [5, I32],
      [4, F32],
      [2, V128],
    ],
    body,
  };
})();

// meanRows(x, B, T, W, out): out[b][c] = (Σ_t x[b][t][c]) / T, the sum in order of t (TF.js's Sum), then
// divided (the graph's RealDiv); four columns at a time.
const MEAN_ROWS = ((): WasmFunction => {
  const [X, B, T, W, OUT] = [0, 1, 2, 3, 4];
  const [BI, C, TI, W4, XP] = [5, 6, 7, 8, 9];
  const [ACC, VT] = [10, 11];
  // prettier-ignore
  const body = [
    ...mul(get(W), i32(4)), ...set(W4),
    ...get(T), ...op.f32ConvertI32U, ...op.f32x4Splat, ...set(VT),
    ...loop(BI, i32(0), get(B), 1,
      loop(C, i32(0), get(W4), 16, [
        ...zero(ACC),
        ...add(get(X), mul(mul(get(BI), get(T)), get(W4)), get(C)), ...set(XP),
        ...loop(TI, i32(0), get(T), 1, [
          ...get(ACC), ...get(XP), ...op.v128Load, 0, ...op.f32x4Add, ...set(ACC),
          ...bump(XP, get(W4)),
        ]),
        ...add(get(OUT), mul(get(BI), get(W4)), get(C)), ...get(ACC), ...get(VT), ...op.f32x4Div, ...op.v128Store, 0,
      ])),
  ];
  return {
    name: "meanRows",
    params: [I32, I32, I32, I32, I32],
    locals: [
      [5, I32],
      [2, V128],
    ],
    body,
  };
})();

export interface KernelExports {
  memory: WebAssembly.Memory;
  gemm(
    a: number,
    M: number,
    K: number,
    b: number,
    N: number,
    bias: number,
    out: number,
    flags: number,
    extra: number,
  ): void;
  layerNorm(x: number, rows: number, W: number, scale: number, bias: number, eps: number, out: number): void;
  scores(
    q: number,
    k: number,
    T: number,
    dk: number,
    stride: number,
    scale: number,
    kt: number,
    qs: number,
    row: number,
    out: number,
  ): void;
  context(p: number, v: number, T: number, dk: number, stride: number, out: number, outStride: number): void;
  meanRows(x: number, B: number, T: number, W: number, out: number): void;
}

let compiled: KernelExports | null | undefined;

/** The kernels (a fresh memory per thread), or null where WebAssembly SIMD is unavailable. */
export function encoderKernels(): KernelExports | null {
  if (compiled !== undefined) return compiled;
  let exports: WebAssembly.Instance["exports"];
  try {
    const bytes = assemble([GEMM, LAYER_NORM, SCORES, CONTEXT, MEAN_ROWS]);
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  } catch {
    return (compiled = null);
  }
  const fn = (name: string): WebAssembly.ExportedFunction => {
    const f = exports[name];
    if (typeof f !== "function") throw new InternalError(`the encoder's kernel module lacks ${name}()`);
    return f;
  };
  const memory = exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new InternalError("the encoder's kernel module exports no memory");
  compiled = {
    memory,
    gemm: fn("gemm"),
    layerNorm: fn("layerNorm"),
    scores: fn("scores"),
    context: fn("context"),
    meanRows: fn("meanRows"),
  };
  return compiled;
}

/** b [K][N] row-major, packed for `gemm` as [N/8][K][8]. */
export function packPanels(b: Float32Array, K: number, N: number): Float32Array {
  if (N % GEMM_PANEL) throw new RangeError(`gemm needs a multiple of ${GEMM_PANEL} columns, got ${N}`);
  const packed = new Float32Array(K * N);
  for (let p = 0; p < N / GEMM_PANEL; p++) {
    for (let k = 0; k < K; k++) {
      for (let c = 0; c < GEMM_PANEL; c++) packed[(p * K + k) * GEMM_PANEL + c] = b[k * N + p * GEMM_PANEL + c];
    }
  }
  return packed;
}
