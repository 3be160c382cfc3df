import type { TfidfBlockConfig } from "../embeddings/tfidf";
import { ConfigError } from "../errors";

/** What the lexical part of the features is, all of it fitted on the rows a model trains on. */
export type LexicalStep =
  /** Sparse TF-IDF n-grams, every column (for the logistic regression). */
  | { kind: "tfidf" }
  /** TF-IDF reduced by a seeded truncated SVD (latent semantic analysis), dense. */
  | { kind: "lsa"; dimension: number }
  /** The k TF-IDF columns with the highest chi² against the labels (a compact input for the MLP). */
  | { kind: "chi2"; k: number };

/**
 * The representation a model sees: the frozen sentence encoder's vectors
 * and/or lexical features. Like a scikit-learn Pipeline step, everything that
 * learns (vocabulary, idf, SVD, chi² selection) is fitted on the training rows
 * of each fit, inside every fold.
 */
export interface FeatureSpec {
  encoder: boolean;
  lexical: LexicalStep | null;
  /** The n-gram blocks the lexical step starts from. */
  ngrams: TfidfBlockConfig[];
  /** Seeds the SVD of the lsa step. */
  seed: number;
}

export const DEFAULT_NGRAMS: TfidfBlockConfig[] = [
  { analyzer: "word", ngramRange: [1, 2], minDf: 2, maxFeatures: 20000 },
  { analyzer: "char_wb", ngramRange: [3, 5], minDf: 2, maxFeatures: 30000 },
];

export function featureSpec(encoder: boolean, lexical: LexicalStep | null, seed = 42): FeatureSpec {
  if (!encoder && !lexical) throw new ConfigError("features", "needs the encoder, a lexical step, or both");
  return { encoder, lexical, ngrams: DEFAULT_NGRAMS, seed };
}

/** A short name for tables: "encoder + tfidf", "lsa-128", "encoder + chi2-1000". */
export function describeFeatures(spec: FeatureSpec): string {
  const lex = spec.lexical;
  const lexName = !lex
    ? null
    : lex.kind === "tfidf"
      ? "tfidf"
      : lex.kind === "lsa"
        ? `lsa-${lex.dimension}`
        : `chi2-${lex.k}`;
  return [spec.encoder ? "encoder" : null, lexName].filter(Boolean).join(" + ");
}
