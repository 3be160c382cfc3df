import { z } from "zod";
import type { CsrMatrix } from "../linalg/sparse";
import { integer, number, oneOf, record } from "../util/schema";
import { charWbNgrams, wordNgrams } from "./tokenize";

/** One block of n-grams to count (declared for the configuration and saved featurizers; the type is inferred). */
export const tfidfBlockConfigSchema = record({
  analyzer: oneOf(["word", "char_wb"]),
  /** Smallest and largest n. */
  ngramRange: z
    .tuple([integer(1), integer(1)], { message: "must be [smallest n, largest n]" })
    .refine(([lo, hi]) => lo <= hi, "must be [smallest n, largest n] with smallest ≤ largest"),
  /** Keep terms seen in at least this many training documents. */
  minDf: integer(1),
  /** Keep at most this many terms (highest total count in the training texts first, as scikit-learn does). */
  maxFeatures: integer(1),
});

export type TfidfBlockConfig = z.infer<typeof tfidfBlockConfigSchema>;

/** A fitted TF-IDF block: its vocabulary (sorted) and inverse document frequencies, one per term (as saved). */
export const tfidfBlockSchema = record({
  config: tfidfBlockConfigSchema,
  vocabulary: z.array(z.string(), { message: "must be a list of terms" }),
  idf: z.array(number({ gt: 0 }), { message: "must be a list of positive numbers" }),
}).superRefine((b, ctx) => {
  if (b.idf.length !== b.vocabulary.length)
    ctx.addIssue({
      code: "custom",
      path: ["idf"],
      message: `must hold one value per vocabulary term (${b.vocabulary.length}), holds ${b.idf.length}`,
    });
});
export type TfidfBlock = z.infer<typeof tfidfBlockSchema>;

// Analysis is a pure function of the text, so its result is kept per analyzer: every fold re-fits a vocabulary
// on mostly the same texts, and cutting n-grams is most of the cost. Terms are interned as integers once, so
// fitting and transforming count in typed arrays instead of string-keyed maps. Bounded: when a long-running
// process has analyzed ANALYZED_LIMIT texts for an analyzer, its memo and term table start afresh.
const ANALYZED_LIMIT = 20000;

interface Analyzer {
  /** Term → integer id, and back. */
  ids: Map<string, number>;
  terms: string[];
  /** Text → the ids of its terms, in order of appearance (repeats kept). */
  memo: Map<string, Int32Array>;
}
const analyzers = new Map<string, Analyzer>();

function analyzerFor(config: TfidfBlockConfig): Analyzer {
  const [lo, hi] = config.ngramRange;
  const key = `${config.analyzer}:${lo}-${hi}`;
  let a = analyzers.get(key);
  if (!a || a.memo.size >= ANALYZED_LIMIT) analyzers.set(key, (a = { ids: new Map(), terms: [], memo: new Map() }));
  return a;
}

function termId(a: Analyzer, term: string): number {
  let id = a.ids.get(term);
  if (id === undefined) {
    id = a.terms.length;
    a.ids.set(term, id);
    a.terms.push(term);
  }
  return id;
}

/** The term ids of every text, analyzed once per process (and per analyzer) for each distinct text. */
function analyzeAll(config: TfidfBlockConfig, texts: readonly string[]): { analyzer: Analyzer; docs: Int32Array[] } {
  const a = analyzerFor(config);
  const [lo, hi] = config.ngramRange;
  const docs = texts.map((text) => {
    let ids = a.memo.get(text);
    if (!ids) {
      const terms = config.analyzer === "word" ? wordNgrams(text, lo, hi) : charWbNgrams(text, lo, hi);
      ids = Int32Array.from(terms, (t) => termId(a, t));
      a.memo.set(text, ids);
    }
    return ids;
  });
  return { analyzer: a, docs };
}

/**
 * Fit one TF-IDF block on training texts: scikit-learn's smooth idf,
 * idf = ln((1 + n) / (1 + df)) + 1.
 */
export function fitTfidfBlock(texts: readonly string[], config: TfidfBlockConfig): TfidfBlock {
  const { analyzer, docs } = analyzeAll(config, texts);
  const size = analyzer.terms.length;
  const count = new Int32Array(size);
  const df = new Int32Array(size);
  const lastDoc = new Int32Array(size).fill(-1);
  docs.forEach((ids, d) => {
    for (const id of ids) {
      count[id]++;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        df[id]++;
      }
    }
  });
  const terms = analyzer.terms;
  const candidates: number[] = [];
  for (let id = 0; id < size; id++) if (df[id] >= config.minDf) candidates.push(id);
  const byTerm = (a: number, b: number) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0);
  const kept = candidates
    // Most frequent first; ties broken by the term itself so the vocabulary never depends on table order.
    .sort((a, b) => count[b] - count[a] || byTerm(a, b))
    .slice(0, config.maxFeatures)
    .sort(byTerm);
  const n = texts.length;
  return {
    config,
    vocabulary: kept.map((id) => terms[id]),
    idf: kept.map((id) => Math.log((1 + n) / (1 + df[id])) + 1),
  };
}

/**
 * Sparse TF-IDF rows for texts under fitted blocks: sublinear tf (1 + ln tf),
 * times idf, each block L2-normalized and weighted so that the whole row has
 * unit length. Unseen terms are ignored, as at prediction time.
 */
export function tfidfTransform(blocks: readonly TfidfBlock[], texts: readonly string[]): CsrMatrix {
  const analyzed = blocks.map((b) => analyzeAll(b.config, texts));
  // Each block's term ids → its column (−1: not in the vocabulary). A saved vocabulary may hold terms this process
  // has not met yet: they get ids too, and simply never occur.
  const columnOf = blocks.map((b, k) => {
    const a = analyzed[k].analyzer;
    const ids = b.vocabulary.map((t) => termId(a, t));
    const map = new Int32Array(a.terms.length).fill(-1);
    ids.forEach((id, j) => (map[id] = j));
    return map;
  });
  const offsets: number[] = [];
  let cols = 0;
  for (const b of blocks) {
    offsets.push(cols);
    cols += b.vocabulary.length;
  }
  const blockWeight = 1 / Math.sqrt(blocks.length);
  // One row at a time in a dense scratch row: counts, then weights, then the normalized values.
  const scratch = new Float64Array(cols);
  const indptr = new Int32Array(texts.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const touched: number[] = [];
  const rowCols: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    rowCols.length = 0;
    for (let k = 0; k < blocks.length; k++) {
      const offset = offsets[k];
      const idf = blocks[k].idf;
      const columns = columnOf[k];
      const doc = analyzed[k].docs[i];
      // Columns in order of first appearance in the text: the norm is summed in that order.
      touched.length = 0;
      for (let p = 0; p < doc.length; p++) {
        const j = columns[doc[p]];
        if (j < 0) continue;
        const c = offset + j;
        if (scratch[c] === 0) touched.push(c);
        scratch[c] += 1;
      }
      let norm = 0;
      for (let t = 0; t < touched.length; t++) {
        const c = touched[t];
        const w = (1 + Math.log(scratch[c])) * idf[c - offset];
        scratch[c] = w;
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      for (let t = 0; t < touched.length; t++) {
        const c = touched[t];
        if (norm > 0) {
          scratch[c] = (scratch[c] / norm) * blockWeight;
          rowCols.push(c);
        } else scratch[c] = 0;
      }
    }
    rowCols.sort((x, y) => x - y);
    for (let t = 0; t < rowCols.length; t++) {
      const c = rowCols[t];
      indices.push(c);
      values.push(scratch[c]);
      scratch[c] = 0;
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: texts.length, cols, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}
