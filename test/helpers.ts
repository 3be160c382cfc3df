import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { datasetFromCsvText, Dataset } from "../lib/data/dataset";
import { toCsv } from "../lib/data/csv";
import type { Figure, Trace } from "../lib/plots/plotly";

export const ROOT = path.resolve(__dirname, "..");
export const fixture = (...p: string[]) => path.join(ROOT, "test", "fixtures", ...p);

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = "safety-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A small dataset from [message, "True"|"False"] pairs, ids m0.. */
export function tinyDataset(rows: Array<[string, string]>, file = "tiny.csv"): Dataset {
  const text = toCsv(
    ["id", "message", "target"],
    rows.map(([m, t], i) => [`m${i}`, m, t]),
  );
  return datasetFromCsvText(text, file);
}

/** Trace i of a figure, checked to be of the given plotly type (the test fails naming what it was instead). */
export function traceOf<K extends Trace["type"]>(fig: Figure, i: number, type: K): Extract<Trace, { type: K }> {
  const trace = fig.data[i];
  if (trace?.type !== type) throw new Error(`trace ${i} is ${trace?.type ?? "missing"}, expected ${type}`);
  return trace as Extract<Trace, { type: K }>;
}

/** Every trace of a figure, each checked to be of the given plotly type. */
export const tracesOf = <K extends Trace["type"]>(fig: Figure, type: K): Array<Extract<Trace, { type: K }>> =>
  fig.data.map((_, i) => traceOf(fig, i, type));
