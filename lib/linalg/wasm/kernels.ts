/**
 * The logistic regression's kernels, written in WebAssembly (SIMD f64x2 for the dense block) and assembled by
 * ./assembler:
 *
 *   margins(X, w) → z:  zᵢ = Σⱼ Xᵢⱼ wⱼ     (X·w, one dot product per row)
 *   axpyRows(X, r) → g: g += Σᵢ rᵢ Xᵢ      (Xᵀ·r, one scaled row added at a time)
 *   sparseMargins / sparseScatter: the same two products over a CSR block's non-zeros (scalar f64)
 *
 * X lives in the module's memory as float64 rows whose stride is padded with zeros to a multiple of 8 (four
 * f64x2 accumulators per step). ../kernelsJs.ts holds a plain TypeScript twin of each that sums in exactly the
 * same order, so both give the same bits.
 */
import { at, encodeModule, F64, get, I32, i32, op, set, V128 } from "./assembler";
import { luKernels } from "./luKernels";
import { sparseDenseKernels } from "./sparseDenseKernels";

// margins(x, n, strideBytes, w, z): locals 5 rowEnd, 6 q, 7..10 accumulators, 11 zEnd.
// prettier-ignore
const MARGINS_LOCALS: Array<[number, number]> = [[2, I32], [4, V128], [1, I32]];
// prettier-ignore
const marginsBody = [
  ...get(4), ...get(1), ...i32(8), ...op.i32Mul, ...op.i32Add, ...set(11),
  ...op.block, ...op.loop,
  ...get(4), ...get(11), ...op.i32GeU, ...op.brIf, 1,
  ...op.v128Zero, ...set(7), ...op.v128Zero, ...set(8), ...op.v128Zero, ...set(9), ...op.v128Zero, ...set(10),
  ...get(0), ...get(2), ...op.i32Add, ...set(5),
  ...get(3), ...set(6),
  ...op.loop,
  ...[0, 1, 2, 3].flatMap((k) => [
    ...get(7 + k), ...get(0), ...op.v128Load, ...at(16 * k), ...get(6), ...op.v128Load, ...at(16 * k), ...op.f64x2Mul, ...op.f64x2Add, ...set(7 + k),
  ]),
  ...get(0), ...i32(64), ...op.i32Add, ...op.tee, 0,
  ...get(6), ...i32(64), ...op.i32Add, ...set(6),
  ...get(5), ...op.i32LtU, ...op.brIf, 0,
  ...op.end,
  // ((acc0 + acc1) + (acc2 + acc3)), then lane 0 + lane 1.
  ...get(4),
  ...get(7), ...get(8), ...op.f64x2Add, ...get(9), ...get(10), ...op.f64x2Add, ...op.f64x2Add, ...op.tee, 7,
  ...op.f64x2Lane, 0, ...get(7), ...op.f64x2Lane, 1, ...op.f64Add,
  ...op.f64Store, 0,
  ...get(4), ...i32(8), ...op.i32Add, ...set(4),
  ...op.br, 0,
  ...op.end, ...op.end,
];

// axpyRows(x, n, strideBytes, r, g): locals 5 rowEnd, 6 q, 7 rᵢ splat, 8 rEnd, 9 rᵢ.
// prettier-ignore
const AXPY_LOCALS: Array<[number, number]> = [[2, I32], [1, V128], [1, I32], [1, F64]];
// prettier-ignore
const axpyBody = [
  ...get(3), ...get(1), ...i32(8), ...op.i32Mul, ...op.i32Add, ...set(8),
  ...op.block, ...op.loop,
  ...get(3), ...get(8), ...op.i32GeU, ...op.brIf, 1,
  ...get(0), ...get(2), ...op.i32Add, ...set(5),
  ...get(3), ...op.f64Load, 0, ...op.tee, 9, ...op.f64Const0, ...op.f64Ne,
  ...op.if,
  ...get(9), ...op.f64x2Splat, ...set(7),
  ...get(4), ...set(6),
  ...op.loop,
  ...[0, 1, 2, 3].flatMap((k) => [
    ...get(6), ...get(6), ...op.v128Load, ...at(16 * k), ...get(7), ...get(0), ...op.v128Load, ...at(16 * k), ...op.f64x2Mul, ...op.f64x2Add,
    ...op.v128Store, ...at(16 * k),
  ]),
  ...get(0), ...i32(64), ...op.i32Add, ...op.tee, 0,
  ...get(6), ...i32(64), ...op.i32Add, ...set(6),
  ...get(5), ...op.i32LtU, ...op.brIf, 0,
  ...op.end,
  ...op.end,
  ...get(5), ...set(0),
  ...get(3), ...i32(8), ...op.i32Add, ...set(3),
  ...op.br, 0,
  ...op.end, ...op.end,
];

