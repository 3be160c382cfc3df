/**
 * Just enough of a WebAssembly assembler to write a few numeric kernels by hand: the opcodes they use, LEB128
 * integers, and the binary module layout (types, one imported memory, functions, exports, code). No build step
 * and no binary blob: a module is its bytes, computed from readable arrays.
 */

/** Value types. */
export const I32 = 0x7f,
  F64 = 0x7c,
  V128 = 0x7b;

/** The opcodes the kernels use, with their fixed immediates (alignment hints, empty block types). */
export const op = {
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
  i32GtU: [0x4b],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  f64Const0: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f64Ne: [0x62],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  v128Load: [0xfd, 0x00, 0x04],
  v128Store: [0xfd, 0x0b, 0x04],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f64x2Splat: [0xfd, 0x14],
  f64x2Lane: [0xfd, 0x21],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Sub: [0xfd, 0xf1, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
};

/** An unsigned LEB128 integer. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** A signed LEB128 integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** A length-prefixed vector. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

/** local.get / local.set of local l, an i32 constant, and a memarg offset (the alignment is in the opcode). */
export const get = (l: number) => [...op.get, l];
export const set = (l: number) => [...op.set, l];
export const i32 = (n: number) => [...op.i32Const, ...sleb(n)];
export const at = (offset: number) => uleb(offset);

/** A function the module exports: `params` i32 parameters, no result, its extra locals and its body. */
export interface KernelFunction {
  name: string;
  params: number;
  /** [count, type] runs of locals after the parameters. */
  locals: Array<[number, number]>;
  body: number[];
}

/** The bytes of a module importing one memory as env.memory and exporting `functions` in order. */
export function encodeModule(functions: KernelFunction[]): Uint8Array {
  const arities = [...new Set(functions.map((f) => f.params))];
  const typeOf = (f: KernelFunction) => arities.indexOf(f.params);
  const code = (f: KernelFunction) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  };
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d], // "\0asm"
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    ...section(1, vec(arities.map((n) => [0x60, ...vec(Array.from({ length: n }, () => [I32])), ...vec([])]))),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((f) => uleb(typeOf(f))))),
    ...section(7, vec(functions.map((f, k) => [...name(f.name), 0x00, ...uleb(k)]))),
    ...section(10, vec(functions.map(code))),
  ]);
}
