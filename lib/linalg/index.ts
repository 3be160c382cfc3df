// The linalg namespace of the public API (lib/index.ts): the dense matrices and designs models take.
export { dot, normalizeRows, row, takeRows, times, transpose, transposeTimes, zeros, type Matrix } from "./matrix";
export { asDesign, checkFinite, hstack, isDesign, takeDesignRows, type Design } from "./design";
export { csrFromRows, type CsrMatrix } from "./sparse";
