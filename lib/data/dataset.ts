import * as fs from "node:fs";
import { parseCsv, requireColumns } from "./csv";
import { DataError, listSome } from "./errors";
import { parseLabel } from "./labels";
import { decodeHtmlEntities, isBlank, repeatKey } from "./text";
import { buildQualityReport, DataQualityReport } from "./report";

import type { MessageRecord } from "./record";
export type { MessageRecord };

/** A loaded data file: every row, the usable ones, and the quality report of what cleaning did. */
export interface Dataset {
  file: string;
  /** Every row of the file, in file order. */
  all: MessageRecord[];
  /** Rows used for modelling (blank messages excluded), in file order. */
  usable: MessageRecord[];
  report: DataQualityReport;
}

/** The columns a data file must have. */
export const REQUIRED_COLUMNS = ["id", "message", "target"] as const;

/** Validate parsed text as a dataset. `file` is only used to name the source in errors and the report. */
export function datasetFromCsvText(text: string, file: string): Dataset {
  const table = parseCsv(text, file);
  const col = requireColumns(table, [...REQUIRED_COLUMNS], file);
  if (table.records.length === 0) throw new DataError(file, "the file has a header but no data rows");

  const badLabels: string[] = [];
  const blankIds: string[] = [];
  const firstRowOfId = new Map<string, number>();
  const duplicateIds: string[] = [];
  const all: MessageRecord[] = [];

  for (const rec of table.records) {
    const id = rec.fields[col.id].trim();
    const rawMessage = rec.fields[col.message];
    const rawLabel = rec.fields[col.target];
    if (id === "") throw new DataError(file, `row ${rec.row} (line ${rec.line}): column "id" is empty`);
    const seen = firstRowOfId.get(id);
    if (seen !== undefined) duplicateIds.push(`"${id}" (rows ${seen} and ${rec.row})`);
    else firstRowOfId.set(id, rec.row);

    const parsed = parseLabel(rawLabel);
    if (parsed === null) {
      badLabels.push(`row ${rec.row} (id ${id}): ${JSON.stringify(rawLabel)}`);
      continue;
    }
    const blank = isBlank(decodeHtmlEntities(rawMessage));
    if (blank) blankIds.push(id);
    all.push({
      id,
      row: rec.row,
      message: decodeHtmlEntities(rawMessage),
      rawMessage,
      label: parsed.label,
      rawLabel,
      blank,
      repeatKey: blank ? "" : repeatKey(rawMessage),
    });
  }

  if (duplicateIds.length > 0) {
    throw new DataError(file, `column "id" must be unique; duplicated: ${listSome(duplicateIds)}`);
  }
  if (badLabels.length > 0) {
    throw new DataError(
      file,
      `column "target" must be True or False (any case, optional spaces or trailing period); ` +
        `${badLabels.length} row(s) are not: ${listSome(badLabels)}`,
    );
  }
  const usable = all.filter((r) => !r.blank);
  if (usable.length === 0) throw new DataError(file, "every message is blank: nothing to model");
  return { file, all, usable, report: buildQualityReport(file, all) };
}

/** Read and validate a labeled messages CSV (id, message, target). */
export function loadDataset(file: string): Dataset {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(file, code === "ENOENT" ? "file not found" : `cannot read the file (${code ?? String(err)})`);
  }
  return datasetFromCsvText(text, file);
}
