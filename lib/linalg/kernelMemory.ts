/**
 * The kernels' WebAssembly module, instantiated once per thread, and its one memory, which every kernel in the
 * thread shares: each lays out its data as an arena of parts and copies it back in when another one used the
 * memory in between (fits are synchronous, so that only happens across fits).
 */
import { kernelModuleBytes } from "./wasm/kernels";
import { InternalError } from "../errors";

type Kernel5 = (x: number, n: number, strideBytes: number, v: number, out: number) => void;
type Kernel6 = (indptr: number, indices: number, values: number, n: number, v: number, out: number) => void;
type Kernel7 = (
  indptr: number,
  indices: number,
  values: number,
  n: number,
  src: number,
  dst: number,
  strideBytes: number,
) => void;
export interface KernelExports {
  margins: Kernel5;
  axpyRows: Kernel5;
  sparseMargins: Kernel6;
  sparseScatter: Kernel6;
  csrTimesRows: Kernel7;
  gramTimesRows: (...args: [...Parameters<Kernel7>, u: number]) => void;
  luEliminate: (a: number, n: number, l: number, k: number) => void;
}

interface KernelModule {
  memory: WebAssembly.Memory;
  exports: KernelExports;
  /** The arena whose data the memory holds now. */
  owner: KernelArena | null;
}

/** The kernels by name, each checked to be an exported function (a module that lacks one is a build error). */
function kernelExports(instance: WebAssembly.Instance): KernelExports {
  const kernel = (name: keyof KernelExports) => {
    const f = instance.exports[name];
    if (typeof f !== "function") throw new InternalError(`the kernel module exports no function "${name}"`);
    return f;
  };
  return {
    margins: kernel("margins"),
    axpyRows: kernel("axpyRows"),
    sparseMargins: kernel("sparseMargins"),
    sparseScatter: kernel("sparseScatter"),
    csrTimesRows: kernel("csrTimesRows"),
    gramTimesRows: kernel("gramTimesRows"),
    luEliminate: kernel("luEliminate"),
  };
}

let shared: KernelModule | null | undefined;

/** This thread's module, or null where WebAssembly SIMD is unavailable or switched off (SAFETY_SIGNAL_NO_SIMD=1). */
function sharedModule(): KernelModule | null {
  if (shared !== undefined) return shared;
  const bytes = kernelModuleBytes();
  if (process.env.SAFETY_SIGNAL_NO_SIMD === "1" || !WebAssembly.validate(bytes)) return (shared = null);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return (shared = { memory, exports: kernelExports(instance), owner: null });
}

/** Row stride of X in the kernels' layout: the column count rounded up to a multiple of 8 (at least 8). */
export const paddedStride = (cols: number) => Math.max(8, Math.ceil(cols / 8) * 8);

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;
const PAGE = 65536;

/**
 * One kernel's parts of the shared memory, each 16-byte aligned at `offsets[k]`. `claim()` makes the memory hold
 * this arena's data: it grows the memory if needed and, when another arena used it since, calls `fill` to copy
 * the data back in. Growing the memory replaces its buffer: views must be made again from the buffer returned.
 */
export class KernelArena {
  readonly offsets: number[];
  readonly exports: KernelExports;
  private readonly module: KernelModule;
  private readonly end: number;

  /** Null where the WebAssembly kernels are unavailable (the caller falls back to the TypeScript twins). */
  static create(partBytes: number[], fill: (buffer: ArrayBuffer, offsets: number[]) => void): KernelArena | null {
    const module = sharedModule();
    return module && new KernelArena(module, partBytes, fill);
  }

  private constructor(
    module: KernelModule,
    partBytes: number[],
    private readonly fill: (buffer: ArrayBuffer, offsets: number[]) => void,
  ) {
    this.module = module;
    this.exports = module.exports;
    this.offsets = [];
    let end = 0;
    for (const bytes of partBytes) {
      this.offsets.push(end);
      end += align16(bytes);
    }
    this.end = end;
    this.claim();
  }

  /** Make the memory hold this arena's data; returns its current buffer. */
  claim(): ArrayBuffer {
    const { memory } = this.module;
    const have = memory.buffer.byteLength;
    if (have < this.end) memory.grow(Math.ceil((this.end - have) / PAGE));
    if (this.module.owner !== this) {
      this.fill(memory.buffer, this.offsets);
      this.module.owner = this;
    }
    return memory.buffer;
  }
}
