// After `npm start` (CI runs this right after it): the default run's deterministic files are byte-identical to the
// committed reference (test/fixtures/golden/), so a change that moves a result cannot pass unnoticed. A change that
// moves results on purpose refreshes the reference with `npm run golden:update` in the same commit.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RUNS_DIR } from "../lib/paths";
import { LATEST_LINK } from "../lib/runs/layout";
import { GOLDEN_DIR, runHashes } from "../tools/golden-run";

test("npm start's default run is byte-identical to the committed reference (metrics.json, predictions.csv, models)", () => {
  const latest = path.join(RUNS_DIR, LATEST_LINK);
  const want = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, "default-run.json"), "utf8")) as Record<string, string>;
  const got = runHashes(latest);
  assert.equal(
    got["config.json"],
    want["config.json"],
    "runs/latest is not the default configuration: run `npm start`",
  );
  // metrics.json first, as text: the failure shows which numbers moved.
  assert.equal(
    fs.readFileSync(path.join(latest, "metrics.json"), "utf8"),
    fs.readFileSync(path.join(GOLDEN_DIR, "metrics.json"), "utf8"),
    "metrics.json moved: if on purpose, `npm run golden:update` and say why in the commit",
  );
  assert.deepEqual(got, want, "a run file moved: if on purpose, `npm run golden:update` and say why in the commit");
});
