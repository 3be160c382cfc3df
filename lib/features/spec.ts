import { z } from "zod";
import { TfidfBlockConfig, tfidfBlockConfigSchema } from "../embeddings/tfidf";
import { ConfigError } from "../errors";
import { boolean, exactly, integer, nonEmpty, record } from "../util/schema";

/** What the lexical part of the features is, all of it fitted on the rows a model trains on. */
export const lexicalStepSchema = z.discriminatedUnion(
  "kind",
  [
    /** Sparse TF-IDF n-grams, every column (for the logistic regression). */
    record({ kind: exactly("tfidf") }),
    /** TF-IDF reduced by a seeded truncated SVD (latent semantic analysis), dense. */
    record({ kind: exactly("lsa"), dimension: integer(1) }),
    /** The k TF-IDF columns with the highest chi² against the labels (a compact input for the MLP). */
    record({ kind: exactly("chi2"), k: integer(1) }),
  ],
  { message: "must be null or a lexical step: { kind: tfidf | lsa | chi2, … }" },
);
/** The lexical features beside (or instead of) the encoder: TF-IDF, χ²-selected TF-IDF, or LSA. */
export type LexicalStep = z.infer<typeof lexicalStepSchema>;

const NEEDS_INPUT = "needs the encoder, a lexical step, or both";
const settingsShape = {
  /** The frozen sentence encoder's vectors. */
  encoder: boolean(),
  lexical: lexicalStepSchema.nullable(),
  /** The n-gram blocks the lexical step starts from. */
  ngrams: nonEmpty(tfidfBlockConfigSchema, "a list of n-gram blocks"),
};

/**
 * The representation a model sees, as the configuration holds it: the frozen sentence encoder's vectors and/or
 * lexical features. Like a scikit-learn Pipeline step, everything that learns (vocabulary, idf, SVD, chi² selection)
 * is fitted on the training rows of each fit, inside every fold. No seed: an experiment derives it from its one seed.
 */
export const featureSettingsSchema = record(settingsShape).refine((s) => s.encoder || s.lexical, NEEDS_INPUT);
/** The feature settings as the configuration holds them: encoder on or off, the lexical step, its n-grams. */
export type FeatureSettings = z.infer<typeof featureSettingsSchema>;

/** What a Featurizer takes: the settings and the seed of the lsa step's SVD (needed by that step only). */
export const featureSpecSchema = record({ ...settingsShape, seed: integer().optional() }).refine(
  (s) => s.encoder || s.lexical,
  NEEDS_INPUT,
);
/** What a Featurizer is fitted with: the feature settings, and the seed an lsa step needs. */
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

/** The default n-gram blocks: word 1–2-grams and char_wb 3–5-grams, each with min_df 2 and a vocabulary cap. */
export const DEFAULT_NGRAMS: TfidfBlockConfig[] = [
  { analyzer: "word", ngramRange: [1, 2], minDf: 2, maxFeatures: 20000 },
  { analyzer: "char_wb", ngramRange: [3, 5], minDf: 2, maxFeatures: 30000 },
];

/**
 * A feature spec on the default n-grams. In a configuration, leave out the seed (the experiment derives it);
 * standalone, an lsa step needs one: `featureSpec(false, { kind: "lsa", dimension: 384 }, seed)`.
 */
export function featureSpec(encoder: boolean, lexical: LexicalStep | null, seed?: number): FeatureSpec {
  if (!encoder && !lexical) throw new ConfigError("features", NEEDS_INPUT);
  const settings = { encoder, lexical, ngrams: DEFAULT_NGRAMS };
  return seed === undefined ? settings : { ...settings, seed };
}

/** The settings with the seed an experiment derived for them (the key goes last, as saved files have it). */
export function withSeed(settings: FeatureSettings, seed: number): FeatureSpec {
  return { ...settings, seed };
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
