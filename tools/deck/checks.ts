import type { NotebookItem } from "../notebook/outputs";
import {
  CLOSING_TITLE,
  headingKey,
  wordsOf,
  MAIN_SLIDE_BUDGET,
  MAX_MAIN_EXHIBITS,
  MAX_MAIN_SLIDES,
  MAX_MAIN_TABLE_ROWS,
  MIN_NOTES_WORDS,
  notebookNumber,
  NOTES_PREFIX,
  TAG,
  titleProblem,
} from "./convention";
import { renderMarkdown, tableRowCounts } from "./html";
import type { Deck, Slide } from "./slides";

/**
 * The convention's checks that need no browser (the ones that do, fit and drawing, are in ./browser.ts). Each
 * problem names the notebook and cell to fix, so whoever owns the notebook can find it.
 */

export interface DeckProblem {
  /** null: the deck as a whole. */
  notebook: string | null;
  cell: number | null;
  message: string;
}

export function formatProblem(p: DeckProblem): string {
  if (p.notebook === null) return `deck: ${p.message}`;
  return p.cell === null ? `${p.notebook}: ${p.message}` : `${p.notebook} cell ${p.cell}: ${p.message}`;
}

/** The deck's problems first, then each notebook's (in the order given) by cell. */
export function sortProblems(problems: readonly DeckProblem[], notebookOrder: readonly string[]): DeckProblem[] {
  const rank = (p: DeckProblem) => (p.notebook === null ? -1 : notebookOrder.indexOf(p.notebook));
  return [...problems].sort((a, b) => rank(a) - rank(b) || (a.cell ?? 0) - (b.cell ?? 0));
}

/** Rows of every table an item shows: a notebook table, or a table in markdown or HTML. */
function tableRows(item: NotebookItem): number[] {
  if (item.kind === "table") return [item.rows.length];
  if (item.kind === "markdown") return tableRowCounts(renderMarkdown(item.text));
  if (item.kind === "html") return tableRowCounts(item.html);
  return [];
}

/** Tables and figures on a slide (its exhibits: a main slide has at most one). */
const exhibits = (slide: Slide) => slide.items.reduce((n, i) => n + (i.kind === "figure" ? 1 : tableRows(i).length), 0);

function mainSlideContentProblems(slide: Slide, sectionHeadings: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!slide.items.length)
    problems.push("main slide shows nothing (a code cell: display a title and a table or figure)");
  const title = titleProblem(slide.title, sectionHeadings);
  if (title) problems.push(title);
  if (slide.notes) {
    const { cell, text, prefixed } = slide.notes;
    const words = wordsOf(text).length;
    if (!text && !prefixed)
      problems.push(`speaker notes (cell ${cell}) are empty (a code cell: show them with showMarkdown)`);
    else {
      if (!prefixed) problems.push(`speaker notes (cell ${cell}) do not start with ${NOTES_PREFIX}`);
      if (words < MIN_NOTES_WORDS)
        problems.push(
          `speaker notes (cell ${cell}) have ${words} word${words === 1 ? "" : "s"}; about a minute of talk and ` +
            `the questions to expect need at least ${MIN_NOTES_WORDS}`,
        );
    }
  }
  const long = slide.items.flatMap(tableRows).filter((rows) => rows > MAX_MAIN_TABLE_ROWS);
  for (const rows of long)
    problems.push(`main slide has a table of ${rows} rows, at most ${MAX_MAIN_TABLE_ROWS}: move it to the appendix`);
  const shown = exhibits(slide);
  if (shown > MAX_MAIN_EXHIBITS)
    problems.push(`main slide shows ${shown} tables or figures, at most ${MAX_MAIN_EXHIBITS}: one exhibit a slide`);
  return problems;
}

