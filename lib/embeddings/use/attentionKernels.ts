// The attention's two products for one head of one message, as WebAssembly functions for ./kernels' module:
// scores S = (q·scale) kᵀ and context C = P v. Both sum the shared dimension in TF.js's blocks of 48, each from zero,
// then add the block to the output and a zero bias, so the bits are TF.js's batched product's (test/use-kernels).
import {
  add,
  bump,
  F32,
  get,
  i32,
  I32,
  loop,
  madd,
  min,
  mul,
  op,
  set,
  uleb,
  V128,
  walk,
  WasmFunction,
  zero,
} from "./wasmAssembler";

/** TF.js's batched matrix product sums its shared dimension in blocks of this many. */
export const TFJS_BLOCK = 48;
/** acc = (acc + s) + 0: TF.js's batched product adds a block's sum to the output, then a zero bias. */
const addBlock = (acc: number, s: number) => [
  ...get(acc),
  ...get(s),
  ...op.f32x4Add,
  ...op.v128Zero,
  ...op.f32x4Add,
  ...set(acc),
];

// scores(q, k, T, dk, rowStride, scale, kt, qs, row, out): one head of one message; pointers and strides
// in bytes. kᵀ is copied to kt, padded with zeros to Tp (a multiple of 16) columns; sixteen columns of a
// row are computed at a time and the row's first T kept.
export const SCORES = ((): WasmFunction => {
  const [Q, K, T, DK, STRIDE, SCALE, KT, QS, ROW, OUT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [TP, I, J, D, JV, K0, KEND, QP, QEND, KP] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  const [ACC, S, X] = [20, 24, 28];
  // prettier-ignore
  const body = [
    ...get(T), ...i32(15), ...op.i32Add, ...i32(-16), ...op.i32And, ...set(TP),
    ...get(KT), ...i32(0), ...mul(mul(get(DK), get(TP)), i32(4)), ...op.memoryFill,
    ...loop(J, i32(0), get(T), 1,
      loop(D, i32(0), get(DK), 1, [
        ...add(get(KT), mul(add(mul(get(D), get(TP)), get(J)), i32(4))),
        ...add(get(K), mul(get(J), get(STRIDE)), mul(get(D), i32(4))), ...op.f32Load, 0,
        ...op.f32Store, 0,
      ])),
    ...loop(I, i32(0), get(T), 1, [
      // The graph scales q before the product: qs = q·scale, rounded to f32.
      ...loop(D, i32(0), get(DK), 1, [
        ...add(get(QS), mul(get(D), i32(4))),
        ...add(get(Q), mul(get(I), get(STRIDE)), mul(get(D), i32(4))), ...op.f32Load, 0, ...get(SCALE), ...op.f32Mul,
        ...op.f32Store, 0,
      ]),
      ...loop(JV, i32(0), get(TP), 16, [
        ...[0, 1, 2, 3].flatMap((n) => zero(ACC + n)),
        ...loop(K0, i32(0), get(DK), TFJS_BLOCK, [
          ...min(add(get(K0), i32(TFJS_BLOCK)), get(DK)), ...set(KEND),
          ...[0, 1, 2, 3].flatMap((n) => zero(S + n)),
          ...add(get(QS), mul(get(K0), i32(4))), ...set(QP),
          ...add(get(QS), mul(get(KEND), i32(4))), ...set(QEND),
          ...add(get(KT), mul(add(mul(get(K0), get(TP)), get(JV)), i32(4))), ...set(KP),
          ...walk(QP, get(QEND), i32(4), [
            ...get(QP), ...op.v128Load32Splat, 0, ...set(X),
            ...[0, 1, 2, 3].flatMap((n) => madd(S + n, X, get(KP), 16 * n)),
            ...bump(KP, mul(get(TP), i32(4))),
          ]),
          ...[0, 1, 2, 3].flatMap((n) => addBlock(ACC + n, S + n)),
        ]),
        ...[0, 1, 2, 3].flatMap((n) => [
          ...add(get(ROW), mul(get(JV), i32(4))), ...get(ACC + n), ...op.v128Store, ...uleb(16 * n),
        ]),
      ]),
      ...add(get(OUT), mul(mul(get(I), get(T)), i32(4))), ...get(ROW), ...mul(get(T), i32(4)), ...op.memoryCopy,
    ]),
  ];
  return {
    name: "scores",
    params: [I32, I32, I32, I32, I32, F32, I32, I32, I32, I32],
    locals: [
      [10, I32],
      [9, V128],
    ],
    body,
  };
})();

// context(p, v, T, dk, rowStride, out, outStride): P is [T][T]; v and out rows at their strides (bytes);
// sixteen of dk's columns at a time (dk a multiple of 16).
export const CONTEXT = ((): WasmFunction => {
  const [P, V, T, DK, VSTRIDE, OUT, OSTRIDE] = [0, 1, 2, 3, 4, 5, 6];
  const [I, DV, J0, JEND, PP, PEND, VP] = [7, 8, 9, 10, 11, 12, 13];
  const [ACC, S, X] = [14, 18, 22];
  // prettier-ignore
  const body = [
    ...loop(I, i32(0), get(T), 1,
      loop(DV, i32(0), get(DK), 16, [
        ...[0, 1, 2, 3].flatMap((n) => zero(ACC + n)),
        ...loop(J0, i32(0), get(T), TFJS_BLOCK, [
          ...min(add(get(J0), i32(TFJS_BLOCK)), get(T)), ...set(JEND),
          ...[0, 1, 2, 3].flatMap((n) => zero(S + n)),
          ...add(get(P), mul(add(mul(get(I), get(T)), get(J0)), i32(4))), ...set(PP),
          ...add(get(P), mul(add(mul(get(I), get(T)), get(JEND)), i32(4))), ...set(PEND),
          ...add(get(V), mul(get(J0), get(VSTRIDE)), mul(get(DV), i32(4))), ...set(VP),
          ...walk(PP, get(PEND), i32(4), [
            ...get(PP), ...op.v128Load32Splat, 0, ...set(X),
            ...[0, 1, 2, 3].flatMap((n) => madd(S + n, X, get(VP), 16 * n)),
            ...bump(VP, get(VSTRIDE)),
          ]),
          ...[0, 1, 2, 3].flatMap((n) => addBlock(ACC + n, S + n)),
        ]),
        ...[0, 1, 2, 3].flatMap((n) => [
          ...add(get(OUT), mul(get(I), get(OSTRIDE)), mul(get(DV), i32(4))), ...get(ACC + n),
          ...op.v128Store, ...uleb(16 * n),
        ]),
      ])),
  ];
  return {
    name: "context",
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [
      [7, I32],
      [9, V128],
    ],
    body,
  };
})();
