// Two runs side by side: the settings that differ, and each shared model's test metrics compared paired on the very
// same test rows (the paired bootstrap of lib/analysis/compare.ts, whole repeat groups resampled).
import * as fs from "node:fs";
import * as path from "node:path";
import { MetricDifference, pairedMetricDifferences } from "../analysis/compare";
import { CsvRecord, parseCsv, requireColumns } from "../data/csv";
import { DataError } from "../data/errors";
import type { ModelName } from "../experiment/config";
import { MetricsHeadline, MetricsHeadlineSchema, readJsonFile, RunRecord } from "./record";
import { RUN_FILES, RunEntry } from "./layout";
import { requireComplete, verifyRunFiles } from "./store";

/** A JSON value as found in config.json or run.json. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A setting or provenance line that differs between two runs. */
export interface SettingDifference {
  /** `logreg.Cs`, `policy.kind`, or a provenance line such as `inputs.data.sha256`. */
  setting: string;
  /** undefined where the run has no such setting. */
  a: Json | undefined;
  b: Json | undefined;
}

/** One model's test metric in two runs, and their paired difference on the shared test rows. */
export interface RunMetricComparison extends MetricDifference {
  model: ModelName;
  /** Each run's test value from its metrics.json; null where the metric is undefined (e.g. nothing flagged). */
  a: number | null;
  b: number | null;
  /** `difference` is b − a: what changed from run A to run B. */
}

/** Two runs compared: what settings differ, and each shared model's metrics with paired intervals. */
export interface RunComparison {
  a: string;
  b: string;
  testRows: number;
  settings: SettingDifference[];
  metrics: RunMetricComparison[];
  onlyInA: ModelName[];
  onlyInB: ModelName[];
  bootstrap: { seed: number; resamples: number; level: number };
}

/** `{ a: { b: 1 } }` → `{ "a.b": 1 }`; arrays stay whole (a list of Cs is one setting). */
function flatten(value: Json, prefix = "", out = new Map<string, Json>()): Map<string, Json> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}

function differences(a: Map<string, Json>, b: Map<string, Json>, prefix = ""): SettingDifference[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)))
    .map((k) => ({ setting: `${prefix}${k}`, a: a.get(k), b: b.get(k) }));
}

/** What a run was made from, besides its settings: code, inputs and environment. */
function provenance(r: RunRecord): Map<string, Json> {
  return new Map<string, Json>([
    ["git.commit", r.git.commit],
    ["git.dirty", r.git.dirty],
    ["inputs.data.sha256", r.inputs.data.sha256],
    ["inputs.split.sha256", r.inputs.split.sha256],
    ["inputs.embeddings.sha256", r.inputs.embeddings.sha256],
    ["tfBackend", r.tfBackend],
  ]);
}

function readConfig(run: RunEntry): Json {
  const file = path.join(run.dir, RUN_FILES.config);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Json;
  } catch (err) {
    throw new DataError(file, `not readable as JSON (${(err as Error).message})`);
  }
}

/** A numeric field of a run's CSV file, checked: a DataError names the file, row and column, never a NaN. */
function numberAt(file: string, r: CsvRecord, column: string, index: number, allowed?: readonly number[]): number {
  const text = r.fields[index];
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || (allowed && !allowed.includes(v)))
    throw new DataError(
      file,
      `row ${r.row}, column "${column}": expected ${allowed ? allowed.join(" or ") : "a number"}, got ${JSON.stringify(text)}`,
      { rows: [r.row], column },
    );
  return v;
}

/** The test rows in metric order: ids, labels and repeat groups, from test-rows.csv. */
function readTestRows(run: RunEntry): { ids: string[]; y: number[]; groups: number[] } {
  const file = path.join(run.dir, RUN_FILES.testRows);
  const table = parseCsv(fs.readFileSync(file, "utf8"), file);
  const col = requireColumns(table, ["id", "target", "group"], file);
  return {
    ids: table.records.map((r) => r.fields[col.id]),
    y: table.records.map((r) => numberAt(file, r, "target", col.target, [0, 1])),
    groups: table.records.map((r) => numberAt(file, r, "group", col.group)),
  };
}

