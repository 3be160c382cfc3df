import { escapeHtml as esc } from "../../lib/util/html";
import type { NotebookItem } from "../notebook/outputs";
import { MIN_SCALE } from "./convention";
import type { Slide } from "./slides";

/**
 * The deck as one reveal.js page: each slide a <section> (its displays, its source cell, its speaker notes as
 * `<aside class="notes">` for reveal's speaker view), main slides first, then a divider and the appendix.
 */

/** Files the deck loads, copied next to it so it opens offline: [from (inside node_modules), to (inside the deck folder)]. */
export const DECK_ASSETS: ReadonlyArray<readonly [string, string]> = [
  ["reveal.js/dist/reveal.css", "reveal/reveal.css"],
  ["reveal.js/dist/reveal.js", "reveal/reveal.js"],
  ["reveal.js/dist/theme/white.css", "reveal/theme/white.css"],
  ["reveal.js/dist/theme/fonts/source-sans-pro", "reveal/theme/fonts/source-sans-pro"],
  ["reveal.js/plugin/notes/notes.js", "reveal/plugin/notes.js"],
  ["plotly.js-dist-min/plotly.min.js", "plotly.min.js"],
];

let marked: ((markdown: string) => string) | null = null;

/**
 * Markdown to HTML with the renderer reveal.js's markdown plugin bundles (marked), so a cell reads on a slide as it
 * did when the plugin rendered it in the browser; rendering here lets the checks see the tables and the notes.
 */
export function renderMarkdown(text: string): string {
  if (!marked) {
    const plugin = require("reveal.js/plugin/markdown/markdown.js") as () => { marked: (s: string) => string };
    marked = plugin().marked;
  }
  return marked(text);
}

/** Body rows of each <table> in an HTML fragment (rows under <thead> not counted). */
export function tableRowCounts(html: string): number[] {
  return [...html.matchAll(/<table[\s>][\s\S]*?<\/table>/g)].map((m) => {
    const body = m[0].replace(/<thead[\s>][\s\S]*?<\/thead>/g, "");
    return (body.match(/<tr[\s>]/g) ?? []).length;
  });
}

