// The committed notebooks follow the outputs policy and the style rules. (Whether the executed notebooks agree
// with `npm start` is checked by test/notebook-outputs.check.ts, run by `npm run test:notebooks`.)
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
