// The slide deck built from executed notebooks (tools/deck/).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";
import { captionedFigureHtml, plotlyScriptTag } from "../lib/plots/html";
import { htmlList, htmlTable } from "../lib/plots/notebook";
import { groupedBarFigure } from "../lib/plots/figures";
import { NotebookJson } from "../tools/notebook/outputs";
import { deckHtml, deckSlides, SLIDE_TAG } from "../tools/deck/slides";

const html = (s: string) => ({ output_type: "display_data", data: { "text/html": s, "text/plain": "" } });
const bars = groupedBarFigure(["a", "b"], [{ name: "s", values: [1, 2] }], 'Bars: "a" & b<br><sub>per s</sub>', "n");
const markdown = (source: string, tags: string[] = []) => ({ cell_type: "markdown", source, metadata: { tags } });
const code = (outputs: object[], tags: string[] = []) => ({
  cell_type: "code",
  source: "x",
  metadata: { tags },
  outputs,
});

function executed(): NotebookJson {
  return {
    cells: [
      markdown("# Title\n\nIntro with a `|` and <b>bold</b>.", [SLIDE_TAG]),
      code([
        html(plotlyScriptTag()),
        { output_type: "stream", name: "stdout", text: "[ 1/20] logreg: cross-validation — progress…\n" },
        { output_type: "stream", name: "stdout", text: "TensorFlow.js backend: wasm (SIMD)\nVerdict: keep logreg.\n" },
      ]),
      markdown("## 1. Data\n\n```python\n# not a heading\n```"),
      code(
        [html(htmlTable([{ model: "a|b", n: 12, share: 0.5, text: "line one\nline <two>" }], "Counts & shares"))],
        [SLIDE_TAG],
      ),
      markdown("## 2. Figures\n### 2a. Bars\n#### 2b"),
      code(
        [
          html(captionedFigureHtml(bars, { caption: "Read the tall bar: <b> stays text", name: "tall bar!" })),
          html(captionedFigureHtml(bars)),
        ],
        [SLIDE_TAG],
      ),
      code([html(htmlList(["first point", "second <point>"]))], [SLIDE_TAG]),
    ],
  } as NotebookJson;
}

test("slides: tagged cells only, one per markdown cell and per display, in order; figures carry their data", () => {
  const slides = deckSlides([
    { name: "01_x", notebook: executed() },
    { name: "02_y", notebook: { cells: [markdown("# Two", [SLIDE_TAG]), markdown("# untagged")] } as NotebookJson },
  ]);
  assert.deepEqual(
    slides.map((s) => `${s.notebook}:${s.cell}:${s.kind}`),
    ["01_x:1:markdown", "01_x:4:table", "01_x:6:figure", "01_x:6:figure", "01_x:7:list", "02_y:1:markdown"],
  );
  assert.match(
    slides[0].html,
    /<textarea data-template>\n# Title\n\nIntro with a `\|` and &lt;b&gt;bold&lt;\/b&gt;\.\n<\/textarea>/,
    "markdown escaped for the textarea",
  );
  assert.match(
    slides[1].html,
    /<p class="slide-section">1\. Data<\/p><table class="dataframe">/,
    "an output slide is labeled with its section",
  );
  assert.match(slides[2].html, /<p class="slide-section">2b<\/p>/);
  const spec = /<script type="application\/json" id="slide-figure-1-spec">(.*?)<\/script>/.exec(slides[2].html)![1];
  assert.deepEqual(JSON.parse(spec), JSON.parse(JSON.stringify(bars)));
  assert.match(slides[3].html, /id="slide-figure-2"/);
  const deck = deckHtml(slides, "T");
  assert.equal((deck.match(/<section/g) ?? []).length, 6);
  assert.doesNotMatch(deck, /(src|href)="(https?:)?\/\//, "nothing loaded from the network");
});

test("the notebooks tag 10–20 cells for the deck, and every figure call has a caption", () => {
  const dir = path.join(ROOT, "notebooks");
  let tagged = 0;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb"))) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as NotebookJson;
    tagged += nb.cells.filter((c) => c.metadata?.tags?.includes(SLIDE_TAG)).length;
    const calls = nb.cells.flatMap((c) =>
      ([] as string[])
        .concat(c.source)
        .join("")
        .split(/(?=showFigure\()/)
        .filter((s) => s.startsWith("showFigure(")),
    );
    for (const call of calls) assert.match(call.split(/\);\s*(\n|$)/)[0], /caption:/, `${f}: ${call.slice(0, 60)}…`);
  }
  assert.ok(tagged >= 10 && tagged <= 20, `${tagged} cells tagged "${SLIDE_TAG}"`);
});
