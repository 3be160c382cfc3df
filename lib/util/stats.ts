/** Share of 1s in a 0/1 array. */
export const rate = (ys: readonly number[]): number => ys.reduce((a, b) => a + b, 0) / ys.length;
