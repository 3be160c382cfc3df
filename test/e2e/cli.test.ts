import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { fixture, ROOT } from "../helpers";

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("data:check --json reports the required fields and exits 0", () => {
  const r = run("data-check.ts", ["data/data.csv", "--json"]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  for (const k of [
    "rows",
    "usable",
    "blank",
    "positives",
    "negatives",
    "labelsNormalized",
    "repeatGroups",
    "repeatRows",
    "conflictingGroups",
  ]) {
    assert.equal(typeof j[k], "number", k);
  }
  assert.equal(j.rows, 3027);
});

test("data:check plain output explains what is excluded", () => {
  const r = run("data-check.ts", []);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /blank messages\s+\d+\s+\(excluded from modelling/);
});

test("data:check on a bad file exits non-zero with one clear line on stderr, no stack trace", () => {
  const r = run("data-check.ts", [fixture("bad", "bad-label.csv")]);
  assert.equal(r.code, 1);
  assert.equal(r.out, "");
  assert.match(r.err, /^error: .*bad-label\.csv: column "target"/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test("a usage mistake exits 2 and shows the usage", () => {
  const r = run("data-check.ts", ["--jsn"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--jsn is not an option here/);
  assert.match(r.err, /see `npm run --silent data:check -- --help`/);
});

test("split --check agrees with the committed split", () => {
  const r = run("make-split.ts", ["--check"]);
  assert.equal(r.code, 0, r.err);
});

test("npm run audit prints the top suspects with their text", () => {
  const r = run("audit.ts", ["--top", "5", "--folds", "3"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Label audit: 3022 messages, \d+ flagged by confident learning/);
  const rows = r.out.split("\n").filter((l) => /^\d+\s+m\d{5}\s+(True|False)\s+(True|False)/.test(l));
  assert.equal(rows.length, 5);
});

test("`npm run embed -- --method mpnet` without the package exits 1 with one clear line", (t) => {
  try {
    require.resolve("@huggingface/transformers");
    return t.skip("@huggingface/transformers is installed here");
  } catch {
    // not installed: the case under test
  }
  const r = run("embed.ts", ["--method", "mpnet", "--out", path.join(os.tmpdir(), "never-written.json")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^error: the mpnet path needs the optional package @huggingface\/transformers/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});
