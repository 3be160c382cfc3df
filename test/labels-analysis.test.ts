import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { loadRelabels } from "../lib/data/relabels";
import { DataError } from "../lib/data/errors";
import { labelSetsFor } from "../lib/labels/labelSets";
import { flipsByTheme, pairAgreements, positiveRates } from "../lib/labels/disagreement";
import { agreementTable, themeFlipTable } from "../lib/present/labels";
import { themeOf } from "../lib/labels/themes";
import { DEFAULT_DATA_FILE, RELABELS_FILE } from "../lib/paths";
import { tempDir } from "./helpers";

const dataset = loadDataset(DEFAULT_DATA_FILE);
const relabels = loadRelabels(RELABELS_FILE, dataset);

test("relabels cover every row of data.csv, and a bad relabels file is refused with the row", () => {
  assert.equal(relabels.size, dataset.all.length);
  const dir = tempDir();
  const bad = path.join(dir, "relabels.csv");
  fs.writeFileSync(bad, "id,target_rerun,target_refined,source_category\nm00000,maybe,False,general\n");
  assert.throws(
    () => loadRelabels(bad, dataset),
    (e: unknown) => e instanceof DataError && /row 1 \(id m00000\)/.test(e.message),
  );
  fs.writeFileSync(bad, "id,target_rerun,target_refined,source_category\nm00000,True,False,general\n");
  assert.throws(() => loadRelabels(bad, dataset), /ids do not match/);
});

test("label sets line up with ids, and agreement and positive rates are computed from them", () => {
  const ids = dataset.usable.map((r) => r.id);
  const s = labelSetsFor(ids, dataset, relabels);
  assert.equal(s.original.length, ids.length);
  const i = ids.indexOf("m00582");
  assert.equal(s.original[i], dataset.usable[i].label);
  assert.equal(s.rerun[i], relabels.get("m00582")!.rerun);
  const pairs = pairAgreements(s);
  assert.deepEqual(
    pairs.map((p) => `${p.a}/${p.b}`),
    ["original/rerun", "original/refined", "rerun/refined"],
  );
  const origRerun = pairs[0];
  const disagreements = s.original.filter((v, k) => v !== s.rerun[k]).length;
  assert.equal(origRerun.disagreements, disagreements);
  assert.ok(Math.abs(origRerun.percentAgreement - (1 - disagreements / ids.length)) < 1e-12);
  assert.ok(origRerun.kappa < 1 && origRerun.kappa > 0);
  assert.equal(
    positiveRates(s)[0].positives,
    s.original.reduce((a, b) => a + b, 0),
  );
  // The table shows the same numbers, formatted once.
  const row = agreementTable(pairs)[0];
  assert.equal(row.pair, "original vs rerun");
  assert.equal(row["Cohen's kappa"], Number(origRerun.kappa.toFixed(3)));
  assert.equal(row["percent agreement"], `${(100 * origRerun.percentAgreement).toFixed(1)}%`);
});

test("flips by theme add up to every flip between the original and refined labels", () => {
  const s = labelSetsFor(
    dataset.usable.map((r) => r.id),
    dataset,
    relabels,
  );
  const rows = flipsByTheme(s);
  const tf = rows.reduce((a, r) => a + r.trueToFalse, 0);
  const ft = rows.reduce((a, r) => a + r.falseToTrue, 0);
  assert.equal(tf, s.original.filter((v, i) => v === 1 && s.refined[i] === 0).length);
  assert.equal(ft, s.original.filter((v, i) => v === 0 && s.refined[i] === 1).length);
  assert.equal(
    rows.reduce((a, r) => a + r.messages, 0),
    s.ids.length,
  );
  const flips = rows.map((r) => r.trueToFalse + r.falseToTrue);
  assert.deepEqual(
    flips,
    [...flips].sort((a, b) => b - a),
    "most flips first",
  );
  assert.deepEqual(Object.keys(themeFlipTable(rows)[0]), [
    "theme",
    "messages",
    "True → False",
    "False → True",
    "flip rate",
  ]);
});

test("themes are transparent regular expressions", () => {
  assert.equal(themeOf("Thanks for making it safe to speak up in retros"), "psychological safety / speaking up");
  assert.equal(themeOf("Great work, you secured the contract with Acme!"), "'secured' a deal, funding or approval");
  assert.equal(themeOf("Thanks for running the flu jab clinic"), "health campaigns and infection control");
  assert.equal(themeOf("Kudos to the privacy office for the new consent forms"), "privacy and data protection");
  assert.equal(themeOf("Thank you for the birthday cake"), "other");
});
