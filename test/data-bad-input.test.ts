import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { DataError } from "../lib/data/errors";
import { fixture } from "./helpers";

const expected: Record<string, string[]> = JSON.parse(fs.readFileSync(fixture("bad", "expected.json"), "utf8"));

test("every bad-input fixture has an expected error, and every expectation has a file", () => {
  const files = fs
    .readdirSync(fixture("bad"))
    .filter((f) => f.endsWith(".csv"))
    .sort();
  assert.deepEqual(
    files,
    Object.keys(expected)
      .filter((f) => f.endsWith(".csv"))
      .sort(),
  );
});

for (const [name, fragments] of Object.entries(expected)) {
  if (!name.endsWith(".csv")) continue;
  test(`bad input ${name} fails with a message naming the file and the place`, () => {
    const file = fixture("bad", name);
    assert.throws(
      () => loadDataset(file),
      (err: unknown) => {
        assert.ok(err instanceof DataError, `expected a DataError, got ${String(err)}`);
        assert.ok(err.message.startsWith(file), `message should start with the file: ${err.message}`);
        for (const f of fragments)
          assert.ok(err.message.includes(f), `message should include ${JSON.stringify(f)}: ${err.message}`);
        return true;
      },
    );
  });
}

test("a missing file is a clear error", () => {
  const file = path.join("no", "such", "data.csv");
  assert.throws(() => loadDataset(file), /no\/such\/data\.csv: file not found/);
});
