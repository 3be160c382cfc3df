/**
 * One elimination step of LU with partial pivoting (../lu.ts), in WebAssembly SIMD f64x2:
 *
 *   luEliminate(a, n, l, k): for each row i below k, aᵢₖ /= aₖₖ (the multiplier), then, unless it is 0,
 *                            aᵢⱼ −= aᵢₖ · aₖⱼ for j from k + 1 to l − 1
 *
 * on the n × l row-major float64 matrix at `a` (rows unpadded; a lane pair may straddle 16-byte boundaries, which
 * WebAssembly allows). Each element sees one multiply and one subtract, as in the plain loop, so the two lanes
 * change nothing: the same bits as ../lu.ts's TypeScript. The pivot search and row swaps stay in TypeScript.
 */
import { F64, get, I32, i32, op, set, V128, type KernelFunction } from "./assembler";

// luEliminate(a 0, n 1, l 2, k 3). Locals: 4 strideBytes, 5 pivot row, 6 row, 7 rows end, 8 d, 9 s, 10 row end,
// 11 aₖₖ, 12 f, 13 f splat.
// prettier-ignore
const luEliminateBody = [
  ...get(2), ...i32(3), ...op.i32Shl, ...set(4),
  ...get(0), ...get(3), ...get(4), ...op.i32Mul, ...op.i32Add, ...set(5),
  ...get(5), ...get(3), ...i32(3), ...op.i32Shl, ...op.i32Add, ...op.f64Load, 0, ...set(11),
  ...get(0), ...get(1), ...get(4), ...op.i32Mul, ...op.i32Add, ...set(7),
  ...get(5), ...get(4), ...op.i32Add, ...set(6),
  ...op.block, ...op.loop,
  ...get(6), ...get(7), ...op.i32GeU, ...op.brIf, 1,
  // f = aᵢₖ / aₖₖ, stored in place of aᵢₖ.
  ...get(6), ...get(3), ...i32(3), ...op.i32Shl, ...op.i32Add, ...set(8),
  ...get(8), ...get(8), ...op.f64Load, 0, ...get(11), ...op.f64Div, ...op.tee, 12, ...op.f64Store, 0,
  ...get(12), ...op.f64Const0, ...op.f64Ne,
  ...op.if,
  ...get(12), ...op.f64x2Splat, ...set(13),
  ...get(8), ...i32(8), ...op.i32Add, ...set(8),
  ...get(5), ...get(3), ...i32(3), ...op.i32Shl, ...op.i32Add, ...i32(8), ...op.i32Add, ...set(9),
  ...get(6), ...get(4), ...op.i32Add, ...set(10),
  // Two columns at a time while both are in the row…
  ...op.block, ...op.loop,
  ...get(8), ...i32(16), ...op.i32Add, ...get(10), ...op.i32GtU, ...op.brIf, 1,
  ...get(8), ...get(8), ...op.v128Load, 0, ...get(13), ...get(9), ...op.v128Load, 0, ...op.f64x2Mul, ...op.f64x2Sub,
  ...op.v128Store, 0,
  ...get(8), ...i32(16), ...op.i32Add, ...set(8),
  ...get(9), ...i32(16), ...op.i32Add, ...set(9),
  ...op.br, 0,
  ...op.end, ...op.end,
  // …then the last one, if the count was odd.
  ...get(8), ...get(10), ...op.i32LtU,
  ...op.if,
  ...get(8), ...get(8), ...op.f64Load, 0, ...get(12), ...get(9), ...op.f64Load, 0, ...op.f64Mul, ...op.f64Sub,
  ...op.f64Store, 0,
  ...op.end,
  ...op.end,
  ...get(6), ...get(4), ...op.i32Add, ...set(6),
  ...op.br, 0,
  ...op.end, ...op.end,
];

export const luKernels: KernelFunction[] = [
  {
    name: "luEliminate",
    params: 4,
    locals: [
      [7, I32],
      [2, F64],
      [1, V128],
    ],
    body: luEliminateBody,
  },
];
