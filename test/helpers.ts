import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { datasetFromCsvText, Dataset } from "../lib/data/dataset";
import { toCsv } from "../lib/data/csv";
import type { Figure, Trace } from "../lib/plots/plotly";
import { loadDataset } from "../lib/data/dataset";
import type { TextRows } from "../lib/features/featurizer";
import { DEFAULT_DATA_FILE } from "../lib/paths";
import { groupsFromKeys } from "../lib/split/groups";
import { Fold, stratifiedGroupKFold } from "../lib/split/split";
import { makeRng } from "../lib/util/random";

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

/**
 * The rows the fitting tests use: data.csv's first 600 usable messages with their labels and repeat groups, random
 * stand-ins for the encoder's 16-dimensional vectors (what is tested is the fitting, not the encoder), and 3 folds.
 */
export function fittingRows(): { y: number[]; groups: number[]; rows: TextRows; folds: Fold[] } {
  const usable = loadDataset(DEFAULT_DATA_FILE).usable.slice(0, 600);
  const y = usable.map((r) => r.label);
  const groups = groupsFromKeys(usable.map((r) => r.repeatKey));
  const rng = makeRng(5);
  const rows: TextRows = {
    texts: usable.map((r) => r.message),
    X: { rows: usable.length, cols: 16, data: Float32Array.from({ length: usable.length * 16 }, () => rng() - 0.5) },
  };
  return { y, groups, rows, folds: stratifiedGroupKFold(y, groups, 3, 1) };
}

/** Every .ts file under a folder, recursively. */
export function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}
