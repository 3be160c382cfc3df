// Run by `npm run test:notebooks` after `npm start` and `npm run notebooks` (CI does all three): the numbers a
// reader sees in the executed training notebook are the numbers the main job wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";
import type { NotebookJson } from "../tools/notebook/outputs";

/** The headline's parts this check compares (the notebook prints them as metrics.json has them). */
interface Headline {
  seed: number;
  policy: unknown;
  models: Record<string, { threshold: number; test: Record<string, unknown> & { confusion: unknown } }>;
}

const load = (file: string): NotebookJson => JSON.parse(fs.readFileSync(file, "utf8"));
const executed = path.join(ROOT, "out", "notebooks", "01_train_models.ipynb");
// runs/latest: the newest complete run (npm start writes one folder per run and points this link at it).
const metricsFile = path.join(ROOT, "runs", "latest", "metrics.json");

test("the executed training notebook's headline numbers equal runs/latest/metrics.json from `npm start` (same seed)", () => {
  for (const f of [executed, metricsFile])
    assert.ok(
      fs.existsSync(f),
      `${path.relative(ROOT, f)} is missing: run \`npm start\` and \`npm run notebooks\` first`,
    );
  const nb = load(executed);
  const cell = nb.cells.find((c) => (c.metadata?.tags ?? []).includes("headline"));
  assert.ok(cell, "no cell tagged 'headline'");
  const text = (cell.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => ([] as string[]).concat(o.text ?? []).join(""))
    .join("");
  const fromNotebook = JSON.parse(text) as Headline;
  const metrics = JSON.parse(fs.readFileSync(metricsFile, "utf8")) as Headline;
  assert.equal(fromNotebook.seed, metrics.seed, "run `npm start` with the notebook's seed");
  assert.deepEqual(fromNotebook.policy, metrics.policy);
  for (const [name, m] of Object.entries(fromNotebook.models)) {
    const r = metrics.models[name];
    assert.ok(r, `metrics.json has no model ${name}`);
    assert.equal(m.threshold, r.threshold, `${name} threshold`);
    for (const k of ["precision", "recall", "f1", "averagePrecision", "rocAuc"])
      assert.equal(m.test[k], r.test[k], `${name} test ${k}`);
    assert.deepEqual(m.test.confusion, r.test.confusion, `${name} confusion`);
  }
});
