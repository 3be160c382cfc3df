import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv, toCsv } from "../lib/data/csv";
import { DataError } from "../lib/data/errors";

test("quoted fields keep commas, doubled quotes and newlines; CRLF and BOM are handled", () => {
  const text = '\ufeffid,message,target\r\nm1,"a, b ""c""\r\nsecond line",True\r\nm2,plain,False\r\n';
  const t = parseCsv(text, "x.csv");
  assert.deepEqual(t.header, ["id", "message", "target"]);
  assert.equal(t.records.length, 2);
  assert.equal(t.records[0].fields[1], 'a, b "c"\r\nsecond line');
  assert.equal(t.records[1].row, 2);
  assert.equal(t.records[1].line, 4, "the second record starts on line 4 because the first spans two lines");
});

test("a last line without a newline and a trailing blank line both parse", () => {
  assert.equal(parseCsv("a,b\n1,2", "x.csv").records.length, 1);
  assert.equal(parseCsv("a,b\n1,2\n\n", "x.csv").records.length, 1);
  assert.deepEqual(parseCsv("a,b\n1,\n", "x.csv").records[0].fields, ["1", ""]);
});

test("toCsv round-trips through parseCsv", () => {
  const rows = [
    ["m1", 'He said "hi", then\nleft', "True"],
    ["m2", "", "False"],
  ];
  const t = parseCsv(toCsv(["id", "message", "target"], rows), "x.csv");
  assert.deepEqual(
    t.records.map((r) => r.fields),
    rows,
  );
});

test("errors name the file and the line", () => {
  assert.throws(
    () => parseCsv('a,b\n1,"2\n', "f.csv"),
    (e: unknown) => e instanceof DataError && /^f\.csv: line 2/.test(e.message),
  );
});
