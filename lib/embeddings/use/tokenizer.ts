import { Tokenizer } from "@tensorflow-models/universal-sentence-encoder";
import type { Vocabulary } from "./files";

// The reference SentencePiece tokenizer of USE's own JS package; its loaders fetch from the web and are never called.

export interface UseTokenizer {
  encode(text: string): number[];
}

export function makeTokenizer(vocabulary: Vocabulary): UseTokenizer {
  // The reference treats a null score as 0, as USE's own loader passes it; its type says number.
  return new Tokenizer(vocabulary as Array<[string, number]>);
}

/** USE-lite's sparse input: one (row in batch, position in message) pair per token id. */
export interface SparseBatch {
  indices: Int32Array;
  values: Int32Array;
  rows: number;
}

/**
 * Token ids of each message as the graph takes them. A message with no
 * token would silently drop out of the batch's dense shape, so it is refused
 * (`firstRow` numbers the messages in the error as in the caller's list).
 */
export function sparseBatch(tokenizer: UseTokenizer, texts: readonly string[], firstRow = 0): SparseBatch {
  const encoded = texts.map((t, i) => {
    const ids = tokenizer.encode(t);
    if (ids.length === 0) throw new Error(`text ${firstRow + i} has no tokens (empty?): nothing to embed`);
    return ids;
  });
  const n = encoded.reduce((s, ids) => s + ids.length, 0);
  const indices = new Int32Array(2 * n);
  const values = new Int32Array(n);
  let k = 0;
  encoded.forEach((ids, row) =>
    ids.forEach((id, pos) => {
      indices[2 * k] = row;
      indices[2 * k + 1] = pos;
      values[k++] = id;
    }),
  );
  return { indices, values, rows: texts.length };
}
