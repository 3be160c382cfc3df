import { fitTfidfBlock, TfidfBlock, tfidfTransform } from "../embeddings/tfidf";
import { LsaEmbedder } from "../embeddings/lsa";
import { Design, hstack } from "../linalg/design";
import type { Matrix } from "../linalg/matrix";
import { chi2Scores, selectColumns, selectKBest } from "./chi2";
import type { FeaturizerJSON } from "./formats";
import type { FeatureSpec } from "./spec";
import { ConfigError, InvalidInputError } from "../errors";

/** Rows as a model pipeline receives them: the raw text and the frozen encoder's vector, aligned. */
export interface TextRows {
  texts: readonly string[];
  /** The sentence encoder's vectors (row i is texts[i]); computed once, never fitted here. */
  X: Matrix<Float32Array>;
}

/** The given rows (texts and encoder vectors together), in that order. */
export function takeTextRows(rows: TextRows, indices: readonly number[]): TextRows {
  const d = rows.X.cols;
  const out = new Float32Array(indices.length * d);
  indices.forEach((r, k) => out.set(rows.X.data.subarray(r * d, (r + 1) * d), k * d));
  return { texts: indices.map((i) => rows.texts[i]), X: { rows: indices.length, cols: d, data: out } };
}

type Fitted =
  | { kind: "none" }
  | { kind: "tfidf"; blocks: TfidfBlock[] }
  | { kind: "chi2"; blocks: TfidfBlock[]; columns: number[] }
  | { kind: "lsa"; lsa: LsaEmbedder };

/** A fitted featurizer as saved (declared in ./formats.ts). */
export type { FeaturizerJSON };

/**
 * A fitted representation step: fit on the rows a model trains on, then
 * transform any rows (validation, test, new messages) with what it learned.
 */
export class Featurizer {
  private constructor(
    readonly spec: FeatureSpec,
    private readonly fitted: Fitted,
  ) {}

  /** Fit the lexical step on these rows only (labels are used by chi² selection alone). */
  static fit(spec: FeatureSpec, rows: TextRows, y: ArrayLike<number>): Featurizer {
    return Featurizer.fitTransform(spec, rows, y).featurizer;
  }

  /** fit, then transform the same rows (scikit-learn's fit_transform), without computing TF-IDF twice. */
  static fitTransform(
    spec: FeatureSpec,
    rows: TextRows,
    y: ArrayLike<number>,
  ): { featurizer: Featurizer; design: Design } {
    const lex = spec.lexical;
    const done = (f: Featurizer, design = f.transform(rows)) => ({ featurizer: f, design });
    if (!lex) return done(new Featurizer(spec, { kind: "none" }));
    if (lex.kind === "lsa") {
      // No default seed: an experiment derives it from its one seed (deriveSeed(config.seed, "features")).
      if (spec.seed === undefined)
        throw new ConfigError("features.seed", "is needed by an lsa step (its SVD is seeded): give the spec a seed");
      const lsa = LsaEmbedder.fit(rows.texts, {
        dimension: lex.dimension,
        seed: spec.seed,
        blocks: spec.ngrams,
        nIter: 5,
        oversample: 10,
      });
      return done(new Featurizer(spec, { kind: "lsa", lsa }));
    }
    const blocks = spec.ngrams.map((b) => fitTfidfBlock(rows.texts, b));
    const tfidf = tfidfTransform(blocks, rows.texts);
    if (lex.kind === "tfidf")
      return done(new Featurizer(spec, { kind: "tfidf", blocks }), hstack(spec.encoder ? rows.X : null, tfidf));
    const columns = selectKBest(chi2Scores(tfidf, y), lex.k);
    const f = new Featurizer(spec, { kind: "chi2", blocks, columns });
    return done(f, hstack(spec.encoder ? rows.X : null, selectColumns(tfidf, columns)));
  }

  /** Dense columns (encoder, then LSA) beside sparse TF-IDF columns (all of them, or the chi²-selected ones). */
  transform(rows: TextRows): Design {
    const f = this.fitted;
    const encoder = this.spec.encoder ? rows.X : null;
    if (f.kind === "none") return hstack(encoder, null);
    if (f.kind === "tfidf") return hstack(encoder, tfidfTransform(f.blocks, rows.texts));
    if (f.kind === "chi2") return hstack(encoder, selectColumns(tfidfTransform(f.blocks, rows.texts), f.columns));
    const lsa = f.lsa.transform(rows.texts);
    return hstack(encoder ? concatColumns(encoder, lsa) : lsa, null);
  }

  toJSON(): FeaturizerJSON {
    const f = this.fitted;
    if (f.kind === "none") return { spec: this.spec };
    if (f.kind === "tfidf") return { spec: this.spec, blocks: f.blocks };
    if (f.kind === "chi2") return { spec: this.spec, blocks: f.blocks, columns: f.columns };
    return { spec: this.spec, lsa: f.lsa.state() };
  }

  static fromJSON(j: FeaturizerJSON): Featurizer {
    const kind = j.spec.lexical?.kind;
    if (!kind) return new Featurizer(j.spec, { kind: "none" });
    if (kind === "lsa") return new Featurizer(j.spec, { kind: "lsa", lsa: LsaEmbedder.fromState(need(j.lsa, "lsa")) });
    const blocks = need(j.blocks, "blocks");
    if (kind === "tfidf") return new Featurizer(j.spec, { kind: "tfidf", blocks });
    return new Featurizer(j.spec, { kind: "chi2", blocks, columns: need(j.columns, "columns") });
  }
}

function need<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new InvalidInputError("json", `saved featurizer has no "${name}"`);
  return v;
}

function concatColumns(a: Matrix, b: Matrix): Matrix<Float32Array> {
  if (a.rows !== b.rows) throw new InvalidInputError("b", `concatColumns: ${a.rows} vs ${b.rows} rows`);
  const cols = a.cols + b.cols;
  const out = new Float32Array(a.rows * cols);
  for (let i = 0; i < a.rows; i++) {
    out.set(a.data.subarray(i * a.cols, (i + 1) * a.cols), i * cols);
    out.set(b.data.subarray(i * b.cols, (i + 1) * b.cols), i * cols + a.cols);
  }
  return { rows: a.rows, cols, data: out };
}
