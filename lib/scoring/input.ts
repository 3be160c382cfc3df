// Reading a CSV of messages to score as a stream: records arrive in pieces, memory holds one piece, and every row
// is either scorable or has a reason why not (blank, not UTF-8, wrong number of fields).
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { CsvParser, CsvRecord, fieldCountProblem } from "../data/csv";
import { DataError } from "../data/errors";
import { decodeHtmlEntities, isBlank } from "../data/text";

/** Why a row gets no score. */
export type UnscorableKind = "blank" | "fields" | "encoding";
export const UNSCORABLE_KINDS: readonly UnscorableKind[] = ["blank", "fields", "encoding"];
export type UnscorableCounts = Record<UnscorableKind, number>;
export const noUnscorable = (): UnscorableCounts => ({ blank: 0, fields: 0, encoding: 0 });

/** Where the message and the id are in each row. */
export interface InputColumns {
  header: string[];
  /** The message column's index. */
  message: number;
  /** The id column's index, or -1 (rows are then named by their row number). */
  id: number;
  column: string;
}

export type CheckedRow =
  | { ok: true; id: string; text: string }
  | { ok: false; id: string; kind: UnscorableKind; reason: string; problem: string };

/**
 * A row as the model will see it (HTML entities decoded), or why it can't be scored: `reason` is the short text of
 * the output's reason column, `problem` the error --strict stops with.
 */
export function checkRow(r: CsvRecord, cols: InputColumns): CheckedRow {
  const id = cols.id >= 0 ? (r.fields[cols.id] ?? "") : String(r.row);
  const where = `row ${r.row} (line ${r.line})`;
  if (r.fields.length !== cols.header.length) {
    const reason = `unreadable: ${r.fields.length} fields where the header has ${cols.header.length}`;
    return { ok: false, id, kind: "fields", reason, problem: fieldCountProblem(r, cols.header) };
  }
  const text = decodeHtmlEntities(r.fields[cols.message]);
  if (isBlank(text))
    return {
      ok: false,
      id,
      kind: "blank",
      reason: "blank message",
      problem: `${where}: column "${cols.column}" is blank`,
    };
  // The stream decoder puts U+FFFD where bytes are not UTF-8: such text would be embedded as something else.
  if (text.includes("\ufffd"))
    return {
      ok: false,
      id,
      kind: "encoding",
      reason: "unreadable: not valid UTF-8",
      problem: `${where}: column "${cols.column}" is not valid UTF-8 text (save the file as UTF-8)`,
    };
  return { ok: true, id, text };
}

export function inputColumns(file: string, header: readonly string[], column: string): InputColumns {
  const message = header.indexOf(column);
  if (message < 0)
    throw new DataError(file, `no column "${column}" (header has: ${header.join(", ")}); choose one with --column`);
  return { header: [...header], message, id: header.indexOf("id"), column };
}

/**
 * Stream a CSV file through the strict parser: `onRecords` gets each piece's records (awaited, so a slow consumer
 * slows the reading: memory stays flat), `onBytes` the raw bytes (for a hash). Returns the header.
 */
export async function streamCsv(
  file: string,
  onRecords: (records: CsvRecord[], header: readonly string[]) => void | Promise<void>,
  onBytes: (bytes: Buffer) => void = () => {},
): Promise<string[]> {
  if (!fs.existsSync(file)) throw new DataError(file, "file not found");
  const parser = new CsvParser(file);
  const decoder = new StringDecoder("utf8");
  const give = async (records: CsvRecord[]) => {
    if (records.length && parser.header) await onRecords(records, parser.header);
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 16 })) {
    const bytes = chunk as Buffer;
    onBytes(bytes);
    await give(parser.push(decoder.write(bytes)));
  }
  await give([...parser.push(decoder.end()), ...parser.end()]);
  return parser.header ?? [];
}

/** What a first pass over the input found: its identity, its size in rows and how many rows can't be scored. */
export interface InputSurvey {
  file: string;
  bytes: number;
  sha256: string;
  rows: number;
  columns: InputColumns;
  unscorable: UnscorableCounts;
}

/**
 * A quick first pass (no model): checks the whole file's CSV structure and the column before any scoring starts,
 * counts rows (for progress and time left), hashes the bytes (so --resume knows the input is the same) and, with
 * `strict`, stops at the first row that can't be scored.
 */
export async function surveyCsv(file: string, column: string, strict: boolean): Promise<InputSurvey> {
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  let columns: InputColumns | null = null;
  const unscorable = noUnscorable();
  const header = await streamCsv(
    file,
    (records, head) => {
      columns ??= inputColumns(file, head, column);
      for (const r of records) {
        const c = checkRow(r, columns);
        if (!c.ok) {
          if (strict) throw new DataError(file, `${c.problem} (--strict stops at the first row it can't score)`);
          unscorable[c.kind]++;
        }
      }
      rows += records.length;
    },
    (b) => {
      hash.update(b);
      bytes += b.length;
    },
  );
  columns ??= inputColumns(file, header, column);
  if (rows === 0) throw new DataError(file, "no rows to score (the file has a header only)");
  return { file, bytes, sha256: hash.digest("hex"), rows, columns, unscorable };
}
