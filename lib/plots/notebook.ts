import type { Figure } from "./plotly";
import { captionedFigureHtml, FigureOptions, plotlyScriptTag } from "./html";
import { escapeHtml as esc } from "../util/html";
import { fixed } from "../util/numberText";

interface TslabDisplay {
  html(s: string): void;
  markdown(s: string): void;
}

function tslabDisplay(): TslabDisplay {
  try {
    // Present inside a tslab kernel; elsewhere we fall back to printing a note.
    return require("tslab").display as TslabDisplay;
  } catch {
    return {
      html: () => console.log("(plot: open in Jupyter with the tslab kernel to see it)"),
      markdown: (s: string) => console.log(s),
    };
  }
}

let bundleShown = false;

/** Load plotly into the notebook page once (re-running the cell is harmless). */
export function loadPlotly(force = false): void {
  if (bundleShown && !force) return;
  tslabDisplay().html(plotlyScriptTag());
  bundleShown = true;
}

/** Show a plotly figure in a tslab notebook cell, with a caption that says what to see (rendered pages need one). */
export function showFigure(fig: Figure, options: FigureOptions = {}): void {
  loadPlotly();
  tslabDisplay().html(captionedFigureHtml(fig, options));
}

/** Show an HTML table from rows of plain values. */
export function showTable(rows: ReadonlyArray<object>, caption?: string): void {
  tslabDisplay().html(htmlTable(rows, caption));
}

/** Rows of plain objects as an HTML table (keys of the first row as the header), cells escaped. */
export function htmlTable(rows: ReadonlyArray<object>, caption?: string): string {
  const cols = rows.length ? Object.keys(rows[0]) : [];
  const get = (r: object, c: string): unknown => Object.getOwnPropertyDescriptor(r, c)?.value;
  const cell = (v: unknown) =>
    typeof v === "number"
      ? `<td style="text-align:right">${Number.isInteger(v) ? v : fixed(v, 3)}</td>`
      : `<td style="text-align:left">${esc(v ?? "")}</td>`;
  return (
    `<table class="dataframe">${caption ? `<caption style="text-align:left;font-weight:bold">${esc(caption)}</caption>` : ""}` +
    `<thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${cols.map((c) => cell(get(r, c))).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/**
 * Show markdown in a notebook cell (a text/markdown display): a computed heading or paragraph, so numbers in prose
 * come from a cell; the rendered pages and the deck read it as markdown (a slide's title, speaker notes).
 */
export function showMarkdown(markdown: string): void {
  tslabDisplay().markdown(markdown);
}

/** Show a bullet list (text escaped). */
export function showList(items: string[]): void {
  tslabDisplay().html(htmlList(items));
}

/** Show raw HTML (already escaped by the caller) in a notebook cell. */
export function showHtml(html: string): void {
  tslabDisplay().html(html);
}

/** A bullet list as HTML (text escaped). */
export function htmlList(items: string[]): string {
  return `<ul>${items.map((i) => `<li style="margin:0.4em 0">${esc(i)}</li>`).join("")}</ul>`;
}
