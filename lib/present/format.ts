// The one place numbers become text: notebooks, report.html and the CLI all format through here.
import type { Interval } from "../metrics/interval";

/** Speaker notes for a slide: paragraphs under the marker the deck and a notebook reader both recognize. */
export const speakerNotes = (paragraphs: readonly string[]): string =>
  `**Speaker notes.** ${paragraphs.filter(Boolean).join("\n\n")}`;

/** "3,022": a count with a thousands separator. */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US");

/**
 * `x` to `digits` decimals, with a "+" on positive values when `signed`; a value that rounds to zero prints as
 * "0.000", never "-0.000" or "+0.000". Every formatter below goes through it.
 */
export const fixed = (x: number, digits: number, signed = false): string => {
  const text = x.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return (signed && x > 0 ? "+" : "") + text;
};

/** "12.8%" — one decimal, for tables and sentences. */
export const pct = (x: number): string => `${fixed(100 * x, 1)}%`;

/** `x` rounded to `digits` decimals, as a number: for table cells that stay numeric (right-aligned, sortable). */
export const rounded = (x: number, digits: number): number => Number(x.toFixed(digits));

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
