// What was run, in words: the settings, what each model sees, and where the embeddings came from.
import type { EmbeddingManifest } from "../embeddings/manifest";
import type { TfidfBlockConfig } from "../embeddings/tfidf";
import type { ExperimentConfig } from "../experiment/config";
import { describeFeatures, FeatureSpec } from "../features/spec";
import { describePolicy } from "../metrics/threshold";
import { fixed } from "./format";

const PARAM_LABELS: Record<string, string> = {
  model: "model",
  package: "npm package",
  packageVersion: "package version",
  weightsSha256: "weights (sha256)",
  vocabSha256: "vocabulary (sha256)",
  tokenizer: "tokenizer (npm package)",
  tokenizerVersion: "tokenizer version",
  batchSize: "batch size",
  batches: "batches",
  backend: "TF.js backend used",
  embeddedRows: "messages embedded",
  vocabularySize: "vocabulary (terms)",
  explainedVarianceRatio: "explained variance",
};

/** A manifest value as a table cell: hashes shortened, numbers kept, anything else as compact JSON. */
function provenanceValue(key: string, v: unknown): string | number {
  if (typeof v === "number") return key === "explainedVarianceRatio" ? `${fixed(100 * v, 1)}%` : v;
  if (typeof v === "string") return /^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 12)}…` : v;
  return JSON.stringify(v);
}

/**
 * Where the embeddings came from, from their manifest: the method and model by name, then whatever the
 * manifest records about how they were made (`params`: for the encoder its package, version, weights
 * and vocabulary hashes; for LSA its settings; `extra`: run details), then the files it vouches for.
 */
export function provenanceTable(m: EmbeddingManifest): Array<Record<string, string | number>> {
  const fields = (o: object | undefined) =>
    Object.entries(o ?? {}).map(([k, v]) => ({ property: PARAM_LABELS[k] ?? k, value: provenanceValue(k, v) }));
  const fitted =
    m.fittedOn === "train"
      ? "training split only"
      : m.fittedOn === "pretrained"
        ? "pretrained elsewhere, frozen: never fitted on this data"
        : m.fittedOn;
  const file = (f: EmbeddingManifest["files"]["train"]) =>
    `${f.file} (${f.rows} rows, sha256 ${f.npySha256.slice(0, 12)}…)`;
  return [
    { property: "method", value: m.method },
    { property: "name", value: m.name },
    { property: "dimension", value: m.dimension },
    { property: "fitted on", value: fitted },
    ...fields(m.params),
    ...fields(m.extra),
    { property: "train file", value: file(m.files.train) },
    { property: "test file", value: file(m.files.test) },
  ];
}

const describeBlock = (b: TfidfBlockConfig) =>
  `${b.analyzer === "word" ? "word" : "char (in-word)"} ${b.ngramRange[0]}–${b.ngramRange[1]}-grams (min df ${b.minDf}, ≤ ${b.maxFeatures} terms)`;

function describeLexical(spec: FeatureSpec): string {
  const lex = spec.lexical;
  if (!lex) return "none";
  const tfidf = `TF-IDF of ${spec.ngrams.map(describeBlock).join(" + ")}`;
  if (lex.kind === "tfidf") return `${tfidf}, every column, sparse`;
  if (lex.kind === "chi2")
    return `the ${lex.k} columns of ${tfidf} with the highest chi² against the fitting rows' labels, dense`;
  return `${tfidf}, reduced by a seeded truncated SVD to ${lex.dimension} dims (LSA), dense`;
}

function fittedOn(model: "logreg" | "mlp", finalModel: ExperimentConfig["finalModel"]): string {
  const rows =
    model === "mlp"
      ? "each CV fold's training rows minus the MLP's early-stopping carve"
      : "each CV fold's training rows";
  const final =
    finalModel === "refit"
      ? "then, for the final model, all training rows likewise"
      : "the final model is these fold models, averaged";
  return `the rows each fit trains on: ${rows}; ${final}`;
}

/** Which model scores the test split and new messages. */
export function describeFinalModel(finalModel: ExperimentConfig["finalModel"]): string {
  return finalModel === "refit"
    ? "refit once more on all training rows"
    : "the cross-validation fold models, averaged (the models whose out-of-fold scores chose the threshold)";
}

/**
 * What each learned model sees, from the configuration: the frozen encoder's vectors and a lexical part
 * whose vocabulary, idf, chi² selection or SVD is fitted on the rows of each fit, never on the rows it scores.
 */
export function featureTable(c: ExperimentConfig, manifest?: EmbeddingManifest): Array<Record<string, string>> {
  const encoder = manifest
    ? `${manifest.method}, ${manifest.dimension} dims (computed once, frozen)`
    : "sentence encoder vectors (frozen)";
  return (["logreg", "mlp"] as const)
    .filter((m) => c.models.includes(m))
    .map((m) => ({
      model: m,
      features: describeFeatures(c.features[m]),
      "encoder part": c.features[m].encoder ? encoder : "none",
      "lexical part": describeLexical(c.features[m]),
      "lexical part fitted on": c.features[m].lexical ? fittedOn(m, c.finalModel) : "nothing to fit",
    }));
}

/** The settings of an experiment as a two-column table (the MLP's seed comes from the experiment seed). */
export function configTable(c: ExperimentConfig): Array<Record<string, string>> {
  const mlp = c.mlp;
  return [
    { setting: "seed (folds, MLP, bootstrap)", value: String(c.seed) },
    { setting: "threshold policy", value: describePolicy(c.policy) },
    { setting: "cross-validation", value: `${c.cvFolds} folds, group-aware, stratified, on the training split` },
    { setting: "bootstrap", value: `${c.bootstrap.resamples} resamples, ${100 * c.bootstrap.level}% intervals` },
    { setting: "models", value: c.models.join(", ") },
    { setting: "final model (scores the test split)", value: describeFinalModel(c.finalModel) },
    ...(["logreg", "mlp"] as const)
      .filter((m) => c.models.includes(m))
      .map((m) => ({ setting: `${m} features`, value: describeFeatures(c.features[m]) })),
    {
      setting: "logreg",
      value: `C from [${c.logreg.Cs.join(", ")}], class_weight ${JSON.stringify(c.logreg.classWeight)}, standardize ${c.logreg.standardize}`,
    },
    {
      setting: "mlp",
      value: Object.entries(mlp)
        .map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.join(", ")}]` : JSON.stringify(v)}`)
        .join(", "),
    },
  ];
}
