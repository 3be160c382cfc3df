/**
 * Markdown displays for the deck (README, "Slides"): a code cell tagged `slide` shows its takeaway title, with
 * computed numbers, through showMarkdown; a code cell tagged `notes` shows the slide's speaker notes through
 * showSpeakerNotes. Compose the text in lib/present/ (the one place numbers become text); these only display it.
 */

import { showMarkdown } from "../plots/notebook";

/** How speaker notes start, so a reader of the notebook sees what the cell is (the deck drops it). */
export const SPEAKER_NOTES_PREFIX = "**Speaker notes.**";

// One implementation of the markdown display, beside the other displays (tables, figures, HTML).
export { showMarkdown } from "../plots/notebook";

/** Speaker notes as the deck reads them: the markdown, starting with SPEAKER_NOTES_PREFIX (added once). */
export function speakerNotes(markdown: string): string {
  const text = markdown.trim();
  return text.startsWith(SPEAKER_NOTES_PREFIX) ? text : `${SPEAKER_NOTES_PREFIX} ${text}`;
}

/** Show a slide's speaker notes in a code cell tagged `notes` (the cell right after the slide's). */
export function showSpeakerNotes(markdown: string): void {
  showMarkdown(speakerNotes(markdown));
}