/** Each model's test scores by id, from predictions.csv. */
function readTestScores(run: RunEntry): Map<string, Map<string, number>> {
  const file = path.join(run.dir, RUN_FILES.predictions);
  const table = parseCsv(fs.readFileSync(file, "utf8"), file);
  const col = requireColumns(table, ["id", "split", "model", "score"], file);
  const byModel = new Map<string, Map<string, number>>();
  for (const r of table.records) {
    if (r.fields[col.split] !== "test") continue;
    const model = r.fields[col.model];
    if (!byModel.has(model)) byModel.set(model, new Map());
    byModel.get(model)?.set(r.fields[col.id], numberAt(file, r, "score", col.score));
  }
  return byModel;
}

function scoresInOrder(run: RunEntry, scores: Map<string, number> | undefined, ids: readonly string[], model: string) {
  return Float64Array.from(ids, (id) => {
    const s = scores?.get(id);
    if (s === undefined)
      throw new DataError(path.join(run.dir, RUN_FILES.predictions), `no test score for id ${id}, model ${model}`);
    return s;
  });
}

function testValue(m: MetricsHeadline["models"][string], key: MetricDifference["key"]): number | null {
  if (key in m.test.undefinedMetrics) return null;
  return m.test[key];
}

/**
 * Compare run B with run A: settings that differ, and for every model both trained, B − A in average precision,
 * precision, recall and F1 on the test split with paired bootstrap intervals. Refuses runs whose test rows differ
 * (different data or split): their differences would mix the models with the rows.
 */
export function compareRuns(
  runA: RunEntry,
  runB: RunEntry,
  options: { seed?: number; resamples?: number; level?: number } = {},
): RunComparison {
  const a = requireComplete(runA);
  const b = requireComplete(runB);
  if (a.record.testRows.sha256 !== b.record.testRows.sha256)
    throw new DataError(
      b.dir,
      `run ${b.id} was scored on other test rows than run ${a.id} (${b.record.testRows.count} vs ` +
        `${a.record.testRows.count} rows, and their ids, labels, repeat groups or texts differ): a paired comparison ` +
        "needs the same test rows, so compare runs made from the same data.csv and split.csv",
    );
  const needed = [RUN_FILES.config, RUN_FILES.metrics, RUN_FILES.predictions, RUN_FILES.testRows];
  verifyRunFiles(a, needed);
  verifyRunFiles(b, needed);

  const settings = [
    ...differences(flatten(readConfig(a)), flatten(readConfig(b))),
    ...differences(provenance(a.record), provenance(b.record)),
  ];
  const metricsOf = (r: RunEntry) =>
    readJsonFile(path.join(r.dir, RUN_FILES.metrics), MetricsHeadlineSchema, "metrics.json");
  const [ma, mb] = [metricsOf(a), metricsOf(b)];
  const rows = readTestRows(a);
  const [sa, sb] = [readTestScores(a), readTestScores(b)];
  const bootstrap = {
    seed: options.seed ?? a.record.seed,
    resamples: options.resamples ?? 1000,
    level: options.level ?? 0.95,
  };

  const shared = a.record.models.filter((m) => b.record.models.includes(m));
  const metrics = shared.flatMap((model) => {
    const [ea, eb] = [ma.models[model], mb.models[model]];
    if (!ea || !eb) throw new DataError(a.dir, `metrics.json of run ${ea ? b.id : a.id} has no model ${model}`);
    const diffs = pairedMetricDifferences(
      rows.y,
      rows.groups,
      { scores: scoresInOrder(b, sb.get(model), rows.ids, model), threshold: eb.threshold },
      { scores: scoresInOrder(a, sa.get(model), rows.ids, model), threshold: ea.threshold },
      bootstrap,
    );
    return diffs.map((d) => ({ ...d, model, a: testValue(ea, d.key), b: testValue(eb, d.key) }));
  });
  return {
    a: a.id,
    b: b.id,
    testRows: rows.ids.length,
    settings,
    metrics,
    onlyInA: a.record.models.filter((m) => !b.record.models.includes(m)),
    onlyInB: b.record.models.filter((m) => !a.record.models.includes(m)),
    bootstrap,
  };
}
