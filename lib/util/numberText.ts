// The one place numbers become text: every layer (tables, figures, CLI, files) formats through here, so "0.000"
// never prints as "-0.000" and a count always has its thousands separator.
import { InvalidInputError } from "../errors";

/** "3,022": a count with a thousands separator. */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US");

/**
 * `x` to `digits` decimals, with a "+" on positive values when `signed`; a value that rounds to zero prints as
 * "0.000", never "-0.000" or "+0.000". Every formatter goes through it.
 */
export const fixed = (x: number, digits: number, signed = false): string => {
  const text = x.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return (signed && x > 0 ? "+" : "") + text;
};

/** "12.8%" — one decimal, for tables and sentences. */
export const pct = (x: number): string => `${fixed(100 * x, 1)}%`;

/** `x` rounded to `digits` decimals, as a number: for table cells and file fields that stay numeric. */
export const rounded = (x: number, digits: number): number => Number(x.toFixed(digits));

/**
 * A number rounded to `digits` significant figures, with thousands separators and its significant trailing zeros
 * ("0.10"): for quantities built from assumed ranges, where more digits would claim a precision the inputs do not
 * have ("900", not "895"). Infinity: "never".
 */
export function roughly(x: number, digits = 1): string {
  if (x === Infinity) return "never";
  if (!Number.isFinite(x)) throw new InvalidInputError("x", `roughly: not a number (${x})`);
  if (x === 0) return "0";
  const power = Math.floor(Math.log10(Math.abs(x))) - digits + 1;
  const rounded = Math.round(x / 10 ** power) * 10 ** power;
  const decimals = Math.max(0, -power);
  return rounded.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** "2.5e-3": `x` in scientific notation with `digits` decimals (for magnitudes such as a gradient's). */
export const scientific = (x: number, digits: number): string => x.toExponential(digits);
