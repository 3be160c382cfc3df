/**
 * The kernels of the logistic regression, as a tiny WebAssembly SIMD
 * module (f64x2) assembled here from its opcodes, so no build step or binary
 * blob is needed:
 *
 *   margins(X, w) → z:  zᵢ = Σⱼ Xᵢⱼ wⱼ     (X·w, one dot product per row)
 *   axpyRows(X, r) → g: g += Σᵢ rᵢ Xᵢ      (Xᵀ·r, one scaled row added at a time)
 *   sparseMargins / sparseScatter: the same two products over a CSR block's non-zeros (scalar f64)
 *
 * X lives in the module's memory as float64 rows whose stride is padded with
 * zeros to a multiple of 8 (four f64x2 accumulators per step). A plain
 * TypeScript version of each kernel sums in exactly the same order, so both
 * give the same bits; it runs where WebAssembly SIMD is unavailable.
 */

import type { Matrix } from "./matrix";
import type { CsrMatrix } from "./sparse";

const I32 = 0x7f,
  F64 = 0x7c,
  V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: [0x0c],
  brIf: [0x0d],
  get: [0x20],
  set: [0x21],
  tee: [0x22],
  f64Load: [0x2b, 0x03],
  f64Store: [0x39, 0x03],
  i32Load: [0x28, 0x02],
  i32Const: [0x41],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  i32LtU: [0x49],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  f64Const0: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f64Ne: [0x62],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  v128Load: [0xfd, 0x00, 0x04],
  v128Store: [0xfd, 0x0b, 0x04],
  v128Zero: [0xfd, 0x0c, ...new Array(16).fill(0)],
  f64x2Splat: [0xfd, 0x14],
  f64x2Lane: [0xfd, 0x21],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
};

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
// prettier-ignore
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
// prettier-ignore
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
// prettier-ignore
const str = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
// prettier-ignore
const get = (l: number) => [...op.get, l];
// prettier-ignore
const set = (l: number) => [...op.set, l];
const i32 = (n: number) => [...op.i32Const, ...sleb(n)];
/** memarg offset for v128 loads/stores (the alignment hint, 2^4, is in the opcode arrays above). */
const at = (offset: number) => uleb(offset);

// margins(x, n, strideBytes, w, z): locals 5 rowEnd, 6 q, 7..10 accumulators, 11 zEnd.
// prettier-ignore
const MARGINS_LOCALS = [[2, I32], [4, V128], [1, I32]];
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
const AXPY_LOCALS = [[2, I32], [1, V128], [1, I32], [1, F64]];
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
const SPARSE_MARGINS_LOCALS = [[2, I32], [1, F64], [1, I32]];
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
const SPARSE_SCATTER_LOCALS = [[2, I32], [1, F64], [2, I32]];
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

// prettier-ignore
const code = (locals: number[][], body: number[]) => {
  const f = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...body, ...op.end];
  return [...uleb(f.length), ...f];
};

/** The module's bytes: one imported memory, two exported functions of type (i32 × 5) → (). */
export function kernelModuleBytes(): Uint8Array {
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(
      1,
      vec([
        [0x60, ...vec(Array(5).fill([I32])), ...vec([])],
        [0x60, ...vec(Array(6).fill([I32])), ...vec([])],
      ]),
    ),
    ...section(2, vec([[...str("env"), ...str("memory"), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [0], [1], [1]])),
    ...section(
      7,
      vec([
        [...str("margins"), 0x00, 0],
        [...str("axpyRows"), 0x00, 1],
        [...str("sparseMargins"), 0x00, 2],
        [...str("sparseScatter"), 0x00, 3],
      ]),
    ),
    ...section(
      10,
      vec([
        code(MARGINS_LOCALS, marginsBody),
        code(AXPY_LOCALS, axpyBody),
        code(SPARSE_MARGINS_LOCALS, sparseMarginsBody),
        code(SPARSE_SCATTER_LOCALS, sparseScatterBody),
      ]),
    ),
  ]);
}

/** Row stride of X in the kernels' layout: the column count rounded up to a multiple of 8 (at least 8). */
export const paddedStride = (cols: number) => Math.max(8, Math.ceil(cols / 8) * 8);

