import type { Figure } from "../../lib/plots/plotly";

/**
 * An executed notebook read back as the reader sees it: markdown cells and the displays the library's helpers
 * wrote (showTable, showFigure, showHtml). The rendered pages and the slide deck are both built from this list.
 */
export type NotebookItem =
  | { kind: "markdown"; cell: number; tags: string[]; text: string }
  | {
      kind: "table";
      cell: number;
      tags: string[];
      caption: string | null;
      header: string[];
      rows: string[][];
      alignRight: boolean[];
      html: string;
    }
  | {
      kind: "figure";
      cell: number;
      tags: string[];
      id: string;
      title: string | null;
      caption: string | null;
      name: string | null;
      spec: Figure;
    }
  | { kind: "list"; cell: number; tags: string[]; items: string[] }
  /** What a cell printed (a computed verdict, a sentence of numbers); progress lines and backend notices left out. */
  | { kind: "text"; cell: number; tags: string[]; text: string }
  | { kind: "html"; cell: number; tags: string[]; html: string };

/** The parts of the notebook JSON format (nbformat 4) we read. */
export interface NotebookJson {
  metadata?: { kernelspec?: { name?: string } };
  cells: Array<{
    cell_type: string;
    source: string | string[];
    metadata?: { tags?: string[] };
    execution_count?: number | null;
    outputs?: Array<{
      output_type: string;
      name?: string;
      text?: string | string[];
      data?: Record<string, string | string[]>;
      /** An error output's exception name and value. */
      ename?: string;
      evalue?: string;
    }>;
  }>;
}

const joined = (s: string | string[] | undefined) => ([] as string[]).concat(s ?? []).join("");

/** Decode the entities our HTML helpers (and nbconvert) write. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

const stripTags = (s: string) => decodeEntities(s.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, ""));

/** Lines a cell prints that are not part of the story: the experiment's progress and TF.js's backend notice. */
const NOISE = /^(\[\s*\d+\/\d+\]|TensorFlow\.js backend:)/;

/**
 * Every display of every cell, in order, and what cells print to stdout (progress lines and logs left out);
 * plain-text results are left out.
 */
export function notebookItems(nb: NotebookJson): NotebookItem[] {
  const items: NotebookItem[] = [];
  nb.cells.forEach((cell, k) => {
    const tags = cell.metadata?.tags ?? [];
    const at = { cell: k + 1, tags };
    if (cell.cell_type === "markdown") {
      const text = joined(cell.source);
      if (text.trim()) items.push({ kind: "markdown", ...at, text });
      return;
    }
    if (cell.cell_type !== "code") return;
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "stream" && out.name === "stdout") {
        const text = joined(out.text)
          .split("\n")
          .filter((line) => !NOISE.test(line))
          .join("\n")
          .trim();
        if (text) items.push({ kind: "text", ...at, text });
        continue;
      }
      if (out.output_type !== "display_data" && out.output_type !== "execute_result") continue;
      const html = out.data?.["text/html"];
      const markdown = out.data?.["text/markdown"];
      if (html !== undefined) items.push(...htmlItems(joined(html), at));
      else if (markdown !== undefined) items.push({ kind: "markdown", ...at, text: joined(markdown) });
    }
  });
  return items;
}

/** One HTML display: a figure, a table, a list, the plotly bundle (skipped), or anything else (kept as HTML). */
function htmlItems(html: string, at: { cell: number; tags: string[] }): NotebookItem[] {
  const trimmed = html.trim();
  if (/class="plotly-figure"/.test(trimmed)) return [figureItem(trimmed, at)];
  if (/^<table class="dataframe"/.test(trimmed)) return [tableItem(trimmed, at)];
  if (/^<ul>[\s\S]*<\/ul>$/.test(trimmed))
    return [
      {
        kind: "list",
        ...at,
        items: [...trimmed.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => stripTags(m[1]).trim()),
      },
    ];
  if (/^<script[^>]*>[\s\S]*<\/script>$/.test(trimmed) && !/<\/script>[\s\S]*<script/.test(trimmed)) return []; // the plotly bundle
  return trimmed ? [{ kind: "html", ...at, html: trimmed }] : [];
}

function figureItem(html: string, at: { cell: number; tags: string[] }): NotebookItem {
  const id = /<div id="([^"]+)" class="plotly-figure"/.exec(html)?.[1];
  if (!id) throw new Error(`cell ${at.cell}: a plotly figure without an id`);
  const spec = figureSpec(html, at.cell);
  const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(html)?.[1];
  const name = /<figure[^>]*\sdata-name="([^"]*)"/.exec(html)?.[1];
  const title = (spec.layout.title as { text?: string } | undefined)?.text ?? null;
  return {
    kind: "figure",
    ...at,
    id,
    title: title ? stripTags(title).replace(/\s+/g, " ").trim() : null,
    caption: caption ? stripTags(caption).trim() || null : null,
    name: name ? decodeEntities(name) : null,
    spec,
  };
}

/** The figure's JSON as figureHtml writes it (`var f={…};`): scanned to its closing brace, strings respected. */
export function figureSpec(html: string, cell = 0): Figure {
  const start = html.indexOf("var f=");
  if (start < 0) throw new Error(`cell ${cell}: no figure data in the figure's script`);
  const from = start + "var f=".length;
  let depth = 0;
  let inString = false;
  for (let i = from; i < html.length; i++) {
    const ch = html[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return JSON.parse(html.slice(from, i + 1)) as Figure;
    }
  }
  throw new Error(`cell ${cell}: the figure's data does not end`);
}

function tableItem(html: string, at: { cell: number; tags: string[] }): NotebookItem {
  const caption = /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(html)?.[1];
  const header = [...(/<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? "").matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map(
    (m) => stripTags(m[1]),
  );
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  const cells = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => ({
      right: /text-align:right/.test(c[1]),
      text: stripTags(c[2]),
    })),
  );
  const alignRight = header.map((_, j) => cells.length > 0 && cells.every((r) => r[j]?.right));
  return {
    kind: "table",
    ...at,
    caption: caption ? stripTags(caption) : null,
    header,
    rows: cells.map((r) => r.map((c) => c.text)),
    alignRight,
    html,
  };
}

/** Whether an executed copy has the same cells (type and source) as the notebook: its outputs are then current. */
export function sameSources(notebook: NotebookJson, executed: NotebookJson): boolean {
  const key = (nb: NotebookJson) =>
    JSON.stringify(nb.cells.map((c) => [c.cell_type, joined(c.source), c.metadata?.tags ?? []]));
  return key(notebook) === key(executed);
}

/** The ATX headings of a markdown text (level and text), skipping fenced code blocks. */
export function markdownHeadings(text: string): Array<{ level: number; text: string }> {
  const out: Array<{ level: number; text: string }> = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^(#{1,6})\s+(\S.*)$/.exec(line);
    if (m) out.push({ level: m[1].length, text: m[2].trim() });
  }
  return out;
}
