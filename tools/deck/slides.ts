import { markdownHeadings, NotebookItem, notebookItems, NotebookJson } from "../notebook/outputs";
import { NOTES_PREFIX, TAG } from "./convention";

/**
 * The interview deck's slides, read from executed notebooks by the convention (./convention.ts): a cell tagged
 * `slide` is one main slide (a markdown cell, or a code cell whose displays are combined), a cell tagged `appendix`
 * gives appendix slides (a code cell: one per table, figure, list or printed text it shows), and a cell tagged
 * `notes` directly after either holds its speaker notes. Main slides come first, then the appendix, each in
 * notebook order.
 */

export type SlideRole = "main" | "appendix";

export interface Slide {
  role: SlideRole;
  notebook: string;
  /** The cell it comes from (1-based, as Jupyter counts). */
  cell: number;
  /** What it shows, in display order. */
  items: NotebookItem[];
  /** The first #, ## or ### heading of a markdown cell, or of a code cell's first markdown display. */
  title: string | null;
  /** The heading the cell sits under, shown above an appendix slide that has no title of its own. */
  section: string;
  /** The speaker notes (markdown, the "Speaker notes." prefix removed) and the cell they come from. */
  notes: { cell: number; text: string; prefixed: boolean } | null;
}

/** One notebook as the checks need it: every cell's kind and tags, and its section headings. */
export interface DeckNotebook {
  name: string;
  cells: Array<{ cell: number; type: string; tags: string[] }>;
  /** Headings of markdown cells that are not slides, notes or appendix: the notebook's sections (topics). */
  sectionHeadings: string[];
}

export interface Deck {
  notebooks: DeckNotebook[];
  /** Main slides, then appendix slides. */
  slides: Slide[];
}

const hasTag = (tags: readonly string[], tag: string) => tags.includes(tag);
const deckTags: readonly string[] = [TAG.slide, TAG.notes, TAG.appendix];

/** The first heading of level 1–3 in a markdown text, markup kept (it is checked and shown as written). */
export function firstTitle(text: string): string | null {
  return markdownHeadings(text).find((h) => h.level <= 3)?.text ?? null;
}

/** Notes as written in a notes cell: a markdown cell's text, or a code cell's markdown displays. */
function notesOf(cellItems: readonly NotebookItem[], cell: number): NonNullable<Slide["notes"]> {
  const text = cellItems
    .filter((i): i is Extract<NotebookItem, { kind: "markdown" }> => i.kind === "markdown")
    .map((i) => i.text.trim())
    .join("\n\n");
  const prefixed = text.startsWith(NOTES_PREFIX);
  return { cell, text: (prefixed ? text.slice(NOTES_PREFIX.length) : text).trim(), prefixed };
}

/** The last heading of a markdown cell above each item of a notebook (computed headings are not sections). */
function sections(items: readonly NotebookItem[], nb: NotebookJson): Map<NotebookItem, string> {
  const out = new Map<NotebookItem, string>();
  let current = "";
  for (const item of items) {
    out.set(item, current);
    if (item.kind === "markdown" && nb.cells[item.cell - 1].cell_type === "markdown") {
      const headings = markdownHeadings(item.text);
      if (headings.length) current = headings[headings.length - 1].text.replace(/[*_`]/g, "").trim();
    }
  }
  return out;
}

/**
 * An appendix code cell's slides: one per table, figure, list, printed text or HTML it shows; markdown displays
 * (e.g. a computed heading) go on the slide of the display that follows them, or on their own at the end.
 */
function appendixGroups(cellItems: readonly NotebookItem[]): NotebookItem[][] {
  const groups: NotebookItem[][] = [];
  let pending: NotebookItem[] = [];
  for (const item of cellItems) {
    pending.push(item);
    if (item.kind !== "markdown") {
      groups.push(pending);
      pending = [];
    }
  }
  if (pending.length) groups.push(pending);
  return groups;
}

/** The slides of one executed notebook, and what the checks need to know about its cells. */
export function notebookDeck(name: string, nb: NotebookJson): { notebook: DeckNotebook; slides: Slide[] } {
  const items = notebookItems(nb);
  const sectionOf = sections(items, nb);
  const byCell = new Map<number, NotebookItem[]>();
  for (const item of items) byCell.set(item.cell, [...(byCell.get(item.cell) ?? []), item]);
  const cells = nb.cells.map((c, k) => ({ cell: k + 1, type: c.cell_type, tags: c.metadata?.tags ?? [] }));

  const slides: Slide[] = [];
  for (const { cell, type, tags } of cells) {
    const main = hasTag(tags, TAG.slide);
    if (!main && !hasTag(tags, TAG.appendix)) continue;
    const cellItems = byCell.get(cell) ?? [];
    const next = cells[cell]; // the cell after this one (cells are 1-based)
    const notes = next && hasTag(next.tags, TAG.notes) ? notesOf(byCell.get(next.cell) ?? [], next.cell) : null;
    const firstMarkdown = cellItems.find((i) => i.kind === "markdown");
    const base = { notebook: name, cell, section: cellItems.length ? (sectionOf.get(cellItems[0]) ?? "") : "" };
    if (main || type === "markdown") {
      const title = firstMarkdown?.kind === "markdown" ? firstTitle(firstMarkdown.text) : null;
      slides.push({ ...base, role: main ? "main" : "appendix", items: cellItems, title, notes });
      continue;
    }
    appendixGroups(cellItems).forEach((group, k) => {
      const md = group.find((i) => i.kind === "markdown");
      const title = md?.kind === "markdown" ? firstTitle(md.text) : null;
      slides.push({ ...base, role: "appendix", items: group, title, notes: k === 0 ? notes : null });
    });
  }

  const sectionHeadings = nb.cells.flatMap((c) =>
    c.cell_type === "markdown" && !(c.metadata?.tags ?? []).some((t) => deckTags.includes(t))
      ? markdownHeadings(([] as string[]).concat(c.source).join("")).map((h) => h.text)
      : [],
  );
  return { notebook: { name, cells, sectionHeadings }, slides };
}

/** The deck of several notebooks, in the order given: every main slide, then every appendix slide. */
export function buildDeck(notebooks: ReadonlyArray<{ name: string; notebook: NotebookJson }>): Deck {
  const parts = notebooks.map(({ name, notebook }) => notebookDeck(name, notebook));
  const all = parts.flatMap((p) => p.slides);
  return {
    notebooks: parts.map((p) => p.notebook),
    slides: [...all.filter((s) => s.role === "main"), ...all.filter((s) => s.role === "appendix")],
  };
}
