import type { Vocabulary } from "./files";
import { InvalidInputError } from "../../errors";

/** Token ids of a text, as USE-lite expects them. */
export interface UseTokenizer {
  encode(text: string): number[];
}

/** USE's own JS tokenizer skips these first pieces (unknown, control and user-defined symbols). */
const RESERVED_PIECES = 6;
const SEPARATOR = "\u2581";

/**
 * The SentencePiece tokenizer of `@tensorflow-models/universal-sentence-encoder`
 * (the reference, `Tokenizer`), rewritten over flat arrays: the same lattice,
 * the same Viterbi pass in the same order (ties go to the later start, and a
 * best score of exactly 0 counts as unset, as there), the same backward walk
 * and merging of unknowns, so the same ids (a test compares every message of
 * data.csv and a set of odd strings). It is ~10× faster and needs no TF.js,
 * so the calling thread can tokenize to group messages by length.
 */
export class SentencePieceTokenizer implements UseTokenizer {
  /** Trie over UTF-16 code units (the reference's "symbols"): child of (node, unit) at node·65536 + unit. */
  private readonly child = new Map<number, number>();
  /** Per trie node: the vocabulary id of the piece ending there, or -1. */
  private readonly pieceId: number[] = [-1];
  private readonly pieceLength: number[];

  constructor(private readonly vocabulary: Vocabulary) {
    this.pieceLength = vocabulary.map(([piece]) => piece.length);
    for (let id = RESERVED_PIECES; id < vocabulary.length; id++) {
      const piece = vocabulary[id][0];
      let node = 0;
      for (let i = 0; i < piece.length; i++) {
        const key = node * 65536 + piece.charCodeAt(i);
        let next = this.child.get(key);
        if (next === undefined) {
          next = this.pieceId.length;
          this.pieceId.push(-1);
          this.child.set(key, next);
        }
        node = next;
      }
      // A repeated piece keeps its last id, as the reference's trie does.
      this.pieceId[node] = id;
    }
  }

  encode(text: string): number[] {
    const normalized = text.normalize("NFKC");
    const input = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : "";
    const n = input.length;
    // The lattice: edges (start → end) listed by end, starts ascending as the reference visits them.
    const edgesByEnd: Array<number[] | undefined> = new Array(n + 1);
    for (let start = 0; start < n; start++) {
      let node = 0;
      let found = false;
      for (let end = start; end < n; end++) {
        const next = this.child.get(node * 65536 + input.charCodeAt(end));
        if (next === undefined) break;
        node = next;
        const id = this.pieceId[node];
        if (id >= 0) {
          (edgesByEnd[end + 1] ??= []).push(start, id);
          found = true;
        }
      }
      // No piece starts here: one unknown symbol (id 0, score 0).
      if (!found) (edgesByEnd[start + 1] ??= []).push(start, 0);
    }
    const best = new Array<number>(n + 1).fill(0);
    const words = new Array<number>(n + 1).fill(0);
    for (let end = 1; end <= n; end++) {
      const edges = edgesByEnd[end];
      if (!edges) continue;
      for (let e = 0; e < edges.length; e += 2) {
        const id = edges[e + 1];
        // A null score (a few pieces) adds as 0, as in the reference.
        const score = (id === 0 ? 0 : (this.vocabulary[id][1] ?? 0)) + best[edges[e]];
        if (best[end] === 0 || score >= best[end]) {
          best[end] = score;
          words[end] = id;
        }
      }
    }
    const backwards: number[] = [];
    for (let at = n; at > 0; at -= this.pieceLength[words[at]]) backwards.push(words[at]);
    const ids: number[] = [];
    let previousUnknown = false;
    for (const id of backwards) {
      if (!(previousUnknown && id === 0)) ids.push(id);
      previousUnknown = id === 0;
    }
    return ids.reverse();
  }
}

export function makeTokenizer(vocabulary: Vocabulary): UseTokenizer {
  return new SentencePieceTokenizer(vocabulary);
}

/**
 * Token ids of each message. A message with no token would silently drop out
 * of a batch's dense shape, so it is refused (`firstRow` numbers the messages
 * in the error as in the caller's list).
 */
export function tokenize(tokenizer: UseTokenizer, texts: readonly string[], firstRow = 0): number[][] {
  return texts.map((t, i) => {
    const ids = tokenizer.encode(t);
    if (ids.length === 0)
      throw new InvalidInputError("texts", `text ${firstRow + i} has no tokens (empty?): nothing to embed`);
    return ids;
  });
}

/** USE-lite's sparse input: one (row in batch, position in message) pair per token id. */
export interface SparseBatch {
  indices: Int32Array;
  values: Int32Array;
  rows: number;
}

/** The graph's sparse input for messages already tokenized. */
export function sparseBatch(encoded: readonly (readonly number[])[]): SparseBatch {
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
  return { indices, values, rows: encoded.length };
}
