import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { datasetFromCsvText, Dataset } from "../lib/data/dataset";
import { toCsv } from "../lib/data/csv";

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
