/** A message's label: 1 (about safety or security) or 0. */
export type Label = 0 | 1;

/** A raw target cell parsed: the label, and whether its spelling had to be normalized to read it. */
export interface ParsedLabel {
  label: Label;
  /** True when the raw string was not exactly "True" or "False". */
  normalized: boolean;
}

/**
 * Parse the labeling model's raw answer. Accepts True/False in any case, with
 * surrounding white space or one trailing period. Returns null for anything
 * else, so the caller can name the row. (Casting the string to a boolean is
 * the classic bug: "False" is truthy.)
 */
export function parseLabel(raw: string): ParsedLabel | null {
  const cleaned = raw.trim().replace(/\.$/, "").trim().toLowerCase();
  if (cleaned !== "true" && cleaned !== "false") return null;
  return { label: cleaned === "true" ? 1 : 0, normalized: raw !== "True" && raw !== "False" };
}
