/**
 * Sparse × dense products for the randomized SVD (../../embeddings/svd.ts), in WebAssembly SIMD f64x2:
 *
 *   csrTimesRows(A, M) → R:      Rᵢ += A[i, j] · Mⱼ over row i's non-zeros, in order        (A·M)
 *   gramTimesRows(Aᵀ, Q, u) → R: for each column t of A, u = Σᵢ A[i, t] · Qᵢ, then Rᵢ += A[i, t] · u   (A·Aᵀ·Q)
 *
 * The second takes A's transpose as CSR (its rows list A's rows in increasing order) and never forms the
 * terms × k matrix Aᵀ·Q: one k-vector u at a time stands in for it. Each non-zero adds one scaled row to another,
 * element by element, so the SIMD lanes change nothing and every output element sees the same additions in the
 * same order as the plain loops of ../sparse.ts: the same bits. Rows live at a stride padded with zeros to a
 * multiple of 8 (four f64x2 per step, as ./kernels.ts).
 */
import { at, get, I32, i32, op, set, V128, type KernelFunction } from "./assembler";

/** The locals a row update uses: source and destination addresses, the destination's end, the scale splat. */
interface AxpyLocals {
  s: number;
  d: number;
  dEnd: number;
  v: number;
  strideBytes: number;
}

/** d += v·s over one padded row (d and s already hold the rows' addresses). */
// prettier-ignore
const rowAxpy = ({ s, d, dEnd, v, strideBytes }: AxpyLocals) => [
  ...get(d), ...get(strideBytes), ...op.i32Add, ...set(dEnd),
  ...op.loop,
  ...[0, 1, 2, 3].flatMap((k) => [
    ...get(d), ...get(d), ...op.v128Load, ...at(16 * k), ...get(v), ...get(s), ...op.v128Load, ...at(16 * k),
    ...op.f64x2Mul, ...op.f64x2Add, ...op.v128Store, ...at(16 * k),
  ]),
  ...get(s), ...i32(64), ...op.i32Add, ...set(s),
  ...get(d), ...i32(64), ...op.i32Add, ...op.tee, d,
  ...get(dEnd), ...op.i32LtU, ...op.brIf, 0,
  ...op.end,
];

/** For p from local `p` up to local `pEnd` (byte offsets into indices): v = values[p], `pick` sets s and d, then
 * the row update. */
// prettier-ignore
const forNonZeros = (l: AxpyLocals & { p: number; pEnd: number; values: number }, pick: number[]) => [
  ...op.block, ...op.loop,
  ...get(l.p), ...get(l.pEnd), ...op.i32GeU, ...op.brIf, 1,
  ...get(l.values), ...get(l.p), ...i32(1), ...op.i32Shl, ...op.i32Add, ...op.f64Load, 0, ...op.f64x2Splat, ...set(l.v),
  ...pick,
  ...rowAxpy(l),
  ...get(l.p), ...i32(4), ...op.i32Add, ...set(l.p),
  ...op.br, 0,
  ...op.end, ...op.end,
];

/** The address of row indices[p] of the matrix at local `matrix`. */
// prettier-ignore
const rowOfIndex = (matrix: number, indices: number, p: number, strideBytes: number) => [
  ...get(matrix), ...get(indices), ...get(p), ...op.i32Add, ...op.i32Load, 0, ...get(strideBytes), ...op.i32Mul,
  ...op.i32Add,
];

/** Loop over the CSR rows at local `indptr` (advanced in place) until local `end`; `body` sees p and pEnd set. */
// prettier-ignore
const forRows = (indptr: number, end: number, p: number, pEnd: number, body: number[]) => [
  ...op.block, ...op.loop,
  ...get(indptr), ...get(end), ...op.i32GeU, ...op.brIf, 1,
  ...get(indptr), ...op.i32Load, 0, ...i32(2), ...op.i32Shl, ...set(p),
  ...get(indptr), ...op.i32Load, 4, ...i32(2), ...op.i32Shl, ...set(pEnd),
  ...body,
  ...get(indptr), ...i32(4), ...op.i32Add, ...set(indptr),
  ...op.br, 0,
  ...op.end, ...op.end,
];

// csrTimesRows(indptr 0, indices 1, values 2, n 3, src 4, dst 5, strideBytes 6).
// Locals: 7 p, 8 pEnd, 9 indptr end, 10 s, 11 d, 12 dEnd, 13 row of dst, 14 v.
const timesLocals = { p: 7, pEnd: 8, values: 2, s: 10, d: 11, dEnd: 12, v: 14, strideBytes: 6 };
// prettier-ignore
const csrTimesRowsBody = [
  ...get(0), ...get(3), ...i32(2), ...op.i32Shl, ...op.i32Add, ...set(9),
  ...get(5), ...set(13),
  ...forRows(0, 9, 7, 8, [
    ...forNonZeros(timesLocals, [...rowOfIndex(4, 1, 7, 6), ...set(10), ...get(13), ...set(11)]),
    ...get(13), ...get(6), ...op.i32Add, ...set(13),
  ]),
];

// gramTimesRows(colptr 0, rowIndices 1, values 2, terms 3, q 4, out 5, strideBytes 6, u 7).
// Locals: 8 p, 9 pEnd, 10 colptr end, 11 s, 12 d, 13 dEnd, 14 first p of the column, 15 v.
const gramLocals = { p: 8, pEnd: 9, values: 2, s: 11, d: 12, dEnd: 13, v: 15, strideBytes: 6 };
// prettier-ignore
const gramTimesRowsBody = [
  ...get(0), ...get(3), ...i32(2), ...op.i32Shl, ...op.i32Add, ...set(10),
  ...forRows(0, 10, 8, 9, [
    ...get(8), ...set(14),
    // u = 0, then u += A[i, t] · Qᵢ down the column.
    ...get(7), ...set(12), ...get(7), ...get(6), ...op.i32Add, ...set(13),
    ...op.loop,
    ...get(12), ...op.v128Zero, ...op.v128Store, ...at(0),
    ...get(12), ...i32(16), ...op.i32Add, ...op.tee, 12,
    ...get(13), ...op.i32LtU, ...op.brIf, 0,
    ...op.end,
    ...forNonZeros(gramLocals, [...rowOfIndex(4, 1, 8, 6), ...set(11), ...get(7), ...set(12)]),
    // Rᵢ += A[i, t] · u down the same column.
    ...get(14), ...set(8),
    ...forNonZeros(gramLocals, [...get(7), ...set(11), ...rowOfIndex(5, 1, 8, 6), ...set(12)]),
  ]),
];

export const sparseDenseKernels: KernelFunction[] = [
  {
    name: "csrTimesRows",
    params: 7,
    locals: [
      [7, I32],
      [1, V128],
    ],
    body: csrTimesRowsBody,
  },
  {
    name: "gramTimesRows",
    params: 8,
    locals: [
      [7, I32],
      [1, V128],
    ],
    body: gramTimesRowsBody,
  },
];
