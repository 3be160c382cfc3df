import { DataError } from "./errors";

/** One CSV record with where it came from, for error messages. */
export interface CsvRecord {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** 1-based physical line where the record starts (quoted fields may span lines). */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/**
 * Strict RFC 4180 parser: quoted fields with "" escapes and embedded newlines,
 * LF or CRLF line ends, optional UTF-8 BOM. Anything else (a stray quote, an
 * unterminated quote, a row with the wrong number of fields) is a DataError
 * naming the line, never a silently shifted column.
 */
export function parseCsv(text: string, file: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new DataError(file, "the file is empty (expected a header line and data rows)");

  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  const n = text.length;

  const endField = () => {
    fields.push(field);
    field = "";
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    rows.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < n) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      // Quoted field: read to the closing quote.
      const openLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new DataError(file, `line ${openLine}: a quoted field is never closed (missing ")`);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (i < n && next !== "," && next !== "\n" && next !== "\r") {
        throw new DataError(file, `line ${line}: unexpected character ${JSON.stringify(next)} after a closing quote`);
      }
      atFieldStart = false;
      continue;
    }
    if (ch === ",") {
      endField();
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (ch === '"') {
      throw new DataError(
        file,
        `line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`,
      );
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  // A last record without a trailing newline.
  if (field !== "" || fields.length > 0 || !atFieldStart) endRecord();

  const [headerRow, ...dataRows] = rows;
  const header = headerRow.fields.map((h) => h.trim());
  const records: CsvRecord[] = [];
  dataRows.forEach((r, k) => {
    // A completely empty physical line (e.g. a trailing blank line) is not a record.
    if (r.fields.length === 1 && r.fields[0] === "") return;
    if (r.fields.length !== header.length) {
      throw new DataError(
        file,
        `row ${k + 1} (line ${r.line}): expected ${header.length} fields (${header.join(",")}) but found ${r.fields.length}`,
      );
    }
    records.push({ row: k + 1, line: r.line, fields: r.fields });
  });
  return { header, records };
}

/** Quote a value for CSV output when it needs it. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Array<Array<string | number>>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** Column index by name, or a DataError naming the missing columns. */
export function requireColumns(table: CsvTable, names: string[], file: string): Record<string, number> {
  const missing = names.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      file,
      `missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} ` +
        `(header has: ${table.header.map((h) => `"${h}"`).join(", ")})`,
    );
  }
  const dupes = table.header.filter((h, k) => table.header.indexOf(h) !== k);
  if (dupes.length > 0) throw new DataError(file, `duplicate column name(s) in header: ${dupes.join(", ")}`);
  return Object.fromEntries(names.map((c) => [c, table.header.indexOf(c)]));
}