/** zᵢ = Σⱼ Xᵢⱼ wⱼ over padded rows, in the WebAssembly kernel's summation order. */
export function marginsJs(x: Float64Array, n: number, stride: number, w: Float64Array, z: Float64Array): void {
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      s5 = 0,
      s6 = 0,
      s7 = 0;
    for (let j = 0; j < stride; j += 8) {
      s0 += x[o + j] * w[j];
      s1 += x[o + j + 1] * w[j + 1];
      s2 += x[o + j + 2] * w[j + 2];
      s3 += x[o + j + 3] * w[j + 3];
      s4 += x[o + j + 4] * w[j + 4];
      s5 += x[o + j + 5] * w[j + 5];
      s6 += x[o + j + 6] * w[j + 6];
      s7 += x[o + j + 7] * w[j + 7];
    }
    z[i] = s0 + s2 + (s4 + s6) + (s1 + s3 + (s5 + s7));
  }
}

/** g += Σᵢ rᵢ Xᵢ over padded rows (element-wise, so any order gives the same bits). */
export function axpyRowsJs(x: Float64Array, n: number, stride: number, r: Float64Array, g: Float64Array): void {
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    const ri = r[i];
    if (ri === 0) continue;
    for (let j = 0; j < stride; j++) g[j] += ri * x[o + j];
  }
}

/** zᵢ += Σₚ w[indices[p]]·values[p] over each row's non-zeros, as the WebAssembly kernel does. */
export function sparseMarginsJs(a: CsrMatrix, w: Float64Array, z: Float64Array): void {
  const { indptr, indices, values } = a;
  for (let i = 0; i < a.rows; i++) {
    let acc = z[i];
    for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) acc += w[indices[p]] * values[p];
    z[i] = acc;
  }
}

/** g[indices[p]] += rᵢ·values[p] for each row with rᵢ ≠ 0, as the WebAssembly kernel does. */
export function sparseScatterJs(a: CsrMatrix, r: Float64Array, g: Float64Array): void {
  const { indptr, indices, values } = a;
  for (let i = 0; i < a.rows; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) g[indices[p]] += ri * values[p];
  }
}

/**
 * A design (dense block, sparse block, or both) laid out for the kernels, with its working vectors:
 * write w (dense coefficients) and ws (sparse ones), call margins() → z = X·w; write r, call gradient() → g, gs.
 */
export interface DesignKernel {
  readonly rows: number;
  readonly simd: boolean;
  /** Views into the kernels' memory: valid until another kernel runs (fits are synchronous, so: within one call). */
  views(): { w: Float64Array; ws: Float64Array; z: Float64Array; r: Float64Array; g: Float64Array; gs: Float64Array };
  /** z = X·w, the dense part summed first (before the sparse non-zeros are added in). */
  margins(): void;
  /** zᵢ += the sparse block's row i · ws (call after margins() and any change to z). */
  sparseMargins(): void;
  /** g = Xᵀ r for the dense block, gs = Xᵀ r for the sparse block (both zeroed first). */
  gradient(): void;
}

type Kernel5 = (x: number, n: number, strideBytes: number, v: number, out: number) => void;
type Kernel6 = (indptr: number, indices: number, values: number, n: number, v: number, out: number) => void;
type Exports = { margins: Kernel5; axpyRows: Kernel5; sparseMargins: Kernel6; sparseScatter: Kernel6 };

/** The kernels by name, each checked to be an exported function (a module that lacks one is a build error). */
function kernelExports(instance: WebAssembly.Instance): Exports {
  const kernel = (name: keyof Exports) => {
    const f = instance.exports[name];
    if (typeof f !== "function") throw new Error(`the kernel module exports no function "${name}"`);
    return f;
  };
  return {
    margins: kernel("margins"),
    axpyRows: kernel("axpyRows"),
    sparseMargins: kernel("sparseMargins"),
    sparseScatter: kernel("sparseScatter"),
  };
}

let shared: { memory: WebAssembly.Memory; exports: Exports; owner: object | null } | null | undefined;

