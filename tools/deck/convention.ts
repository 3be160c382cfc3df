import { SPEAKER_NOTES_PREFIX } from "../../lib/notebook/display";

/**
 * The deck convention shared by notebooks 01–03 and `npm run slides` (README, "Slides"): which cell tags make which
 * slides, the limits a 15-minute talk sets, and the rule a main slide's title must pass to count as a takeaway.
 */

/** Jupyter cell tags (cell metadata `tags`) the deck reads. */
export const TAG = {
  /** A main slide: one cell, one slide. */
  slide: "slide",
  /** Speaker notes for the slide (or appendix) cell directly above. */
  notes: "notes",
  /** Detail after the main slides: one slide per table, figure or list the cell shows. */
  appendix: "appendix",
} as const;

/** A 15-minute talk: at most 12 main slides. */
export const MAX_MAIN_SLIDES = 12;

/** Main slides each notebook may use, by its number ("01_train_models" → "01"); 5 + 2 + 5 = 12. */
export const MAIN_SLIDE_BUDGET: Readonly<Record<string, number>> = { "01": 5, "02": 2, "03": 5 };

/** A table on a main slide shows at most this many rows (header not counted); detail goes to the appendix. */
export const MAX_MAIN_TABLE_ROWS = 8;

/** A main slide shows at most one table or figure (plus its title and, optionally, a short list). */
export const MAX_MAIN_EXHIBITS = 1;

/** A takeaway title is a sentence: at least this many words. */
export const MIN_TITLE_WORDS = 5;

/** Notes cells start with this, so a reader of the notebook sees what the cell is; the deck drops it. */
export const NOTES_PREFIX = SPEAKER_NOTES_PREFIX;

/** About a minute of talk needs more than a line: notes have at least this many words after the prefix. */
export const MIN_NOTES_WORDS = 20;

/** The deck's last main slide is the closing slide, "What I would do with one more week". */
export const CLOSING_TITLE = /\bone more week\b/i;

/**
 * How far a slide may shrink its type to fit the screen: a main slide to 80% (smaller is unreadable from the back
 * of a room: a failure), any slide to 60% (an appendix slide below 80% is reported, not failed).
 */
export const MIN_MAIN_SCALE = 0.8;
export const MIN_SCALE = 0.6;

/** The notebook's number, which the budget is keyed by: "01_train_models" → "01". */
export const notebookNumber = (name: string) => /^(\d+)/.exec(name)?.[1] ?? name;

/**
 * "2. The data", "8b) Leakage", "IV. Costs", "Part 3: …", "Appendix A": a section's label, not a finding ("0.90
 * precision …" is not one: the number's point is followed by a digit, not a space).
 */
const NUMBERED = /^(\d+[a-z]?[.):]\s|[ivx]+[.)]\s|(part|section|chapter|appendix)\s+(\d+|[ivx]+|[a-z])([.):]\s|$))\s*/i;

/** A heading as plain words: markdown emphasis, code marks and link targets removed. */
export function plainHeading(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words of a heading or of notes: tokens that hold a letter or a digit ("—" and "·" are not words, "0.90" is). */
export const wordsOf = (text: string) =>
  plainHeading(text)
    .split(" ")
    .filter((w) => /[\p{L}\p{N}]/u.test(w));

/** What two headings are compared as: lower case, no section number, letters and digits only. */
export function headingKey(text: string): string {
  return plainHeading(text)
    .toLowerCase()
    .replace(NUMBERED, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Why a main slide's title is not a takeaway, or null when it is one. The checkable rule: there is a title (a `#`,
 * `##` or `###` heading), it is not a question, not a numbered section label, has at least MIN_TITLE_WORDS words,
 * and is not one of the notebooks' section headings (the headings of markdown cells that are not slides).
 */
export function titleProblem(title: string | null, sectionHeadings: ReadonlySet<string>): string | null {
  if (title === null)
    return (
      "no title: start the cell (a code cell: its first markdown display) with a #, ## or ### heading that " +
      "states the takeaway"
    );
  const plain = plainHeading(title);
  if (plain.endsWith("?")) return `title "${plain}" is a question; state the answer`;
  if (NUMBERED.test(plain)) return `title "${plain}" is a numbered section heading; state what the section found`;
  const words = wordsOf(plain).length;
  if (words < MIN_TITLE_WORDS)
    return `title "${plain}" has ${words} word${words === 1 ? "" : "s"}; a takeaway is a sentence of at least ${MIN_TITLE_WORDS}`;
  if (sectionHeadings.has(headingKey(plain)))
    return `title "${plain}" is a section heading of the notebook (a topic); state what it found`;
  return null;
}
