import * as fs from "node:fs";
import { parseCsv, requireColumns } from "./csv";
import type { Dataset } from "./dataset";
import { DataError, listSome } from "./errors";
import { Label, parseLabel } from "./labels";

/** The stand-in data's source categories (what each message was written to be), for the labeling analysis. */
export const SOURCE_CATEGORIES = ["safety", "security", "ambiguous", "wordsense", "general", "empty"] as const;
/** One of SOURCE_CATEGORIES. */
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];

/** The second labeling run, the refined-prompt run, and the category a message was written for. */
export interface Relabel {
  rerun: Label;
  refined: Label;
  category: SourceCategory;
}

/**
 * Read llm_relabels.csv and check it covers exactly the dataset's ids. For
 * studying the labels only: never a model feature.
 */
export function loadRelabels(file: string, dataset: Dataset): Map<string, Relabel> {
  if (!fs.existsSync(file)) throw new DataError(file, "file not found");
  const table = parseCsv(fs.readFileSync(file, "utf8"), file);
  const col = requireColumns(table, ["id", "target_rerun", "target_refined", "source_category"], file);
  const out = new Map<string, Relabel>();
  const bad: string[] = [];
  for (const rec of table.records) {
    const id = rec.fields[col.id].trim();
    const rerun = parseLabel(rec.fields[col.target_rerun]);
    const refined = parseLabel(rec.fields[col.target_refined]);
    const category = rec.fields[col.source_category].trim() as SourceCategory;
    if (!rerun || !refined || !SOURCE_CATEGORIES.includes(category)) {
      bad.push(`row ${rec.row} (id ${id})`);
      continue;
    }
    if (out.has(id)) throw new DataError(file, `row ${rec.row}: id "${id}" appears more than once`);
    out.set(id, { rerun: rerun.label, refined: refined.label, category });
  }
  if (bad.length)
    throw new DataError(
      file,
      `labels must be True/False and source_category one of ${SOURCE_CATEGORIES.join(", ")}; not so in ${listSome(bad)}`,
    );
  const missing = dataset.all.filter((r) => !out.has(r.id)).map((r) => r.id);
  const extra = [...out.keys()].filter((id) => !dataset.all.some((r) => r.id === id));
  if (missing.length || extra.length) {
    throw new DataError(
      file,
      `ids do not match ${dataset.file}` +
        (missing.length ? `; missing ${listSome(missing)}` : "") +
        (extra.length ? `; unknown ${listSome(extra)}` : ""),
    );
  }
  return out;
}
