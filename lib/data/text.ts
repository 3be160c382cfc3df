/** HTML entities a web export leaves behind (named ones we expect, plus any numeric one). */
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

/** Decode HTML entities once (a literal "&amp;amp;" becomes "&amp;", as a browser would show it). */
export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named ?? whole;
  });
}

/** Whether a message is empty or whitespace only (such rows are excluded from modelling, and counted). */
export function isBlank(text: string): boolean {
  return text.trim() === "";
}

/**
 * The key two messages share when they are "the same message": entities
 * decoded, Unicode-normalized, case-folded, white space collapsed, closing
 * punctuation dropped. Used to find repeats, never to change what a model sees.
 */
export function repeatKey(text: string): string {
  return decodeHtmlEntities(text)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.!?…,;:]+$/u, "");
}
