import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../lib/data/dataset";
import { formatQualityReport, qualityTable } from "../lib/present/data";
import { decodeHtmlEntities, repeatKey } from "../lib/data/text";
import { DEFAULT_DATA_FILE } from "../lib/paths";
import { tinyDataset } from "./helpers";

test("HTML entities are decoded, named and numeric, once", () => {
  assert.equal(decodeHtmlEntities("Car&#x27;s fixed &amp; R&amp;D &#39;ok&#39; &lt;3"), "Car's fixed & R&D 'ok' <3");
  assert.equal(decodeHtmlEntities("&amp;amp;"), "&amp;");
  assert.equal(decodeHtmlEntities("AT&T &unknown; stays"), "AT&T &unknown; stays");
});

test("repeat key ignores case, white space, closing punctuation and entities", () => {
  const k = repeatKey("Thanks Priya for the fire drill!");
  for (const v of [
    "thanks priya for the fire drill",
    "  Thanks  Priya\nfor the fire drill.  ",
    "THANKS PRIYA FOR THE FIRE DRILL!!!",
  ]) {
    assert.equal(repeatKey(v), k, v);
  }
  assert.equal(repeatKey("Priya&#x27;s drill"), repeatKey("priya's drill"));
  assert.notEqual(repeatKey("Thanks Priya for the fire drill"), repeatKey("Thanks Priya for the fire drills"));
});

test("each quirk is counted in the report", () => {
  const ds = tinyDataset([
    ["Thanks for the fire drill!", "True"],
    ["thanks for the  fire drill", " true"], // repeat, label normalized
    ["Thanks for the FIRE drill.", "False."], // repeat with a conflicting label
    ["Car&#x27;s fixed", "False"], // entity
    ["   ", "False"], // blank
    ["Great sprint", "FALSE"],
  ]);
  const r = ds.report;
  assert.equal(r.rows, 6);
  assert.equal(r.blank, 1);
  assert.deepEqual(r.blankIds, ["m4"]);
  assert.equal(r.usable, 5);
  assert.equal(ds.usable.length, 5);
  assert.equal(r.positives, 2);
  assert.equal(r.negatives, 3);
  assert.equal(r.labelsNormalized, 3);
  assert.equal(r.entitiesDecoded, 1);
  assert.equal(ds.usable.find((x) => x.id === "m3")!.message, "Car's fixed");
  assert.equal(r.repeatGroups, 1);
  assert.equal(r.repeatRows, 2);
  assert.equal(r.conflictingGroups, 1);
  assert.deepEqual(r.conflicts[0].ids, ["m0", "m1", "m2"]);
  const text = formatQualityReport(r);
  assert.match(text, /blank messages\s+1/);
  assert.match(text, /m2=False/);
  const table = qualityTable(r);
  assert.deepEqual(table.find((row) => row.check === "labeled True / False")?.count, "2 / 3");
  assert.deepEqual(table.find((row) => row.check === "positive rate")?.count, "40.0%");
});

test("the committed data.csv loads and its counts agree with an independent count", () => {
  const ds = loadDataset(DEFAULT_DATA_FILE);
  const r = ds.report;
  assert.equal(r.rows, 3027, "the data card says 3,027 rows");
  assert.equal(r.usable + r.blank, r.rows);
  assert.equal(r.positives + r.negatives, r.usable);
  // Every id unique, every usable message non-blank after decoding.
  assert.equal(new Set(ds.all.map((x) => x.id)).size, ds.all.length);
  assert.ok(ds.usable.every((x) => x.message.trim().length > 0));
  assert.ok(
    r.blank > 0 && r.repeatGroups > 0 && r.labelsNormalized > 0 && r.entitiesDecoded > 0,
    "the data card's quirks are all found",
  );
  assert.ok(!ds.usable.some((x) => /&#x27;|&amp;/.test(x.message)), "no entity survives decoding");
});
