// The committed notebooks follow the outputs policy and the style rules; the executed ones (when
// `npm run notebooks` has run) agree with `npm start`.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";

const dir = path.join(ROOT, "notebooks");
const notebooks = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
const load = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const src = (cell: any) => ([] as string[]).concat(cell.source).join("");

test("there are the three notebooks, on the tslab kernel", () => {
  for (const name of ["01_train_models.ipynb", "02_pitfalls.ipynb", "03_llm_labeling.ipynb"]) assert.ok(notebooks.includes(name), `${name} is missing`);
  for (const nb of notebooks) assert.equal(load(path.join(dir, nb)).metadata.kernelspec.name, "tslab", nb);
});

test("committed notebooks carry no outputs (policy: outputs are rendered by `npm run notebooks`, see README)", () => {
  for (const nb of notebooks) {
    load(path.join(dir, nb)).cells.forEach((c: any, k: number) => {
      if (c.cell_type !== "code") return;
      assert.deepEqual(c.outputs, [], `${nb} cell ${k + 1} has outputs: strip them before committing`);
      assert.equal(c.execution_count, null, `${nb} cell ${k + 1} has an execution count`);
    });
  }
});

test("cells stay short and logic stays in lib/: no code cell over 15 lines, imports only from the library", () => {
  for (const nb of notebooks) {
    load(path.join(dir, nb)).cells.forEach((c: any, k: number) => {
      if (c.cell_type !== "code") return;
      const lines = src(c).split("\n").length;
      assert.ok(lines <= 15, `${nb} cell ${k + 1} has ${lines} lines`);
      for (const m of src(c).matchAll(/from\s+"([^"]+)"/g)) assert.match(m[1], /^\.\.\/dist\/lib(\/[a-z]+)?$|^danfojs-node$/, `${nb} cell ${k + 1} imports ${m[1]}`);
      assert.doesNotMatch(src(c), /\bfunction\b|\bclass\b|\bfor\s*\(|\bwhile\s*\(/, `${nb} cell ${k + 1} defines logic; move it to lib/`);
    });
  }
});

const executed = path.join(ROOT, "out", "notebooks", "01_train_models.ipynb");
const metricsFile = path.join(ROOT, "reports", "metrics.json");
const haveBoth = fs.existsSync(executed) && fs.existsSync(metricsFile);

test(
  "the executed training notebook's headline numbers equal reports/metrics.json from `npm start` (same seed)",
  { skip: haveBoth ? false : "needs `npm start` and `npm run notebooks` first (CI runs both before this check)" },
  () => {
    const nb = load(executed);
    const cell = nb.cells.find((c: any) => (c.metadata?.tags ?? []).includes("headline"));
    assert.ok(cell, "no cell tagged 'headline'");
    const text = cell.outputs.filter((o: any) => o.output_type === "stream" && o.name === "stdout").map((o: any) => [].concat(o.text).join("")).join("");
    const fromNotebook = JSON.parse(text);
    const metrics = JSON.parse(fs.readFileSync(metricsFile, "utf8"));
    assert.equal(fromNotebook.seed, metrics.seed, "run `npm start` with the notebook's seed");
    assert.deepEqual(fromNotebook.policy, metrics.policy);
    for (const [name, m] of Object.entries<any>(fromNotebook.models)) {
      const r = metrics.models[name];
      assert.ok(r, `metrics.json has no model ${name}`);
      assert.equal(m.threshold, r.threshold, `${name} threshold`);
      for (const k of ["precision", "recall", "f1", "averagePrecision", "rocAuc"]) assert.equal(m.test[k], r.test[k], `${name} test ${k}`);
      assert.deepEqual(m.test.confusion, r.test.confusion, `${name} confusion`);
    }
  },
);
