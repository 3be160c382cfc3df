// Reading executed notebooks back (tools/notebook/outputs.ts) and the rendered pages built from them
// (tools/notebook/rendered.ts). The executed notebook here is made with the library's own display helpers, so the
// parser reads exactly what the notebooks write.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";
import { captionedFigureHtml, plotlyScriptTag } from "../lib/plots/html";
import { htmlList, htmlTable } from "../lib/plots/notebook";
import { groupedBarFigure } from "../lib/plots/figures";
import { figureSpec, notebookItems, NotebookJson, sameSources } from "../tools/notebook/outputs";
import { checkRenderedPage, figureFileNames, pageImages, renderedPage } from "../tools/notebook/rendered";

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
      markdown("# Title\n\nIntro with a `|` and <b>bold</b>.", ["slide"]),
      code([
        html(plotlyScriptTag()),
        { output_type: "stream", name: "stdout", text: "[ 1/20] logreg: cross-validation — progress…\n" },
        { output_type: "stream", name: "stdout", text: "TensorFlow.js backend: wasm (SIMD)\nVerdict: keep logreg.\n" },
      ]),
      markdown("## 1. Data\n\n```python\n# not a heading\n```"),
      code(
        [html(htmlTable([{ model: "a|b", n: 12, share: 0.5, text: "line one\nline <two>" }], "Counts & shares"))],
        ["slide"],
      ),
      markdown("## 2. Figures\n### 2a. Bars\n#### 2b"),
      code(
        [
          html(captionedFigureHtml(bars, { caption: "Read the tall bar: <b> stays text", name: "tall bar!" })),
          html(captionedFigureHtml(bars)),
        ],
        ["slide"],
      ),
      code([html(htmlList(["first point", "second <point>"]))], ["slide"]),
    ],
  };
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
  type Item = (typeof items)[number];
  const [fig, bare] = items.filter((i): i is Extract<Item, { kind: "figure" }> => i.kind === "figure");
  assert.equal(fig.caption, "Read the tall bar: <b> stays text");
  assert.equal(fig.name, "tall bar!");
  assert.equal(fig.title, 'Bars: "a" & b per s', "plotly's markup in a title is dropped");
  assert.deepEqual(
    fig.spec,
    JSON.parse(JSON.stringify(bars)),
    "the figure's data is read back whole, '<' and quotes included",
  );
  assert.equal(bare.caption, null);
  const list = items[7];
  assert.ok(list.kind === "list", "the eighth item is the list");
  assert.deepEqual(list.items, ["first point", "second <point>"]);
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

test("sameSources: an executed copy is current only while its cells match the notebook's", () => {
  const nb = executed();
  const copy = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  copy.cells.forEach((c) => (c.outputs = []));
  assert.ok(sameSources(nb, copy), "outputs do not matter");
  copy.cells[0].source = "# Title, edited";
  assert.ok(!sameSources(nb, copy));
});
