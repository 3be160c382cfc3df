/**
 * A design (dense block, sparse block, or both) laid out once per fit for the many evaluations of X·w and Xᵀ·r
 * that fit makes: in the WebAssembly kernels' memory (./wasm/kernels.ts, ./kernelMemory.ts) where SIMD is
 * available, else in plain arrays for the TypeScript twins (./kernelsJs.ts), which give the same bits.
 */
import type { Matrix } from "./matrix";
import type { CsrMatrix } from "./sparse";
import { KernelArena, paddedStride } from "./kernelMemory";
import { axpyRowsJs, marginsJs, sparseMarginsJs, sparseScatterJs } from "./kernelsJs";

/** The working vectors of a design kernel. */
export interface KernelViews {
  /** Dense coefficients (padded to the stride with zeros). */
  w: Float64Array;
  /** Sparse coefficients. */
  ws: Float64Array;
  /** Margins, one per row. */
  z: Float64Array;
  /** Residuals, one per row. */
  r: Float64Array;
  /** Xᵀ·r for the dense block (padded) and the sparse block. */
  g: Float64Array;
  gs: Float64Array;
}

/**
 * Write w (dense coefficients) and ws (sparse ones), call margins() → z = X·w; write r, call gradient() → g, gs.
 */
export interface DesignKernel {
  readonly rows: number;
  readonly simd: boolean;
  /** Views into the kernels' memory: valid until another kernel runs (fits are synchronous, so: within one call). */
  views(): KernelViews;
  /** z = X·w, the dense part summed first (before the sparse non-zeros are added in). */
  margins(): void;
  /** zᵢ += the sparse block's row i · ws (call after margins() and any change to z). */
  sparseMargins(): void;
  /** g = Xᵀ r for the dense block, gs = Xᵀ r for the sparse block (both zeroed first). */
  gradient(): void;
}

/** Copy a design into the kernels' layout once, for the many evaluations of one fit. */
export function designKernel(dense: Matrix | null, sparse: CsrMatrix | null, rows: number): DesignKernel {
  const cols = dense?.cols ?? 0;
  const stride = dense ? paddedStride(cols) : 0;
  const sparseCols = sparse?.cols ?? 0;
  const nnz = sparse ? sparse.indptr[rows] : 0;
  /** X's rows at the padded stride (the padding stays zero). */
  const fillDense = (x: Float64Array) => {
    if (!dense) return;
    if (stride === cols) x.set(dense.data);
    else for (let i = 0; i < rows; i++) x.set(dense.data.subarray(i * cols, (i + 1) * cols), i * stride);
  };

  // Layout (bytes): X | w | g | z | r | indptr | indices | values | ws | gs.
  const parts = [rows * stride, stride, stride, rows, rows].map((n) => n * 8);
  parts.push((rows + 1) * 4, nnz * 4, nnz * 8, sparseCols * 8, sparseCols * 8);
  const arena = KernelArena.create(parts, (b, [xAt, wAt, , , , indptrAt, indicesAt, valuesAt]) => {
    fillDense(new Float64Array(b, xAt, rows * stride));
    new Float64Array(b, wAt, stride).fill(0);
    if (sparse) {
      new Int32Array(b, indptrAt, rows + 1).set(sparse.indptr.subarray(0, rows + 1));
      new Int32Array(b, indicesAt, nnz).set(sparse.indices.subarray(0, nnz));
      new Float64Array(b, valuesAt, nnz).set(sparse.values.subarray(0, nnz));
    }
  });
  if (!arena) return plainKernel(dense, sparse, rows, stride, fillDense);

  const [xAt, wAt, gAt, zAt, rAt, indptrAt, indicesAt, valuesAt, wsAt, gsAt] = arena.offsets;
  const kernels = arena.exports;
  let cache: KernelViews | null = null;
  let cachedBuffer: ArrayBuffer | null = null;
  const views = () => {
    const b = arena.claim();
    if (cachedBuffer !== b || !cache) {
      cachedBuffer = b;
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
  return {
    rows,
    simd: true,
    views,
    margins: () => {
      const v = views();
      if (dense) kernels.margins(xAt, rows, stride * 8, wAt, zAt);
      else v.z.fill(0);
    },
    sparseMargins: () => {
      arena.claim();
      if (sparse) kernels.sparseMargins(indptrAt, indicesAt, valuesAt, rows, wsAt, zAt);
    },
    gradient: () => {
      const v = views();
      v.g.fill(0);
      v.gs.fill(0);
      if (dense) kernels.axpyRows(xAt, rows, stride * 8, rAt, gAt);
      if (sparse) kernels.sparseScatter(indptrAt, indicesAt, valuesAt, rows, rAt, gsAt);
    },
  };
}

/** The same kernel on plain arrays, for the TypeScript twins. */
function plainKernel(
  dense: Matrix | null,
  sparse: CsrMatrix | null,
  rows: number,
  stride: number,
  fillDense: (x: Float64Array) => void,
): DesignKernel {
  const x = new Float64Array(rows * stride);
  fillDense(x);
  const sparseCols = sparse?.cols ?? 0;
  const v: KernelViews = {
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

/** The dense-only case. */
export const denseKernel = (data: Float32Array | Float64Array, rows: number, cols: number): DesignKernel =>
  designKernel({ rows, cols, data }, null, rows);
