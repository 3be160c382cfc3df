import { markdownHeadings, NotebookItem, notebookItems, NotebookJson } from "../notebook/outputs";

/**
 * The interview deck: a reveal.js presentation built from the executed notebooks. Cells tagged `slide` (Jupyter
 * cell metadata `tags`) become slides in notebook order: a markdown cell is one narrative slide; a code cell gives
 * one slide per table, figure (drawn live by plotly) or list it displayed.
 */

export const SLIDE_TAG = "slide";

/** Files the deck loads, copied next to it so it opens offline: [from (inside node_modules), to (inside the deck folder)]. */
export const DECK_ASSETS: ReadonlyArray<readonly [string, string]> = [
  ["reveal.js/dist/reveal.css", "reveal/reveal.css"],
  ["reveal.js/dist/reveal.js", "reveal/reveal.js"],
  ["reveal.js/dist/theme/white.css", "reveal/theme/white.css"],
  ["reveal.js/dist/theme/fonts/source-sans-pro", "reveal/theme/fonts/source-sans-pro"],
  ["reveal.js/plugin/markdown/markdown.js", "reveal/plugin/markdown.js"],
  ["reveal.js/plugin/notes/notes.js", "reveal/plugin/notes.js"],
  ["plotly.js-dist-min/plotly.min.js", "plotly.min.js"],
];