// sparseMargins(indptr, indices, values, n, w, z): zᵢ += Σₚ w[indices[p]]·values[p] over row i's non-zeros, in order.
// Locals 6 p (byte offset into indices), 7 pEnd, 8 acc, 9 zEnd.
// prettier-ignore
const SPARSE_MARGINS_LOCALS: Array<[number, number]> = [[2, I32], [1, F64], [1, I32]];
// prettier-ignore
const rowRange = [
  ...get(0), ...op.i32Load, 0, ...i32(2), ...op.i32Shl, ...set(6),
  ...get(0), ...op.i32Load, 4, ...i32(2), ...op.i32Shl, ...set(7),
];
// prettier-ignore
const sparseMarginsBody = [
  ...get(5), ...get(3), ...i32(8), ...op.i32Mul, ...op.i32Add, ...set(9),
  ...op.block, ...op.loop,
  ...get(5), ...get(9), ...op.i32GeU, ...op.brIf, 1,
  ...rowRange,
  ...get(5), ...op.f64Load, 0, ...set(8),
  ...op.block, ...op.loop,
  ...get(6), ...get(7), ...op.i32GeU, ...op.brIf, 1,
  ...get(8),
  ...get(4), ...get(1), ...get(6), ...op.i32Add, ...op.i32Load, 0, ...i32(3), ...op.i32Shl, ...op.i32Add, ...op.f64Load, 0,
  ...get(2), ...get(6), ...i32(1), ...op.i32Shl, ...op.i32Add, ...op.f64Load, 0,
  ...op.f64Mul, ...op.f64Add, ...set(8),
  ...get(6), ...i32(4), ...op.i32Add, ...set(6),
  ...op.br, 0,
  ...op.end, ...op.end,
  ...get(5), ...get(8), ...op.f64Store, 0,
  ...get(5), ...i32(8), ...op.i32Add, ...set(5),
  ...get(0), ...i32(4), ...op.i32Add, ...set(0),
  ...op.br, 0,
  ...op.end, ...op.end,
];

// sparseScatter(indptr, indices, values, n, r, g): g[indices[p]] += rᵢ·values[p] for each row with rᵢ ≠ 0.
// Locals 6 p, 7 pEnd, 8 rᵢ, 9 rEnd, 10 address in g.
// prettier-ignore
const SPARSE_SCATTER_LOCALS: Array<[number, number]> = [[2, I32], [1, F64], [2, I32]];
// prettier-ignore
const sparseScatterBody = [
  ...get(4), ...get(3), ...i32(8), ...op.i32Mul, ...op.i32Add, ...set(9),
  ...op.block, ...op.loop,
  ...get(4), ...get(9), ...op.i32GeU, ...op.brIf, 1,
  ...get(4), ...op.f64Load, 0, ...op.tee, 8, ...op.f64Const0, ...op.f64Ne,
  ...op.if,
  ...rowRange,
  ...op.block, ...op.loop,
  ...get(6), ...get(7), ...op.i32GeU, ...op.brIf, 1,
  ...get(5), ...get(1), ...get(6), ...op.i32Add, ...op.i32Load, 0, ...i32(3), ...op.i32Shl, ...op.i32Add, ...op.tee, 10,
  ...get(10), ...op.f64Load, 0,
  ...get(8), ...get(2), ...get(6), ...i32(1), ...op.i32Shl, ...op.i32Add, ...op.f64Load, 0, ...op.f64Mul,
  ...op.f64Add, ...op.f64Store, 0,
  ...get(6), ...i32(4), ...op.i32Add, ...set(6),
  ...op.br, 0,
  ...op.end, ...op.end,
  ...op.end,
  ...get(4), ...i32(8), ...op.i32Add, ...set(4),
  ...get(0), ...i32(4), ...op.i32Add, ...set(0),
  ...op.br, 0,
  ...op.end, ...op.end,
];

/** The module's bytes: one imported memory; margins and axpyRows take 5 i32 arguments, the sparse kernels 6, the
 * sparse × dense kernels of ./sparseDenseKernels 7, the LU step of ./luKernels 4. */
export function kernelModuleBytes(): Uint8Array {
  return encodeModule([
    { name: "margins", params: 5, locals: MARGINS_LOCALS, body: marginsBody },
    { name: "axpyRows", params: 5, locals: AXPY_LOCALS, body: axpyBody },
    { name: "sparseMargins", params: 6, locals: SPARSE_MARGINS_LOCALS, body: sparseMarginsBody },
    { name: "sparseScatter", params: 6, locals: SPARSE_SCATTER_LOCALS, body: sparseScatterBody },
    ...sparseDenseKernels,
    ...luKernels,
  ]);
}
