// Presentation formats built on util/numberText.ts (where numbers become text): metrics, intervals, speaker notes.
import type { Interval } from "../metrics/interval";
import { fixed } from "../util/numberText";

export { count, fixed, pct, rounded } from "../util/numberText";

/** Speaker notes for a slide: paragraphs under the marker the deck and a notebook reader both recognize. */
export const speakerNotes = (paragraphs: readonly string[]): string =>
  `**Speaker notes.** ${paragraphs.filter(Boolean).join("\n\n")}`;

/** A metric to three decimals; "n/a" where it has no value. */
export const fixed3 = (v: number | null): string => (v === null ? "n/a" : fixed(v, 3));

/** A ratio metric to three decimals, or "undefined" where it has no value (a zero denominator), never a 0. */
export const metric3 = (v: number | null): string => (v === null ? "undefined" : fixed(v, 3));

/** "[0.70, 0.90]", or `none` when there is no interval. */
export const interval = (c: Interval | null, none = ""): string =>
  c ? `[${fixed(c.low, 2)}, ${fixed(c.high, 2)}]` : none;

/** "0.812 [0.70, 0.90]": an estimate with its interval; "undefined" when the metric has no value here. */
export const withInterval = (c: Interval | null): string =>
  c ? `${fixed(c.estimate, 3)} ${interval(c)}` : "undefined";

/** A 0/1 label as the labeler wrote it. */
export const trueFalse = (label: number): string => (label ? "True" : "False");

/** "12 (40%)": a count and its share of a total. */
export const countShare = (count: number, of: number, decimals = 0): string =>
  of ? `${count} (${fixed((100 * count) / of, decimals)}%)` : "0";
