// The test-split ledger: the committed file loads, and a malformed one is refused with the file and the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadTestSplitLedger, summarizeLedger, TEST_SPLIT_LEDGER_FILE } from "../lib/experiment/ledger";
import { tempDir } from "./helpers";

const dir = tempDir("safety-ledger-");
const committed = JSON.parse(fs.readFileSync(TEST_SPLIT_LEDGER_FILE, "utf8"));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

test("the committed ledger loads; its summary counts looks, proven scorings and changes the test could have steered", () => {
  const l = loadTestSplitLedger();
  const s = summarizeLedger(l);
  assert.equal(s.looks, l.looks.length);
  assert.equal(
    s.scoredAtLeast,
    l.looks.reduce((a, x) => a + x.times.min, 0),
  );
  assert.equal(s.unbounded, l.looks.filter((x) => x.times.max === null).length);
  assert.ok(s.possiblySteered <= s.followedByChange, "a steered change is a change");
  // The history this project knows of: the refit → fold-ensemble switch and the earlier LSA default are in it.
  assert.ok(l.looks.some((x) => /fold ensemble/.test(x.changedAfter)));
  assert.ok(l.looks.some((x) => /LSA/.test(x.scored)));
});

test("a malformed ledger is refused, naming the file and the field", () => {
  const look = committed.looks[0];
  const cases: Array<[unknown, RegExp]> = [
    ["{ not json", /not valid JSON/],
    [
      { ...committed, looks: [{ ...look, times: { min: 3, max: 1, why: "x" } }] },
      /looks\[0\]\.times\.max: .*at least times\.min/,
    ],
    [
      { ...committed, looks: [{ ...look, times: { min: 0, max: null, why: "" } }] },
      /looks\[0\]\.times\.why: .*must say why/,
    ],
    [{ ...committed, looks: [{ ...look, testInfluence: "maybe" }] }, /looks\[0\]\.testInfluence/],
    [{ ...committed, looks: [{ ...look, look: 2 }] }, /looks\[0\]\.look is 2; looks are numbered/],
    [{ ...committed, looks: [{ ...look, date: "yesterday" }] }, /looks\[0\]\.date: a date as YYYY-MM-DD/],
    [{ ...committed, extra: 1 }, /Unrecognized key/],
    [
      { ...committed, looks: [look, { ...committed.looks[1], date: "2026-01-01" }] },
      /looks\[1\]\.date 2026-01-01 is before/,
    ],
  ];
  cases.forEach(([content, re], k) => {
    const file = write(`bad-${k}.json`, content);
    assert.throws(
      () => loadTestSplitLedger(file),
      (err: Error) => {
        assert.match(err.message, new RegExp(`bad-${k}\\.json`));
        assert.match(err.message, re);
        return true;
      },
    );
  });
  assert.throws(
    () => loadTestSplitLedger(path.join(dir, "missing.json")),
    /missing\.json: the test-split ledger is missing/,
  );
});
