// A run folder's result files: metrics.json (its declared interval fields), predictions.csv and report.html.
import * as fs from "node:fs";
import * as path from "node:path";
import { toCsv } from "../data/csv";
import { describePolicy } from "../metrics/threshold";
import { writeFileAtomic } from "./atomic";
import type { ExperimentResult } from "../experiment/run";
import { configRecord } from "../experiment/config";
import type { MetricSet } from "../experiment/evaluate";
import type { Interval } from "../metrics/interval";

/**
 * An interval as metrics.json stores it: the fields and order the file has always had. Every interval in it is a
 * percentile bootstrap over the metric set's `rows`, so method and n are not repeated inside each one.
 */
function storedInterval(i: Interval | null) {
  if (!i) return null;
  return { estimate: i.estimate, low: i.low, high: i.high, level: i.level, resamples: i.resamples, skipped: i.skipped };
}

/** A metric set as metrics.json stores it (its intervals by storedInterval). */
function storedMetricSet(m: MetricSet) {
  const { precision, recall, f1, averagePrecision } = m.ci;
  return {
    ...m,
    ci: {
      precision: storedInterval(precision),
      recall: storedInterval(recall),
      f1: storedInterval(f1),
      averagePrecision: storedInterval(averagePrecision),
    },
  };
}

/** metrics.json: deterministic for a seed (no timings, no dates), so two runs can be diffed. */
export function metricsJson(result: ExperimentResult) {
  return {
    seed: result.config.seed,
    policy: result.config.policy,
    policyDescription: describePolicy(result.config.policy),
    // The settings, and the seed each part derived from the one seed (mlp.seed, features.<model>.seed).
    config: configRecord(result.config),
    data: result.data,
    models: Object.fromEntries(
      result.models.map((m) => {
        // The threshold's source is in the result, not the file: metrics.json keeps its shape (the note says "fixed rule").
        const { source: _source, ...thresholdChoice } = m.threshold;
        return [
          m.name,
          {
            description: m.description,
            threshold: m.threshold.threshold,
            thresholdChoice,
            selected: m.selected,
            test: storedMetricSet(m.test),
            oof: storedMetricSet(m.oof),
            warnings: m.warnings,
          },
        ];
      }),
    ),
  };
}

/** predictions.csv: id,split,model,score,predicted,target — every number in metrics.json can be recomputed from it. */
export function predictionsCsv(result: ExperimentResult): string {
  const rows: Array<Array<string | number>> = [];
  for (const m of result.models) {
    const t = m.threshold.threshold;
    const add = (split: string, ids: string[], y: number[], scores: Float64Array) =>
      ids.forEach((id, i) => rows.push([id, split, m.name, scores[i], scores[i] >= t ? 1 : 0, y[i]]));
    add("test", result.test.ids, result.test.y, m.scores.test);
    add("train_oof", result.train.ids, result.train.y, m.scores.oof);
  }
  return toCsv(["id", "split", "model", "score", "predicted", "target"], rows);
}

/** Write metrics.json, predictions.csv and report.html for a result into `dir`; returns their paths. */
export function writeReports(
  dir: string,
  result: ExperimentResult,
  html: string,
): { metrics: string; predictions: string; report: string } {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    metrics: path.join(dir, "metrics.json"),
    predictions: path.join(dir, "predictions.csv"),
    report: path.join(dir, "report.html"),
  };
  // Each file appears whole or not at all (a run killed mid-write leaves no truncated metrics.json).
  writeFileAtomic(files.metrics, JSON.stringify(metricsJson(result), null, 2) + "\n");
  writeFileAtomic(files.predictions, predictionsCsv(result));
  writeFileAtomic(files.report, html);
  return files;
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
