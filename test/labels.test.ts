import { test } from "node:test";
import assert from "node:assert/strict";
import { parseLabel } from "../lib/data/labels";

test("exact True/False parse without being counted as normalized", () => {
  assert.deepEqual(parseLabel("True"), { label: 1, normalized: false });
  assert.deepEqual(parseLabel("False"), { label: 0, normalized: false });
});

test("case, surrounding white space and one trailing period are accepted and flagged", () => {
  for (const raw of ["true", "TRUE", " True", "True ", "True.", " tRuE. "]) {
    assert.deepEqual(parseLabel(raw), { label: 1, normalized: true }, raw);
  }
  for (const raw of ["false", "FALSE", "False.", "\tfalse\n"]) {
    assert.deepEqual(parseLabel(raw), { label: 0, normalized: true }, raw);
  }
});

test('"False" is never truthy: the string-to-boolean cast bug', () => {
  assert.equal(parseLabel("False")!.label, 0);
  assert.equal(Boolean("False"), true); // what the naive cast would do
});

test("anything else is rejected", () => {
  for (const raw of ["", "yes", "1", "0", "Tru", "True..", "not True", "None", "Truee"]) {
    assert.equal(parseLabel(raw), null, raw);
  }
});
