// The streaming CSV parser against the hand-written one it replaced (kept here, verbatim, as the reference):
// the same records or the same error, for any text and any way of cutting it into pieces.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { CsvParser, CsvRecord, CsvTable, parseCsv } from "../lib/data/csv";
import { DataError } from "../lib/data/errors";
import { makeRng, randInt, Rng } from "../lib/util/random";
import { fixture } from "./helpers";

function referenceParseCsv(text: string, file: string): CsvTable {
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

type Outcome = { ok: CsvTable } | { error: string };

function outcome(parse: () => CsvTable): Outcome {
  try {
    return { ok: parse() };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    return { error: err.message };
  }
}

/** The streaming parser fed in random pieces (1 to 6 characters). */
function parseInPieces(text: string, file: string, rng: Rng): CsvTable {
  const parser = new CsvParser(file);
  const records = [];
  for (let i = 0; i < text.length; ) {
    const len = 1 + randInt(rng, 6);
    records.push(...parser.push(text.slice(i, i + len)));
    i += len;
  }
  records.push(...parser.end());
  return { header: parser.header ?? [], records };
}

const ALPHABET = ["a", "b", ",", '"', "\r", "\n", " ", "é", "\ufeff", "x"];

function randomCsvText(rng: Rng): string {
  const len = randInt(rng, 40);
  let s = "";
  for (let i = 0; i < len; i++) s += ALPHABET[randInt(rng, ALPHABET.length)];
  return s;
}

test("parseCsv gives the reference parser's records or its exact error, on 3,000 random texts", () => {
  const rng = makeRng(7);
  let errors = 0;
  for (let k = 0; k < 3000; k++) {
    const text = randomCsvText(rng);
    const want = outcome(() => referenceParseCsv(text, "r.csv"));
    assert.deepEqual(
      outcome(() => parseCsv(text, "r.csv")),
      want,
      JSON.stringify(text),
    );
    if ("error" in want) errors++;
  }
  assert.ok(errors > 300 && errors < 2700, `a mix of good and bad texts (${errors} errors)`);
});

test("records do not depend on where the input is cut into pieces", () => {
  const rng = makeRng(11);
  for (let k = 0; k < 3000; k++) {
    const text = randomCsvText(rng);
    const whole = outcome(() => {
      const p = new CsvParser("r.csv");
      const records = [...p.push(text), ...p.end()];
      return { header: p.header ?? [], records };
    });
    const pieces = outcome(() => parseInPieces(text, "r.csv", rng));
    assert.deepEqual(pieces, whole, JSON.stringify(text));
  }
});

test("data.csv parses to the same records in 1-character pieces as whole", () => {
  const text = fs.readFileSync(fixture("..", "..", "data", "data.csv"), "utf8");
  const whole = parseCsv(text, "data.csv");
  assert.deepEqual(parseInPieces(text, "data.csv", makeRng(3)).records, whole.records);
});
