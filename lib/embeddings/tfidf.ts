import { CsrMatrix, csrFromRows } from "../linalg/sparse";
import { charWbNgrams, wordNgrams } from "./tokenize";
import { getOrThrow } from "../util/maps";

export interface TfidfBlockConfig {
  analyzer: "word" | "char_wb";
  ngramRange: [number, number];
  /** Keep terms seen in at least this many training documents. */
  minDf: number;
  /** Keep at most this many terms (highest total count in the training texts first, as scikit-learn does). */
  maxFeatures: number;
}

/** A fitted TF-IDF block: its vocabulary (sorted) and inverse document frequencies. */
export interface TfidfBlock {
  config: TfidfBlockConfig;
  vocabulary: string[];
  idf: number[];
}

// Analysis is a pure function of the text, so its result is kept per analyzer: every fold re-fits a vocabulary
// on mostly the same texts, and cutting n-grams is most of the cost. Bounded, so a long-running process can't grow it.
const ANALYZED_LIMIT = 20000;
const analyzed = new Map<string, Map<string, readonly string[]>>();

function analyze(config: TfidfBlockConfig, text: string): readonly string[] {
  const [lo, hi] = config.ngramRange;
  const key = `${config.analyzer}:${lo}-${hi}`;
  let memo = analyzed.get(key);
  if (!memo) analyzed.set(key, (memo = new Map()));
  let terms = memo.get(text);
  if (!terms) {
    terms = config.analyzer === "word" ? wordNgrams(text, lo, hi) : charWbNgrams(text, lo, hi);
    if (memo.size >= ANALYZED_LIMIT) memo.clear();
    memo.set(text, terms);
  }
  return terms;
}

/**
 * Fit one TF-IDF block on training texts: scikit-learn's smooth idf,
 * idf = ln((1 + n) / (1 + df)) + 1.
 */
export function fitTfidfBlock(texts: readonly string[], config: TfidfBlockConfig): TfidfBlock {
  const df = new Map<string, number>();
  const count = new Map<string, number>();
  for (const t of texts) {
    const terms = analyze(config, t);
    for (const term of terms) count.set(term, (count.get(term) ?? 0) + 1);
    for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const kept = [...df.keys()]
    .filter((term) => getOrThrow(df, term, "document frequencies") >= config.minDf)
    // Most frequent first; ties broken by the term itself so the vocabulary never depends on Map order.
    .sort((a, b) => getOrThrow(count, b, "term counts") - getOrThrow(count, a, "term counts") || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, config.maxFeatures)
    .sort();
  const n = texts.length;
  return { config, vocabulary: kept, idf: kept.map((term) => Math.log((1 + n) / (1 + getOrThrow(df, term, "document frequencies"))) + 1) };
}

/**
 * Sparse TF-IDF rows for texts under fitted blocks: sublinear tf (1 + ln tf),
 * times idf, each block L2-normalized and weighted so that the whole row has
 * unit length. Unseen terms are ignored, as at prediction time.
 */
export function tfidfTransform(blocks: readonly TfidfBlock[], texts: readonly string[]): CsrMatrix {
  const lookups = blocks.map((b) => new Map(b.vocabulary.map((t, i) => [t, i])));
  const offsets: number[] = [];
  let cols = 0;
  for (const b of blocks) {
    offsets.push(cols);
    cols += b.vocabulary.length;
  }
  const blockWeight = 1 / Math.sqrt(blocks.length);
  const rows = texts.map((text) => {
    const r = new Map<number, number>();
    blocks.forEach((b, k) => {
      const counts = new Map<number, number>();
      for (const term of analyze(b.config, text)) {
        const j = lookups[k].get(term);
        if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
      }
      let norm = 0;
      const weighted: Array<[number, number]> = [];
      for (const [j, tf] of counts) {
        const w = (1 + Math.log(tf)) * b.idf[j];
        weighted.push([j, w]);
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (const [j, w] of weighted) r.set(offsets[k] + j, (w / norm) * blockWeight);
    });
    return r;
  });
  return csrFromRows(rows, cols);
}
