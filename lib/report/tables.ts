import type { Relabel } from "../data/relabels";
import type { EmbeddingManifest } from "../embeddings/manifest";
import type { TfidfBlockConfig } from "../embeddings/tfidf";
import type { ExperimentConfig, ModelName } from "../experiment/config";
import { describeFeatures, FeatureSpec } from "../features/spec";
import type { ExperimentData, Part } from "../experiment/data";
import { ExperimentResult, modelResult } from "../experiment/run";
import { describePolicy } from "../metrics/threshold";
import { metricsJson } from "./outputs";
import { makeRng, shuffled } from "../util/random";
import { rate } from "../util/stats";
import { countShare } from "../present/format";
import { ConfidenceInterval, pairedBootstrapDifference } from "../metrics/bootstrap";
import { averagePrecision } from "../metrics/curves";
import { metricAt, ThresholdMetric } from "../metrics/metricAt";
import { UndefinedMetricError } from "../metrics/validate";
import { getOrThrow } from "../util/maps";

const groupsWithRepeats = (p: Part) => {
  const counts = new Map<number, number>();
  p.groups.forEach((g) => counts.set(g, (counts.get(g) ?? 0) + 1));
  return [...counts.values()].filter((c) => c > 1).length;
};

/** Rows, positives and repeat groups per side, and how many messages appear on both sides (must be 0). */
export function splitSummary(data: ExperimentData): Array<Record<string, string | number>> {
  const keyOf = new Map(data.dataset.usable.map((r) => [r.id, r.repeatKey]));
  const trainKeys = new Set(data.train.ids.map((id) => keyOf.get(id)));
  const crossing = data.test.ids.filter((id) => trainKeys.has(keyOf.get(id))).length;
  return (["train", "test"] as const).map((side) => ({
    split: side,
    rows: data[side].y.length,
    positives: data[side].y.reduce((a, b) => a + b, 0),
    "positive rate": Number(rate(data[side].y).toFixed(4)),
    "repeat groups inside": groupsWithRepeats(data[side]),
    "test messages also in train": side === "test" ? crossing : "",
  }));
}

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
  if (typeof v === "number") return key === "explainedVarianceRatio" ? `${(100 * v).toFixed(1)}%` : v;
  if (typeof v === "string") return /^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 12)}…` : v;
  return JSON.stringify(v);
}

/**
 * Where the embeddings came from, from their manifest: the method and model by name, then whatever the
 * manifest records about how they were made (`params`: for the encoder its package, version, weights
 * and vocabulary hashes; for LSA its settings; `extra`: run details), then the files it vouches for.
 */
export function embeddingProvenance(m: EmbeddingManifest): Array<Record<string, string | number>> {
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
export function featureRows(c: ExperimentConfig, manifest?: EmbeddingManifest): Array<Record<string, string>> {
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

/** How each threshold was chosen and what it gives on the out-of-fold training scores. */
export function thresholdRows(result: ExperimentResult): Array<Record<string, string | number>> {
  return result.models.map((m) => ({
    model: m.name,
    rule: m.threshold.source === "fixed" ? "fixed rule (baseline)" : describePolicy(m.threshold.policy),
    threshold: Number(m.threshold.threshold.toFixed(4)),
    "OOF precision": Number(m.oof.precision.toFixed(3)),
    "OOF recall": Number(m.oof.recall.toFixed(3)),
    "OOF F1": Number(m.oof.f1.toFixed(3)),
    "policy met": m.threshold.satisfied ? "yes" : `no: ${m.threshold.note}`,
  }));
}

export type ErrorKind = "fp" | "fn";

/** The test messages a model got wrong, most confident first, with their text (and other labelers' answers when given). */
export function errorExamples(
  result: ExperimentResult,
  model: ModelName,
  kind: ErrorKind,
  limit = 10,
  relabels?: Map<string, Relabel>,
): Array<Record<string, string | number>> {
  const m = modelResult(result, model);
  const t = m.threshold.threshold;
  const rows = result.test.ids
    .map((id, i) => ({ id, i, score: m.scores.test[i], y: result.test.y[i] }))
    .filter((r) => (kind === "fp" ? r.y === 0 && r.score >= t : r.y === 1 && r.score < t))
    .sort((a, b) => (kind === "fp" ? b.score - a.score : a.score - b.score))
    .slice(0, limit);
  return rows.map((r) => {
    const rl = relabels?.get(r.id);
    return {
      id: r.id,
      score: Number(r.score.toFixed(3)),
      message: result.test.texts[r.i],
      ...(rl
        ? {
            "rerun label": rl.rerun ? "True" : "False",
            "refined-prompt label": rl.refined ? "True" : "False",
            category: rl.category,
          }
        : {}),
    };
  });
}

/** For a model's test errors: how often a second run, or the refined prompt, sides with the model instead of the label. */
export function errorLabelAgreement(
  result: ExperimentResult,
  model: ModelName,
  relabels: Map<string, Relabel>,
): Array<Record<string, string | number>> {
  const m = modelResult(result, model);
  const t = m.threshold.threshold;
  const kinds: Array<[string, (y: number, s: number) => boolean]> = [
    ["false positives (label False, model flags)", (y, s) => y === 0 && s >= t],
    ["false negatives (label True, model misses)", (y, s) => y === 1 && s < t],
    ["correctly classified", (y, s) => (y === 1) === s >= t],
  ];
  const y = new Map(result.test.ids.map((id, i) => [id, result.test.y[i]]));
  return kinds.map(([label, pick]) => {
    const ids = result.test.ids.filter((_, i) => pick(result.test.y[i], m.scores.test[i]));
    const disagree = (which: "rerun" | "refined") =>
      ids.filter((id) => getOrThrow(relabels, id, "relabels")[which] !== y.get(id)).length;
    return {
      "test rows": label,
      count: ids.length,
      "rerun disagrees with the label": countShare(disagree("rerun"), ids.length),
      "refined prompt disagrees with the label": countShare(disagree("refined"), ids.length),
    };
  });
}

/** The headline numbers, exactly as metrics.json has them (for the notebook-vs-npm-start consistency check). */
export function headline(result: ExperimentResult) {
  const full = metricsJson(result);
  return {
    seed: full.seed,
    policy: full.policy,
    models: Object.fromEntries(
      Object.entries(full.models).map(([name, m]) => [
        name,
        {
          threshold: m.threshold,
          test: {
            precision: m.test.precision,
            recall: m.test.recall,
            f1: m.test.f1,
            averagePrecision: m.test.averagePrecision,
            rocAuc: m.test.rocAuc,
            confusion: m.test.confusion,
          },
        },
      ]),
    ),
  };
}

/** A few messages of each label, seeded, to show what the data looks like. */
export function sampleMessages(data: ExperimentData, perLabel = 4, seed = 0): Array<Record<string, string>> {
  const rng = makeRng(seed);
  const pick = (label: number) =>
    shuffled(
      data.train.ids.map((id, i) => ({ id, i })).filter((r) => data.train.y[r.i] === label),
      rng,
    ).slice(0, perLabel);
  return [...pick(1), ...pick(0)].map((r) => ({
    id: r.id,
    label: data.train.y[r.i] ? "True" : "False",
    message: data.train.texts[r.i],
  }));
}

/** The settings of an experiment as a two-column table (the MLP's seed comes from the experiment seed). */
export function configRows(c: ExperimentConfig): Array<Record<string, string>> {
  const { seed: _ignored, ...mlp } = c.mlp;
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

export interface ModelComparison {
  metric: string;
  a: ModelName;
  b: ModelName;
  /** a − b with its paired bootstrap interval; null when the metric is undefined for either model on the test split. */
  difference: ConfidenceInterval | null;
}

/**
 * Is one model better than another on the test split? A paired bootstrap of the difference in each metric; the
 * precision, recall and F1 of each are taken at its own threshold, by metricAt's rule for degenerate resamples.
 */
export function compareModels(result: ExperimentResult, a: ModelName, b: ModelName): ModelComparison[] {
  const ma = modelResult(result, a);
  const mb = modelResult(result, b);
  // Whole repeat groups are resampled, as for every other interval we report.
  const opts = {
    seed: result.config.seed,
    resamples: result.config.bootstrap.resamples,
    level: result.config.bootstrap.level,
    groups: result.test.groups,
  };
  const at = (k: ThresholdMetric): [Metric, Metric] => [
    metricAt(k, ma.threshold.threshold),
    metricAt(k, mb.threshold.threshold),
  ];
  const rows: Array<[string, [Metric, Metric]]> = [
    ["average precision", [averagePrecision, averagePrecision]],
    ["precision (each at its own threshold)", at("precision")],
    ["recall (each at its own threshold)", at("recall")],
    ["F1 (each at its own threshold)", at("f1")],
  ];
  return rows.map(([metric, [fa, fb]]) => {
    let difference: ConfidenceInterval | null = null;
    try {
      difference = pairedBootstrapDifference(result.test.y, ma.scores.test, mb.scores.test, fa, fb, opts);
    } catch (err) {
      if (!(err instanceof UndefinedMetricError)) throw err;
    }
    return { metric, a, b, difference };
  });
}

type Metric = (y: number[], s: number[]) => number;