/** Tags that contradict each other, and notes cells that belong to no slide. */
function tagProblems(deck: Deck): DeckProblem[] {
  const problems: DeckProblem[] = [];
  for (const nb of deck.notebooks) {
    nb.cells.forEach(({ cell, tags }, k) => {
      const at = (message: string) => problems.push({ notebook: nb.name, cell, message });
      const deckTags = [TAG.slide, TAG.appendix, TAG.notes].filter((t) => tags.includes(t));
      if (deckTags.length > 1) at(`tagged ${deckTags.map((t) => `\`${t}\``).join(" and ")}: one of them`);
      const previous = nb.cells[k - 1];
      const followsSlide = previous && (previous.tags.includes(TAG.slide) || previous.tags.includes(TAG.appendix));
      if (tags.includes(TAG.notes) && !followsSlide)
        at(
          `speaker notes that follow no \`${TAG.slide}\` or \`${TAG.appendix}\` cell (notes go directly after their slide)`,
        );
    });
  }
  return problems;
}

/**
 * What the tags alone decide (so it can be checked on the committed notebooks, which carry no outputs): tags that
 * contradict each other, notes that belong to no slide, main slides without notes, and too many main slides.
 */
export function structureProblems(
  deck: Deck,
  budget: Readonly<Record<string, number>> = MAIN_SLIDE_BUDGET,
): DeckProblem[] {
  const problems = tagProblems(deck);
  const main = deck.slides.filter((s) => s.role === "main");
  const perNotebook = deck.notebooks.map((nb) => ({
    nb,
    cells: main.filter((s) => s.notebook === nb.name).map((s) => s.cell),
    budget: budget[notebookNumber(nb.name)],
  }));
  if (!main.length)
    problems.push({ notebook: null, cell: null, message: `no main slides: tag cells \`${TAG.slide}\`` });
  if (main.length > MAX_MAIN_SLIDES)
    problems.push({
      notebook: null,
      cell: null,
      message:
        `${main.length} main slides, at most ${MAX_MAIN_SLIDES} for a 15-minute talk ` +
        `(${perNotebook.map((p) => `${p.nb.name} ${p.cells.length}`).join(", ")}): tag the rest \`${TAG.appendix}\``,
    });
  for (const p of perNotebook)
    if (p.budget !== undefined && p.cells.length > p.budget)
      problems.push({
        notebook: p.nb.name,
        cell: null,
        message: `${p.cells.length} main slides (cells ${p.cells.join(", ")}), its budget is ${p.budget}`,
      });
  for (const slide of main)
    if (!slide.notes)
      problems.push({
        notebook: slide.notebook,
        cell: slide.cell,
        message: `main slide has no speaker notes: tag the cell after it \`${TAG.notes}\``,
      });
  return sortProblems(
    problems,
    deck.notebooks.map((nb) => nb.name),
  );
}

/** What the executed notebooks show: titles, notes' text, table sizes, exhibits, empty slides, the closing slide. */
export function contentProblems(deck: Deck): DeckProblem[] {
  const problems: DeckProblem[] = [];
  const main = deck.slides.filter((s) => s.role === "main");
  for (const nb of deck.notebooks) {
    const sections = new Set(nb.sectionHeadings.map(headingKey));
    for (const slide of main.filter((s) => s.notebook === nb.name))
      for (const message of mainSlideContentProblems(slide, sections))
        problems.push({ notebook: slide.notebook, cell: slide.cell, message });
  }
  for (const slide of deck.slides)
    if (slide.role === "appendix" && !slide.items.length)
      problems.push({ notebook: slide.notebook, cell: slide.cell, message: "appendix cell shows nothing" });

  const last = main[main.length - 1];
  if (last && !(last.title && CLOSING_TITLE.test(last.title)))
    problems.push({
      notebook: last.notebook,
      cell: last.cell,
      message:
        `the last main slide is the closing slide, "What I would do with one more week": its title mentions ` +
        `"one more week" (it is ${last.title ? `"${last.title}"` : "untitled"})`,
    });
  return sortProblems(
    problems,
    deck.notebooks.map((nb) => nb.name),
  );
}

/** Everything the convention requires that can be checked without a browser. */
export function deckProblems(deck: Deck, budget: Readonly<Record<string, number>> = MAIN_SLIDE_BUDGET): DeckProblem[] {
  return sortProblems(
    [...structureProblems(deck, budget), ...contentProblems(deck)],
    deck.notebooks.map((nb) => nb.name),
  );
}
