/**
 * Batches by global row position: rows 0..size-1 are batch 0 of the list,
 * and so on. A row's vector moves by ~1e-7 when its batch pads it to a longer
 * message, so batch edges must depend on the list and the size alone, never
 * on how many workers share the work.
 */
export function batchRanges(rows: number, size: number): Array<[start: number, end: number]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be an integer ≥ 1, got ${size}`);
  const out: Array<[number, number]> = [];
  for (let start = 0; start < rows; start += size) out.push([start, Math.min(rows, start + size)]);
  return out;
}

/** Messages of one token count, embedded in one call: positions in the caller's list. */
export interface LengthBatch {
  tokens: number;
  rows: number[];
}

/** About this many tokens per call: the activations then stay in cache (512 measured as fast as 256, 2048 ~8% slower). */
export const TOKENS_PER_BATCH = 512;

/**
 * Messages grouped by token count, each group cut into calls of about
 * `tokensPerBatch` tokens, longest first (so the pool ends on short work).
 * Equal lengths need no padding, so every vector is exactly what a call of
 * its own gives; the batches depend on the lengths alone, never on the
 * number of workers.
 */
export function lengthBatches(lengths: readonly number[], tokensPerBatch = TOKENS_PER_BATCH): LengthBatch[] {
  if (!Number.isInteger(tokensPerBatch) || tokensPerBatch < 1) {
    throw new RangeError(`tokens per batch must be an integer ≥ 1, got ${tokensPerBatch}`);
  }
  const byLength = new Map<number, number[]>();
  lengths.forEach((n, row) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`row ${row}: a message needs at least one token, got ${n}`);
    const rows = byLength.get(n);
    if (rows) rows.push(row);
    else byLength.set(n, [row]);
  });
  const out: LengthBatch[] = [];
  for (const [tokens, rows] of [...byLength].sort((a, b) => b[0] - a[0])) {
    const size = Math.max(1, Math.floor(tokensPerBatch / tokens));
    for (let s = 0; s < rows.length; s += size) out.push({ tokens, rows: rows.slice(s, s + size) });
  }
  return out;
}
