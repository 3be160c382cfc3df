/**
 * Just enough of a WebAssembly assembler to write the encoder's SIMD kernels
 * as arrays of opcodes in TypeScript (no build step, no binary blob): the
 * opcodes they use, LEB128 numbers, structured loops, and the module layout.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

// prettier-ignore
export const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], end: [0x0b], br: [0x0c], brIf: [0x0d],
  select: [0x1b], get: [0x20], set: [0x21],
  f32Load: [0x2a, 0x02], f32Store: [0x38, 0x02],
  i32Const: [0x41], i32Eqz: [0x45], i32LtU: [0x49], i32GeU: [0x4f],
  i32Add: [0x6a], i32Sub: [0x6b], i32Mul: [0x6c], i32And: [0x71],
  f32Add: [0x92], f32Sub: [0x93], f32Mul: [0x94], f32Div: [0x95], f32Sqrt: [0x91], f32Max: [0x97],
  f32ConvertI32U: [0xb3], f32Const0: [0x43, 0, 0, 0, 0], f32Const1: [0x43, 0x00, 0x00, 0x80, 0x3f],
  memoryCopy: [0xfc, 0x0a, 0x00, 0x00], memoryFill: [0xfc, 0x0b, 0x00],
  // SIMD loads and stores take a memarg: alignment hint 2^0 here, then the offset (pass it after).
  v128Load: [0xfd, 0x00, 0x00], v128Load32Splat: [0xfd, 0x09, 0x00], v128Store: [0xfd, 0x0b, 0x00],
  v128Zero: [0xfd, 0x0c, ...new Array(16).fill(0)],
  f32x4Splat: [0xfd, 0x13], f32x4ExtractLane: [0xfd, 0x1f],
  f32x4Add: [0xfd, 0xe4, 0x01], f32x4Sub: [0xfd, 0xe5, 0x01], f32x4Mul: [0xfd, 0xe6, 0x01],
  f32x4Div: [0xfd, 0xe7, 0x01], f32x4Max: [0xfd, 0xe9, 0x01],
};

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

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

export const get = (l: number) => [...op.get, ...uleb(l)];
export const set = (l: number) => [...op.set, ...uleb(l)];
export const i32 = (n: number) => [...op.i32Const, ...sleb(n)];
/** Sum of i32 expressions. */
export const add = (...terms: number[][]) => [...terms[0], ...terms.slice(1).flatMap((t) => [...t, ...op.i32Add])];
export const mul = (a: number[], b: number[]) => [...a, ...b, ...op.i32Mul];
/** min(a, b), unsigned. */
export const min = (a: number[], b: number[]) => [...a, ...b, ...a, ...b, ...op.i32LtU, ...op.select];
/** Set v128 local l to zero. */
export const zero = (l: number) => [...op.v128Zero, ...set(l)];
/** s += x · v128[at + offset] */
export const madd = (s: number, x: number, at: number[], offset: number) => [
  ...get(s),
  ...get(x),
  ...at,
  ...op.v128Load,
  ...uleb(offset),
  ...op.f32x4Mul,
  ...op.f32x4Add,
  ...set(s),
];
/** local += step (i32). */
export const bump = (v: number, step: number[]) => [...get(v), ...step, ...op.i32Add, ...set(v)];

/** `for (v = from; v < to; v += step) body`, with `to` evaluated on every pass. */
export function loop(v: number, from: number[], to: number[], step: number, body: number[]): number[] {
  return [...from, ...set(v), ...walk(v, to, i32(step), body)];
}

/** `while (v < to) { body; v += step }`: pointer loops whose step is an expression. */
export function walk(v: number, to: number[], step: number[], body: number[]): number[] {
  // prettier-ignore
  return [
    ...op.block, ...op.loop,
    ...get(v), ...to, ...op.i32GeU, ...op.brIf, 1,
    ...body,
    ...bump(v, step),
    ...op.br, 0,
    ...op.end, ...op.end,
  ];
}

export interface WasmFunction {
  name: string;
  params: number[];
  /** Extra locals as [count, type] runs, numbered after the parameters. */
  locals: Array<[number, number]>;
  body: number[];
}

/** A module of exported functions (no results) over one exported, growable memory. */
export function assemble(functions: WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const bodies = functions.map((f) => {
    const code = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, ...op.end];
    return [...uleb(code.length), ...code];
  });
  // prettier-ignore
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(7, vec([
      ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
      [...name("memory"), 0x02, 0],
    ])),
    ...section(10, vec(bodies)),
  ]);
}