function sharedModule() {
  if (shared !== undefined) return shared;
  const bytes = kernelModuleBytes();
  if (process.env.SAFETY_SIGNAL_NO_SIMD === "1" || !WebAssembly.validate(bytes)) return (shared = null);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return (shared = { memory, exports: kernelExports(instance), owner: null });
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * Copy a design into the kernels' layout once, for the many evaluations of one fit. One module memory per
 * thread is shared by all kernels: a kernel copies its design back in when another one used the memory in
 * between (fits are synchronous, so that only happens across fits).
 */
export function designKernel(dense: Matrix | null, sparse: CsrMatrix | null, rows: number): DesignKernel {
  const cols = dense?.cols ?? 0;
  const stride = dense ? paddedStride(cols) : 0;
  const sparseCols = sparse?.cols ?? 0;
  const nnz = sparse ? sparse.indptr[rows] : 0;
  const fillDense = (x: Float64Array) => {
    if (!dense) return;
    if (stride === cols) x.set(dense.data);
    else for (let i = 0; i < rows; i++) x.set(dense.data.subarray(i * cols, (i + 1) * cols), i * stride);
  };
  const mod = sharedModule();
  if (!mod) {
    const x = new Float64Array(rows * stride);
    fillDense(x);
    const v = {
      w: new Float64Array(stride),
      ws: new Float64Array(sparseCols),
      z: new Float64Array(rows),
      r: new Float64Array(rows),
      g: new Float64Array(stride),
      gs: new Float64Array(sparseCols),
    };
    return {
      rows,
      simd: false,
      views: () => v,
      margins: () => (dense ? marginsJs(x, rows, stride, v.w, v.z) : v.z.fill(0)),
      sparseMargins: () => sparse && sparseMarginsJs(sparse, v.ws, v.z),
      gradient: () => {
        v.g.fill(0);
        v.gs.fill(0);
        if (dense) axpyRowsJs(x, rows, stride, v.r, v.g);
        if (sparse) sparseScatterJs(sparse, v.r, v.gs);
      },
    };
  }
  // Layout (bytes, each part 16-byte aligned): X | w | g | z | r | indptr | indices | values | ws | gs.
  const parts = [
    rows * stride * 8,
    stride * 8,
    stride * 8,
    rows * 8,
    rows * 8,
    (rows + 1) * 4,
    nnz * 4,
    nnz * 8,
    sparseCols * 8,
    sparseCols * 8,
  ];
  const at: number[] = [];
  let end = 0;
  for (const bytes of parts) {
    at.push(end);
    end += align16(bytes);
  }
  const [xAt, wAt, gAt, zAt, rAt, indptrAt, indicesAt, valuesAt, wsAt, gsAt] = at;
  const me = {};
  let cache: ReturnType<DesignKernel["views"]> | null = null;
  let cachedBuffer: ArrayBuffer | null = null;
  const claim = () => {
    const have = mod.memory.buffer.byteLength;
    if (have < end) mod.memory.grow(Math.ceil((end - have) / 65536));
    if (mod.owner === me) return;
    const b = mod.memory.buffer;
    fillDense(new Float64Array(b, xAt, rows * stride));
    new Float64Array(b, wAt, stride).fill(0);
    if (sparse) {
      new Int32Array(b, indptrAt, rows + 1).set(sparse.indptr.subarray(0, rows + 1));
      new Int32Array(b, indicesAt, nnz).set(sparse.indices.subarray(0, nnz));
      new Float64Array(b, valuesAt, nnz).set(sparse.values.subarray(0, nnz));
    }
    mod.owner = me;
  };
  const views = () => {
    claim();
    if (cachedBuffer !== mod.memory.buffer || !cache) {
      const b = (cachedBuffer = mod.memory.buffer);
      cache = {
        w: new Float64Array(b, wAt, stride),
        ws: new Float64Array(b, wsAt, sparseCols),
        z: new Float64Array(b, zAt, rows),
        r: new Float64Array(b, rAt, rows),
        g: new Float64Array(b, gAt, stride),
        gs: new Float64Array(b, gsAt, sparseCols),
      };
    }
    return cache;
  };
  claim();
  return {
    rows,
    simd: true,
    views,
    margins: () => {
      const v = views();
      if (dense) mod.exports.margins(xAt, rows, stride * 8, wAt, zAt);
      else v.z.fill(0);
    },
    sparseMargins: () => {
      claim();
      if (sparse) mod.exports.sparseMargins(indptrAt, indicesAt, valuesAt, rows, wsAt, zAt);
    },
    gradient: () => {
      const v = views();
      v.g.fill(0);
      v.gs.fill(0);
      if (dense) mod.exports.axpyRows(xAt, rows, stride * 8, rAt, gAt);
      if (sparse) mod.exports.sparseScatter(indptrAt, indicesAt, valuesAt, rows, rAt, gsAt);
    },
  };
}

/** The dense-only case. */
export const denseKernel = (data: Float32Array | Float64Array, rows: number, cols: number): DesignKernel =>
  designKernel({ rows, cols, data }, null, rows);
