// The committed notebooks follow the outputs policy and the style rules. (Whether the executed notebooks agree
// with `npm start` is checked by test/notebook-outputs.check.ts, run by `npm run test:notebooks`.)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";
import { featureTable, provenanceTable } from "../lib/present/settings";
import { readManifest } from "../lib/embeddings/manifest";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { describeFeatures } from "../lib/features/spec";
import * as notebookRuntime from "../lib/notebook";
import { buildDeck } from "../tools/deck/slides";
import { formatProblem, structureProblems } from "../tools/deck/checks";
import type { NotebookJson } from "../tools/notebook/outputs";

const dir = path.join(ROOT, "notebooks");
const notebooks = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
const load = (file: string): NotebookJson => JSON.parse(fs.readFileSync(file, "utf8"));
const src = (cell: NotebookJson["cells"][number]) => ([] as string[]).concat(cell.source).join("");

describe("the notebooks' shape", () => {
  test("there are the three notebooks, on the tslab kernel", () => {
    for (const name of ["01_train_models.ipynb", "02_pitfalls.ipynb", "03_llm_labeling.ipynb"])
      assert.ok(notebooks.includes(name), `${name} is missing`);
    for (const nb of notebooks) assert.equal(load(path.join(dir, nb)).metadata?.kernelspec?.name, "tslab", nb);
  });

  test("committed notebooks carry no outputs (policy: outputs are rendered by `npm run notebooks`, see README)", () => {
    for (const nb of notebooks) {
      load(path.join(dir, nb)).cells.forEach((c, k) => {
        if (c.cell_type !== "code") return;
        assert.deepEqual(c.outputs, [], `${nb} cell ${k + 1} has outputs: strip them before committing`);
        assert.equal(c.execution_count, null, `${nb} cell ${k + 1} has an execution count`);
      });
    }
  });

  test("cells stay short and logic stays in lib/: no code cell over 15 lines, imports only from the library", () => {
    for (const nb of notebooks) {
      load(path.join(dir, nb)).cells.forEach((c, k) => {
        if (c.cell_type !== "code") return;
        const lines = src(c).split("\n").length;
        assert.ok(lines <= 15, `${nb} cell ${k + 1} has ${lines} lines`);
        for (const m of src(c).matchAll(/from\s+"([^"]+)"/g))
          assert.match(m[1], /^\.\.\/dist\/lib(\/[a-z]+)?$|^danfojs-node$/, `${nb} cell ${k + 1} imports ${m[1]}`);
        assert.doesNotMatch(
          src(c),
          /\bfunction\b|\bclass\b|\bfor\s*\(|\bwhile\s*\(/,
          `${nb} cell ${k + 1} defines logic; move it to lib/`,
        );
      });
    }
  });

  test("code cells fit a presentation screen: no line over 100 characters", () => {
    const tooLong: string[] = [];
    for (const nb of notebooks) {
      load(path.join(dir, nb)).cells.forEach((c, k) => {
        if (c.cell_type !== "code") return;
        src(c)
          .split("\n")
          .forEach((line: string, j: number) => {
            const chars = [...line].length;
            if (chars > 100) tooLong.push(`${nb} cell ${k + 1} line ${j + 1} has ${chars} characters`);
          });
      });
    }
    assert.deepEqual(tooLong, [], tooLong.join("\n"));
  });

  test("faulty-code snippets in the pitfalls notebook are fenced as Python, the original notebook's language", () => {
    const fences = load(path.join(dir, "02_pitfalls.ipynb"))
      .cells.filter((c) => c.cell_type === "markdown")
      .flatMap((c) => [...src(c).matchAll(/^```(.*)$/gm)].map((m) => m[1]));
    const openers = fences.filter((_: string, k: number) => k % 2 === 0);
    assert.ok(openers.length > 0, "no fenced snippets found");
    for (const lang of openers) assert.equal(lang, "python", `a snippet is fenced as ${JSON.stringify(lang)}`);
  });
});

describe("their content", () => {
  test("the training notebook checks the operating point's transfer right after the test headline table", () => {
    const code = load(path.join(dir, "01_train_models.ipynb"))
      .cells.filter((c) => c.cell_type === "code")
      .map(src);
    const headline = code.findIndex((s: string) => s.includes("summaryTable(result)"));
    assert.ok(headline >= 0, "no headline table (summaryTable)");
    assert.match(code[headline + 1], /transferTable\(operatingPointTransfer\(result\)\)/);
  });

  test("the provenance table shows what the manifest records about the encoder, and the features table names each model's features", () => {
    const manifest = readManifest(path.join(ROOT, "data", "embeddings.json"));
    const rows = provenanceTable(manifest);
    const cell = (property: string) => rows.find((r) => r.property === property)?.value;
    assert.equal(cell("method"), manifest.method);
    assert.equal(cell("name"), manifest.name);
    assert.equal(cell("dimension"), manifest.dimension);
    // Every recorded parameter gets a row (64-hex hashes shortened to 12 characters and an ellipsis).
    assert.ok(rows.length >= 6 + Object.keys(manifest.params).length + Object.keys(manifest.extra ?? {}).length);
    for (const v of Object.values(manifest.params)) {
      const shown =
        typeof v === "string" && /^[0-9a-f]{64}$/.test(v)
          ? `${v.slice(0, 12)}…`
          : typeof v === "number"
            ? v
            : typeof v === "string"
              ? v
              : JSON.stringify(v);
      assert.ok(
        rows.some((r) => r.value === shown),
        `${JSON.stringify(v)} is not in the provenance table`,
      );
    }
    const features = featureTable(DEFAULT_CONFIG, manifest);
    assert.deepEqual(
      features.map((r) => r.model),
      ["logreg", "mlp"],
    );
    for (const r of features)
      assert.equal(r.features, describeFeatures(DEFAULT_CONFIG.features[r.model as "logreg" | "mlp"]));
  });

  test("every showFigure call in the notebooks has a caption (rendered pages and the deck show it)", () => {
    for (const nb of notebooks) {
      const calls = load(path.join(dir, nb)).cells.flatMap((c) =>
        src(c)
          .split(/(?=showFigure\()/)
          .filter((s: string) => s.startsWith("showFigure(")),
      );
      for (const call of calls) assert.match(call.split(/\);\s*(\n|$)/)[0], /caption:/, `${nb}: ${call.slice(0, 60)}…`);
    }
  });

  test("the notebooks take from lib.notebook only its run-time part (setup, freshness, frames, progress, display)", () => {
    const used = new Set<string>();
    for (const nb of notebooks)
      for (const c of load(path.join(dir, nb)).cells)
        for (const m of src(c).matchAll(
          /const\s*\{([^}]*)\}\s*=\s*(?:lib\.)?notebook\s*;|import\s*\{([^}]*)\}\s*from\s*"\.\.\/dist\/lib\/notebook"/g,
        ))
          for (const name of (m[1] ?? m[2]).split(",").map((n: string) => n.trim().split(/\s*(?::|\bas\b)/)[0]))
            if (name) used.add(name);
    assert.ok(used.has("setupNotebook"), "the notebooks start with setupNotebook()");
    for (const name of used) assert.ok(name in notebookRuntime, `lib.notebook.${name} is not exported`);
  });
});

// The tags alone (the committed notebooks carry no outputs): at most 12 main slides within each notebook's budget,
// notes after every main slide, no notes without a slide, no cell tagged twice. `npm run slides` checks the rest
// on the executed notebooks.
describe("deck tags", () => {
  test("the committed notebooks' deck tags follow the convention (README, Slides)", () => {
    const deck = buildDeck(
      notebooks.map((nb) => ({ name: nb.replace(/\.ipynb$/, ""), notebook: load(path.join(dir, nb)) })),
    );
    const problems = structureProblems(deck).map(formatProblem);
    assert.deepEqual(problems, [], problems.join("\n"));
  });
});
