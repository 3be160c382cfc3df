import { DataError } from "./errors";

/** One CSV record with where it came from, for error messages. */
export interface CsvRecord {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** 1-based physical line where the record starts (quoted fields may span lines). */
  line: number;
  fields: string[];
}

/** A parsed CSV file: its header and its records. */
export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

const enum State {
  /** At the start of a field (a quote here opens a quoted field). */
  FieldStart,
  /** Inside an unquoted field, or just after a quoted one closed. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** A quote inside a quoted field: the next character tells an escaped quote ("") from the closing one. */
  QuoteInQuoted,
}

const SPECIAL = /[,\r\n"]/g;

/**
 * Strict RFC 4180 parser, fed in pieces: quoted fields with "" escapes and
 * embedded newlines, LF or CRLF line ends, optional UTF-8 BOM. Anything else
 * (a stray quote, an unterminated quote) is a DataError naming the line, never
 * a silently shifted column. A piece may end anywhere (inside a quoted field,
 * between CR and LF, between two quotes): the records are the same as for the
 * whole text at once. Memory holds one record, not the file.
 */
export class CsvParser {
  /** The header's fields (trimmed), once its line is complete. */
  header: string[] | null = null;
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = "";
  private line = 1;
  private recordLine = 1;
  private openLine = 1;
  /** Physical records after the header: the next one is data row `physicalRows + 1`. */
  private physicalRows = 0;
  private skipLf = false;
  private bomChecked = false;
  /** Records wait until the file is known not to be all white space (that is the "empty file" error). */
  private sawContent = false;
  private held: CsvRecord[] = [];

  constructor(readonly file: string) {}

  /**
   * Parse the next piece; returns the data records it completed (the header is kept in `header`), their fields
   * not yet checked against the header's count.
   */
  push(piece: string): CsvRecord[] {
    if (!this.bomChecked && piece.length > 0) {
      this.bomChecked = true;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    if (!this.sawContent && piece.trim() !== "") this.sawContent = true;
    const out = this.held;
    this.held = [];
    this.scan(piece, out);
    return this.release(out);
  }

  /** The end of the input: closes the last record and reports what can only be known at the end. */
  end(): CsvRecord[] {
    const out = this.held;
    this.held = [];
    if (!this.sawContent) throw new DataError(this.file, "the file is empty (expected a header line and data rows)");
    if (this.state === State.Quoted)
      throw new DataError(this.file, `line ${this.openLine}: a quoted field is never closed (missing ")`);
    // A last record without a trailing newline.
    if (this.field !== "" || this.fields.length > 0 || this.state !== State.FieldStart) this.endRecord(out);
    return out;
  }

  private release(out: CsvRecord[]): CsvRecord[] {
    if (this.sawContent) return out;
    this.held = out;
    return [];
  }

  private scan(s: string, out: CsvRecord[]): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = s.indexOf('"', i);
        const end = q < 0 ? n : q;
        this.addQuoted(s, i, end);
        if (q < 0) return;
        i = q + 1;
        this.state = State.QuoteInQuoted;
        continue;
      }
      const c = s[i];
      if (this.state === State.QuoteInQuoted) {
        if (c === '"') {
          this.field += '"';
          this.state = State.Quoted;
          i++;
          continue;
        }
        if (c !== "," && c !== "\n" && c !== "\r")
          throw new DataError(
            this.file,
            `line ${this.line}: unexpected character ${JSON.stringify(c)} after a closing quote`,
          );
        this.state = State.Unquoted;
      }
      if (this.skipLf) {
        this.skipLf = false;
        if (c === "\n") {
          i++;
          continue;
        }
      }
      if (this.state === State.FieldStart && c === '"') {
        this.openLine = this.line;
        this.state = State.Quoted;
        i++;
        continue;
      }
      if (c === ",") {
        this.endField();
        i++;
        continue;
      }
      if (c === "\r" || c === "\n") {
        this.endRecord(out);
        this.skipLf = c === "\r";
        this.line++;
        this.recordLine = this.line;
        i++;
        continue;
      }
      if (c === '"')
        throw new DataError(
          this.file,
          `line ${this.line}: a quote inside an unquoted field (quote the whole field and double the quote)`,
        );
      // A run of plain characters, up to the next comma, line end or quote.
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(s);
      const end = m ? m.index : n;
      this.field += s.slice(i, end);
      this.state = State.Unquoted;
      i = end;
    }
  }

  private addQuoted(s: string, from: number, to: number): void {
    const piece = s.slice(from, to);
    this.field += piece;
    for (let k = piece.indexOf("\n"); k >= 0; k = piece.indexOf("\n", k + 1)) this.line++;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.state = State.FieldStart;
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    if (this.header === null) {
      this.header = fields.map((h) => h.trim());
      return;
    }
    this.physicalRows++;
    // A completely empty physical line (e.g. a trailing blank line) is not a record.
    if (fields.length === 1 && fields[0] === "") return;
    out.push({ row: this.physicalRows, line: this.recordLine, fields });
  }
}

/** The error for a record whose field count differs from the header's. */
export function fieldCountProblem(record: CsvRecord, header: readonly string[]): string {
  return `row ${record.row} (line ${record.line}): expected ${header.length} fields (${header.join(",")}) but found ${record.fields.length}`;
}

/**
 * Parse a whole CSV text strictly (see CsvParser); every record must have as
 * many fields as the header.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const parser = new CsvParser(file);
  const records = [...parser.push(text), ...parser.end()];
  const header = parser.header ?? [];
  for (const r of records)
    if (r.fields.length !== header.length) throw new DataError(file, fieldCountProblem(r, header));
  return { header, records };
}

/** Quote a value for CSV output when it needs it. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as RFC 4180 CSV text (fields quoted where needed), header first. */
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
