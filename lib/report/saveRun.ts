// A notebook's experiment saved as a run, exactly as `npm start` saves its own.
import { encoderRecord } from "../embeddings/manifest";
import type { ExperimentData } from "../experiment/data";
import type { ExperimentResult } from "../experiment/run";
import { initTfBackend } from "../models/tfBackend";
import { reportHtml } from "./html";
import { RunEntry } from "../runs/layout";
import { readRun } from "../runs/store";
import { finishRun, startRun, StartRunOptions } from "../runs/write";

/**
 * Save an experiment that has already run as a new run folder (runs/<UTC time>-<config hash>/): config, metrics.json,
 * predictions.csv, report.html, the fitted pipeline and the run record; then runs/latest points at it. In a notebook:
 * `const saved = await saveRun(result, data);` (`saved.id`, `saved.dir`). `predict` and `npm run runs` see it like
 * any other run.
 */
export async function saveRun(
  result: ExperimentResult,
  data: ExperimentData,
  options: Omit<StartRunOptions, "savedBy" | "now"> & { experimentSeconds?: number } = {},
): Promise<RunEntry> {
  const run = startRun(data, result.config, { ...options, savedBy: "saveRun" });
  finishRun(run, result, {
    html: reportHtml(result, data.dataset.report),
    encoder: encoderRecord(data.embeddings.manifest),
    tfBackend: result.config.models.includes("mlp") ? await initTfBackend() : null,
    experimentSeconds: options.experimentSeconds ?? null,
  });
  return readRun(run.dir);
}
