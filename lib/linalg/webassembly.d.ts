/**
 * The WebAssembly APIs the linear-algebra kernels use. Node provides them at run time; TypeScript declares them
 * only in its DOM library, which this Node project does not load (tsconfig "lib": ES2022). An ambient file is
 * not copied to dist/, and no exported type mentions these names, so tslab's own DOM typings never meet them.
 */
declare namespace WebAssembly {
  /** An exported function: numbers in (i32/f32/f64 parameters), a number or nothing out. */
  type ExportedFunction = (...args: number[]) => number | undefined;

  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
    /** Grows by `delta` 64 KiB pages; returns the previous size in pages. */
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, Memory | ExportedFunction>>);
    readonly exports: Record<string, ExportedFunction | Memory>;
  }
  function validate(bytes: Uint8Array): boolean;
}