export interface Slide {
  notebook: string;
  cell: number;
  kind: NotebookItem["kind"];
  html: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The heading a cell sits under (the last markdown heading before it), shown above an output slide for context. */
function sectionHeadings(items: readonly NotebookItem[]): Map<NotebookItem, string> {
  const out = new Map<NotebookItem, string>();
  let current = "";
  for (const item of items) {
    if (item.kind === "markdown") {
      const headings = markdownHeadings(item.text);
      if (headings.length) current = headings[headings.length - 1].text.replace(/[*_`]/g, "").trim();
    } else out.set(item, current);
  }
  return out;
}

function slideFor(item: NotebookItem, notebook: string, section: string, figureId: string): string {
  const source = `<p class="slide-source">${esc(notebook)} · cell ${item.cell}</p>`;
  const label = section ? `<p class="slide-section">${esc(section)}</p>` : "";
  switch (item.kind) {
    case "markdown":
      // Inside a textarea the text is RCDATA: entities decode, tags do not parse, so escaping gives back the exact
      // markdown. The separators never match: one cell is one slide, and a "Note:" line stays text.
      return `<section data-markdown data-separator="(?!)" data-separator-vertical="(?!)" data-separator-notes="(?!)"><textarea data-template>\n${esc(item.text)}\n</textarea></section>`;
    case "table":
      return `<section class="table-slide">${label}${item.html}${source}</section>`;
    case "list":
      return `<section class="list-slide">${label}<ul>${item.items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>${source}</section>`;
    case "html":
      return `<section class="html-slide">${label}${item.html}${source}</section>`;
    case "text":
      return `<section class="text-slide">${label}<pre>${esc(item.text)}</pre>${source}</section>`;
    case "figure": {
      const spec = JSON.stringify(item.spec).replace(/</g, "\\u003c");
      const caption = item.caption ? `<p class="figure-caption">${esc(item.caption)}</p>` : "";
      return (
        `<section class="figure-slide">${label}<div class="slide-figure" id="${figureId}"></div>${caption}` +
        `<script type="application/json" id="${figureId}-spec">${spec}</script>${source}</section>`
      );
    }
  }
}

/** The slides of one executed notebook: its tagged cells' markdown and displays, in order. */
export function notebookSlides(name: string, nb: NotebookJson, firstFigure = 0): Slide[] {
  const items = notebookItems(nb);
  const sections = sectionHeadings(items);
  let figures = firstFigure;
  return items
    .filter((i) => i.tags.includes(SLIDE_TAG))
    .map((i) => ({
      notebook: name,
      cell: i.cell,
      kind: i.kind,
      html: slideFor(i, name, sections.get(i) ?? "", i.kind === "figure" ? `slide-figure-${++figures}` : ""),
    }));
}

/** Every tagged slide of the notebooks, in the order given. */
export function deckSlides(notebooks: ReadonlyArray<{ name: string; notebook: NotebookJson }>): Slide[] {
  const slides: Slide[] = [];
  for (const { name, notebook } of notebooks)
    slides.push(...notebookSlides(name, notebook, slides.filter((s) => s.kind === "figure").length));
  return slides;
}

const STYLE = `
:root { --r-main-font-size: 26px; --r-heading1-size: 1.9em; --r-heading2-size: 1.4em; --r-heading3-size: 1.1em; --r-heading-text-transform: none; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow-y: auto; box-sizing: border-box; padding-bottom: 1.2em; }
.reveal p, .reveal li { line-height: 1.35; }
.reveal ul, .reveal ol { display: block; margin-left: 1em; }
.reveal table { font-size: 0.7em; margin: 0.3em 0; border-collapse: collapse; }
.reveal table th, .reveal table td { padding: 0.2em 0.5em; border: 1px solid #ccc; vertical-align: top; }
.reveal table th { background: #f3f3f3; }
.reveal table caption { text-align: left; font-weight: bold; font-size: 1.3em; padding-bottom: 0.5em; }
.reveal pre { font-size: 0.6em; width: 100%; box-shadow: none; }
.reveal .slide-section { font-size: 0.7em; color: #666; margin: 0 0 0.4em 0; }
.reveal .figure-caption { font-style: italic; font-size: 0.72em; margin: 0.3em 0 0 0; }
.reveal .slide-source { position: absolute; bottom: 0; left: 0; margin: 0; font-size: 0.45em; color: #aaa; }
.reveal .slide-figure { width: 100%; }
`;

// Plotly cannot size a figure in a hidden slide: draw each figure when its slide is shown, at the slide's width.
const SCRIPT = `
function drawFigures(slide) {
  if (!slide) return;
  slide.querySelectorAll(".slide-figure:not([data-drawn])").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.id + "-spec").textContent);
    var height = Math.min(spec.layout.height || 450, 640);
    var layout = Object.assign({}, spec.layout, { autosize: true, height: height, width: undefined });
    el.setAttribute("data-drawn", "1");
    Plotly.newPlot(el, spec.data, layout, { displaylogo: false, responsive: true });
  });
}
// A slide taller than the screen (a long table, list or text) shrinks its type, to 60% at most, until it needs no
// scrolling (sizes are in em, so everything on it scales); only a slide on screen can be measured, so each is
// fitted once, when first shown. Figure slides are left alone: plotly sizes them.
function fitToSlide(slide) {
  if (!slide || slide.hasAttribute("data-fitted") || slide.querySelector(".slide-figure")) return;
  slide.setAttribute("data-fitted", "1");
  var size = parseFloat(getComputedStyle(slide).fontSize), floor = 0.6 * size;
  var overflows = function () { return slide.scrollHeight > slide.clientHeight + 4 || slide.scrollWidth > slide.clientWidth + 4; };
  while (overflows() && size > floor) { size -= 0.5; slide.style.fontSize = size + "px"; }
}
function show(slide) { fitToSlide(slide); drawFigures(slide); }
Reveal.initialize({ hash: true, width: 1280, height: 800, margin: 0.03, center: false, transition: "fade", plugins: [RevealMarkdown, RevealNotes] })
  .then(function () { show(Reveal.getCurrentSlide()); });
Reveal.on("slidechanged", function (e) { show(e.currentSlide); });
`;

/** The deck's index.html: reveal.js and plotly from the files in DECK_ASSETS, next to it. */
export function deckHtml(slides: readonly Slide[], title: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="reveal/reveal.css"><link rel="stylesheet" href="reveal/theme/white.css">
<style>${STYLE}</style>
<script src="plotly.min.js"></script>
</head><body>
<div class="reveal"><div class="slides">
${slides.map((s) => s.html).join("\n")}
</div></div>
<script src="reveal/reveal.js"></script><script src="reveal/plugin/markdown.js"></script><script src="reveal/plugin/notes.js"></script>
<script>${SCRIPT}</script>
</body></html>
`;
}
