import * as fs from "node:fs";
import type { Figure } from "./plotly";
import { escapeHtml as escText } from "../util/html";

let bundle: string | null = null;

/** The plotly.js bundle (minified), read once from node_modules. */
export function plotlyBundle(): string {
  if (bundle === null) bundle = fs.readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  return bundle;
}

/** A <script> that defines window.Plotly; include once per page or notebook. `</script` inside is escaped. */
export function plotlyScriptTag(): string {
  return `<script type="text/javascript">${plotlyBundle().replace(/<\/script/gi, "<\\/script")}</script>`;
}

let counter = 0;

/** A div and the script that draws the figure into it (works offline once the bundle is on the page). */
export function figureHtml(fig: Figure, id = `fig-${process.pid}-${Date.now().toString(36)}-${counter++}`): string {
  const json = JSON.stringify(fig).replace(/</g, "\\u003c");
  return (
    `<div id="${id}" class="plotly-figure" style="width:100%;max-width:900px;"></div>` +
    `<script type="text/javascript">(function(){var f=${json};` +
    `function draw(){Plotly.newPlot("${id}",f.data,f.layout,{responsive:true,displaylogo:false});}` +
    `if(window.Plotly){draw();}else{var t=setInterval(function(){if(window.Plotly){clearInterval(t);draw();}},50);}})();</script>`
  );
}

/** What a notebook says about a figure: the caption shown under it (what to see), and a file name for its screenshot. */
export interface FigureOptions {
  caption?: string;
  /** A short slug for the rendered screenshot, e.g. "oof-sweep" (default: from the figure's title). */
  name?: string;
}

/**
 * A figure with its caption, as one <figure> element. The caption shows under the figure in Jupyter, and
 * `npm run notebooks -- --snapshot` and `npm run slides` read it (and the name) back from the executed notebook.
 */
export function captionedFigureHtml(fig: Figure, options: FigureOptions = {}): string {
  const name = options.name ? ` data-name="${escText(options.name)}"` : "";
  const caption = options.caption
    ? `<figcaption class="figure-caption" style="font-style:italic;max-width:900px;margin:0.3em 0 0 0">${escText(options.caption)}</figcaption>`
    : "";
  return `<figure class="notebook-figure"${name} style="margin:0 0 1em 0">${figureHtml(fig)}${caption}</figure>`;
}
