// Rendered pages and the slide deck, built from executed notebooks (issue 13). The executed notebook here is made
// with the library's own display helpers, so the parser reads exactly what the notebooks write.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";
import { fmtEstimate } from "../lib/present/labelEvidence";
import { captionedFigureHtml, plotlyScriptTag } from "../lib/plots/html";
import { htmlList, htmlTable } from "../lib/plots/notebook";
import { groupedBarFigure } from "../lib/plots/figures";
import { figureSpec, notebookItems, NotebookJson, sameSources } from "../lib/notebook/outputs";
import { checkRenderedPage, figureFileNames, pageImages, renderedPage } from "../lib/notebook/rendered";
import { deckHtml, deckSlides, SLIDE_TAG } from "../lib/notebook/slides";

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

test("notebook items: markdown, tables, captioned figures, lists and printed text in cell order; progress and the plotly bundle left out", () => {
  const items = notebookItems(executed());
  assert.deepEqual(
    items.map((i) => i.kind),
    ["markdown", "text", "markdown", "table", "markdown", "figure", "figure", "list"],
  );
  assert.equal((items[1] as Extract<(typeof items)[number], { kind: "text" }>).text, "Verdict: keep logreg.");
  const table = items[3] as Extract<(typeof items)[number], { kind: "table" }>;
  assert.equal(table.caption, "Counts & shares");
  assert.deepEqual(table.header, ["model", "n", "share", "text"]);
  assert.deepEqual(table.rows, [["a|b", "12", "0.500", "line one\nline <two>"]]);
  assert.deepEqual(table.alignRight, [false, true, true, false]);
  const [fig, bare] = items.filter((i) => i.kind === "figure") as Array<
    Extract<(typeof items)[number], { kind: "figure" }>
  >;
  assert.equal(fig.caption, "Read the tall bar: <b> stays text");
  assert.equal(fig.name, "tall bar!");
  assert.equal(fig.title, 'Bars: "a" & b per s', "plotly's markup in a title is dropped");
  assert.deepEqual(
    fig.spec,
    JSON.parse(JSON.stringify(bars)),
    "the figure's data is read back whole, '<' and quotes included",
  );
  assert.equal(bare.caption, null);
  assert.deepEqual((items[7] as any).items, ["first point", "second <point>"]);
});

test("figureSpec refuses a figure script without data, naming the cell", () => {
  assert.throws(() => figureSpec('<div id="x" class="plotly-figure"></div>', 7), /cell 7: no figure data/);
});

test("rendered page: markdown verbatim, tables as markdown tables, figures with numbered captions and meaningful file names", () => {
  const items = notebookItems(executed());
  const files = figureFileNames(items);
  assert.deepEqual([...files.values()], ["01-tall-bar.png", "02-bars-a-b-per-s.png"]);
  const md = renderedPage("01_x", items, new Map([...files].map(([id, f]) => [id, `01_x/${f}`])));
  assert.match(md, /^# Title\n\nIntro with a `\|` and <b>bold<\/b>\.$/m, "markdown cells are copied verbatim");
  assert.match(
    md,
    /\*\*Counts & shares\*\*\n\n\| model \| n \| share \| text \|\n\| --- \| ---: \| ---: \| --- \|\n\| a\\\|b \| 12 \| 0\.500 \| line one<br>line &lt;two&gt; \|/,
  );
  assert.match(
    md,
    /!\[Bars: "a" & b per s\]\(01_x\/01-tall-bar\.png\)\n\n\*Figure 1\. Read the tall bar: &lt;b&gt; stays text\*/,
  );
  assert.match(md, /^- second &lt;point&gt;$/m);
  assert.doesNotMatch(md, /progress…|Plotly|TensorFlow/, "progress, backend notices and the bundle stay out");
  assert.match(md, /```text\nVerdict: keep logreg\.\n```/, "what a cell prints is kept");
  assert.deepEqual(pageImages(md), ["01_x/01-tall-bar.png", "01_x/02-bars-a-b-per-s.png"]);
  // Headings: #, ##, ##, ###, #### (the one inside the code fence does not count); figure 2 has no caption.
  assert.deepEqual(checkRenderedPage(md), ["figure 2 (01_x/02-bars-a-b-per-s.png) has no caption"]);
  assert.deepEqual(checkRenderedPage(md, 6), [
    "figure 2 (01_x/02-bars-a-b-per-s.png) has no caption",
    "5 headings (at least 6 expected)",
  ]);
});

test("the committed rendered pages pass the page check, and refer to exactly the screenshots next to them", () => {
  const dir = path.join(ROOT, "notebooks", "rendered");
  const notebooks = fs
    .readdirSync(path.join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => f.replace(/\.ipynb$/, ""));
  assert.deepEqual(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .sort(),
    notebooks.map((n) => `${n}.md`).sort(),
    "one page per notebook, no stale page",
  );
  for (const name of notebooks) {
    const md = fs.readFileSync(path.join(dir, `${name}.md`), "utf8");
    assert.deepEqual(checkRenderedPage(md), [], `${name}.md`);
    const images = pageImages(md);
    const onDisk = fs.existsSync(path.join(dir, name))
      ? fs.readdirSync(path.join(dir, name)).map((f) => `${name}/${f}`)
      : [];
    assert.deepEqual([...images].sort(), onDisk.sort(), `${name}: every screenshot is referenced and exists`);
    for (const f of images) assert.match(path.basename(f), /^\d\d-[a-z0-9-]+\.png$/);
  }
});

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

test("sameSources: an executed copy is current only while its cells match the notebook's", () => {
  const nb = executed();
  const copy = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  copy.cells.forEach((c) => (c.outputs = []));
  assert.ok(sameSources(nb, copy), "outputs do not matter");
  copy.cells[0].source = "# Title, edited";
  assert.ok(!sameSources(nb, copy));
});

test("estimates: a difference keeps every digit in its interval, so one that crosses 0 shows it; no -0.000", () => {
  assert.equal(fmtEstimate({ value: 0.0104, lo: -0.0041, hi: 0.0412, n: 9 }), "0.010 [0.00, 0.04]");
  assert.equal(fmtEstimate({ value: 0.0104, lo: -0.0041, hi: 0.0412, n: 9 }, 3, true), "+0.010 [-0.004, +0.041]");
  assert.equal(fmtEstimate({ value: -0.0002, lo: -0.0031, hi: 0.0094, n: 9 }, 3, true), "0.000 [-0.003, +0.009]");
  assert.equal(fmtEstimate({ value: 8, lo: -1, hi: 18, n: 3022 }, 0, true), "+8 [-1, +18]");
});
