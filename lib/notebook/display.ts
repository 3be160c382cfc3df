/**
 * Markdown displays for the deck (README, "Slides"): a code cell tagged `slide` shows its takeaway title, with
 * computed numbers, through showMarkdown; a code cell tagged `notes` shows the slide's speaker notes through
 * showSpeakerNotes. Compose the text in lib/present/ (the one place numbers become text); these only display it.
 */

/** How speaker notes start, so a reader of the notebook sees what the cell is (the deck drops it). */
export const SPEAKER_NOTES_PREFIX = "**Speaker notes.**";

interface TslabMarkdown {
  markdown(s: string): void;
}

function tslabDisplay(): TslabMarkdown {
  try {
    // Inside a tslab kernel, as lib/plots/notebook.ts's displays; without tslab installed the text is printed.
    return require("tslab").display as TslabMarkdown;
  } catch {
    return { markdown: (s) => console.log(s) };
  }
}

/** Show markdown in the cell, e.g. a slide's computed title: `showMarkdown(`## ${takeaway}`)`. */
export function showMarkdown(markdown: string): void {
  tslabDisplay().markdown(markdown);
}

/** Speaker notes as the deck reads them: the markdown, starting with SPEAKER_NOTES_PREFIX (added once). */
export function speakerNotes(markdown: string): string {
  const text = markdown.trim();
  return text.startsWith(SPEAKER_NOTES_PREFIX) ? text : `${SPEAKER_NOTES_PREFIX} ${text}`;
}

/** Show a slide's speaker notes in a code cell tagged `notes` (the cell right after the slide's). */
export function showSpeakerNotes(markdown: string): void {
  showMarkdown(speakerNotes(markdown));
}