function itemHtml(item: NotebookItem, figureId: () => string): string {
  switch (item.kind) {
    case "markdown":
      return `<div class="slide-markdown">${renderMarkdown(item.text)}</div>`;
    case "table":
      return `<div class="slide-table">${item.html}</div>`;
    case "list":
      return `<ul class="slide-list">${item.items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
    case "html":
      return `<div class="slide-html">${item.html}</div>`;
    case "text":
      return `<pre class="slide-text">${esc(item.text)}</pre>`;
    case "figure": {
      const id = figureId();
      const spec = JSON.stringify(item.spec).replace(/</g, "\\u003c");
      const caption = item.caption ? `<p class="figure-caption">${esc(item.caption)}</p>` : "";
      return (
        `<div class="slide-figure" id="${id}"></div>${caption}` +
        `<script type="application/json" id="${id}-spec">${spec}</script>`
      );
    }
  }
}

function slideHtml(slide: Slide, figureId: () => string): string {
  const label =
    slide.role === "appendix" && !slide.title && slide.section
      ? `<p class="slide-section">${esc(slide.section)}</p>`
      : "";
  const notes = slide.notes?.text ? `<aside class="notes">${renderMarkdown(slide.notes.text)}</aside>` : "";
  const attributes =
    `class="${slide.role}-slide" data-role="${slide.role}" data-notebook="${esc(slide.notebook)}" ` +
    // Not data-notes: reveal.js would read that attribute as the notes themselves.
    `data-cell="${slide.cell}"${notes ? ' data-has-notes="1"' : ""}`;
  return (
    `<section ${attributes}><div class="slide-body">${label}${slide.items.map((i) => itemHtml(i, figureId)).join("")}</div>` +
    `<p class="slide-source">${slide.role === "appendix" ? "appendix · " : ""}${esc(slide.notebook)} · cell ${slide.cell}</p>` +
    `${notes}</section>`
  );
}

/** The slide between the talk and the appendix: what follows, and from where. */
function dividerHtml(appendix: readonly Slide[]): string {
  const perNotebook = [...new Set(appendix.map((s) => s.notebook))]
    .map((nb) => `${esc(nb)} (${appendix.filter((s) => s.notebook === nb).length})`)
    .join(", ");
  return (
    `<section class="divider-slide" data-role="divider"><div class="slide-body"><h1>Appendix</h1>` +
    `<p>The detail behind the talk, for questions: ${appendix.length} slide${appendix.length === 1 ? "" : "s"} ` +
    `from ${perNotebook}, in notebook order. Each names its notebook and cell.</p></div></section>`
  );
}

const STYLE = `
:root { --r-main-font-size: 26px; --r-heading1-size: 1.7em; --r-heading2-size: 1.35em; --r-heading3-size: 1.1em; --r-heading-text-transform: none; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow-y: auto; box-sizing: border-box; padding-bottom: 1.2em; }
.reveal .slide-body { display: flow-root; }
.reveal p, .reveal li { line-height: 1.35; }
.reveal ul, .reveal ol { display: block; margin-left: 1em; }
.reveal table { font-size: 0.7em; margin: 0.3em 0; border-collapse: collapse; }
.reveal table th, .reveal table td { padding: 0.2em 0.5em; border: 1px solid #ccc; vertical-align: top; }
.reveal table th { background: #f3f3f3; }
.reveal table caption { text-align: left; font-weight: bold; font-size: 1.3em; padding-bottom: 0.5em; }
.reveal pre { font-size: 0.6em; width: 100%; box-shadow: none; }
.reveal pre.slide-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.reveal .slide-section { font-size: 0.7em; color: #666; margin: 0 0 0.4em 0; }
.reveal .figure-caption { font-style: italic; font-size: 0.72em; margin: 0.3em 0 0 0; }
.reveal .slide-source { position: absolute; bottom: 0; left: 0; margin: 0; font-size: 0.45em; color: #aaa; }
.reveal .slide-figure { width: 100%; }
.reveal .divider-slide h1 { margin-top: 30%; }
`;

// Fitting happens in the browser, where sizes are known; only a slide on screen can be measured, so each is laid out
// once, when first shown. The checker reads the scale it settled on (data-scale) and whether it still overflows.
const SCRIPT = `
var MIN_SCALE = ${MIN_SCALE}, MIN_FIGURE = 320;
function overflows(slide) { return slide.scrollHeight > slide.clientHeight + 4 || slide.scrollWidth > slide.clientWidth + 4; }
function specOf(el) { return JSON.parse(document.getElementById(el.id + "-spec").textContent); }
// A slide taller than the screen shrinks all its type (sizes are in em) until it fits, to MIN_SCALE at most, with its
// figures held at their smallest readable height; the figures then take the height left over, up to their own.
function layout(slide) {
  if (!slide || slide.hasAttribute("data-scale")) return;
  var figures = Array.prototype.slice.call(slide.querySelectorAll(".slide-figure"));
  var specs = figures.map(specOf);
  var wanted = specs.map(function (s) { return Math.min(s.layout.height || 450, 640); });
  figures.forEach(function (el, k) { el.style.height = Math.min(wanted[k], MIN_FIGURE) + "px"; });
  var base = parseFloat(getComputedStyle(slide).fontSize), size = base;
  while (overflows(slide) && size > MIN_SCALE * base + 0.01) { size -= 0.5; slide.style.fontSize = size + "px"; }
  slide.setAttribute("data-scale", (size / base).toFixed(3));
  var style = getComputedStyle(slide), body = slide.querySelector(".slide-body");
  var spare = slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - body.offsetHeight;
  figures.forEach(function (el, k) {
    var height = Math.max(Math.min(wanted[k], MIN_FIGURE), Math.min(wanted[k], MIN_FIGURE + Math.max(0, spare) / figures.length));
    el.style.height = height + "px";
    var sized = Object.assign({}, specs[k].layout, { autosize: true, height: height, width: undefined });
    Plotly.newPlot(el, specs[k].data, sized, { displaylogo: false, responsive: true });
    el.setAttribute("data-drawn", "1");
  });
  slide.setAttribute("data-overflow", overflows(slide) ? "1" : "0");
}
Reveal.initialize({ hash: true, width: 1280, height: 800, margin: 0.03, center: false, transition: "fade",
  slideNumber: "c/t", plugins: [RevealNotes] })
  .then(function () { layout(Reveal.getCurrentSlide()); });
Reveal.on("slidechanged", function (e) { layout(e.currentSlide); });
`;

/** The deck's index.html: reveal.js and plotly from the files in DECK_ASSETS, next to it. */
export function deckHtml(slides: readonly Slide[], title: string): string {
  let figures = 0;
  const figureId = () => `slide-figure-${++figures}`;
  const main = slides.filter((s) => s.role === "main");
  const appendix = slides.filter((s) => s.role === "appendix");
  const sections = [
    ...main.map((s) => slideHtml(s, figureId)),
    ...(appendix.length ? [dividerHtml(appendix)] : []),
    ...appendix.map((s) => slideHtml(s, figureId)),
  ];
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="reveal/reveal.css"><link rel="stylesheet" href="reveal/theme/white.css">
<style>${STYLE}</style>
<script src="plotly.min.js"></script>
</head><body>
<div class="reveal"><div class="slides">
${sections.join("\n")}
</div></div>
<script src="reveal/reveal.js"></script><script src="reveal/plugin/notes.js"></script>
<script>${SCRIPT}</script>
</body></html>
`;
}
