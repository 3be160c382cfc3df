/**
 * Batches by global row position: rows 0..size-1 are batch 0 of the list,
 * and so on. A row's vector moves by ~1e-7 when its batch holds other rows,
 * so batch edges must depend on the list and the size alone, never on how
 * many workers share the work.
 */
export function batchRanges(rows: number, size: number): Array<[start: number, end: number]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be an integer ≥ 1, got ${size}`);
  const out: Array<[number, number]> = [];
  for (let start = 0; start < rows; start += size) out.push([start, Math.min(rows, start + size)]);
  return out;
}
