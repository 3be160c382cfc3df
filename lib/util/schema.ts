/**
 * Small zod (v3) building blocks that say what they want in words, so a problem reads the same wherever a schema
 * is used: `mlp.patience must be an integer ≥ 1, got 0`. The configuration (lib/experiment/config.ts) and the saved
 * formats (models, pipelines, the embeddings manifest) are declared with them, and their types inferred from them.
 */
import { z } from "zod";

/** The same "must be …" for every issue a leaf schema can raise (wrong type, too small, not an integer). */
const must = (what: string) => ({ message: `must be ${what}` });

/** An integer, optionally bounded (both bounds inclusive). */
export function integer(min?: number, max?: number) {
  const what = `an integer${min === undefined ? "" : ` ≥ ${min}`}${max === undefined ? "" : `${min === undefined ? "" : " and"} ≤ ${max}`}`;
  let s = z.number(must(what)).int(must(what));
  if (min !== undefined) s = s.min(min, must(what));
  if (max !== undefined) s = s.max(max, must(what));
  return s;
}

/** A finite number within bounds: `{ gt: 0, lte: 1 }` is "a number in (0, 1]". */
export function number(bounds: { gt?: number; gte?: number; lt?: number; lte?: number } = {}) {
  const { gt, gte, lt, lte } = bounds;
  const low = gt ?? gte;
  const high = lt ?? lte;
  const what =
    low !== undefined && high !== undefined
      ? `a number in ${gt !== undefined ? "(" : "["}${low}, ${high}${lt !== undefined ? ")" : "]"}`
      : low !== undefined
        ? `a number ${gt !== undefined ? ">" : "≥"} ${low}`
        : high !== undefined
          ? `a number ${lt !== undefined ? "<" : "≤"} ${high}`
          : "a finite number";
  let s = z.number(must(what)).finite(must(what));
  if (gt !== undefined) s = s.gt(gt, must(what));
  if (gte !== undefined) s = s.gte(gte, must(what));
  if (lt !== undefined) s = s.lt(lt, must(what));
  if (lte !== undefined) s = s.lte(lte, must(what));
  return s;
}

/** Exactly this value: `must be 3`, `must be "float32"`. */
export function exactly<T extends string | number | boolean>(value: T) {
  return z.literal(value, { errorMap: () => ({ message: `must be ${JSON.stringify(value)}` }) });
}

export const boolean = () => z.boolean(must("true or false"));

/** A non-empty string. */
export const text = () => z.string(must("a non-empty string")).min(1, must("a non-empty string"));

/** One of a few strings: "must be fold-ensemble or refit". */
export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  return z.enum(values, must(values.map((v) => JSON.stringify(v)).join(" or ")));
}

/** A list of at least one item. */
export function nonEmpty<T extends z.ZodTypeAny>(item: T, what = "a list") {
  return z.array(item, must(what)).min(1, must(`${what} of at least one item`));
}

/** An object with exactly these keys: any other key is an error that lists the known ones. */
export function record<S extends z.ZodRawShape>(shape: S) {
  return z.object(shape, must("an object")).strict({ message: `known: ${Object.keys(shape).join(", ")}` });
}

/** Any JSON value (a field kept as saved, e.g. a policy inside a pipeline file). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** "mlp.hiddenUnits[0]" from zod's path. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = input;
  for (const p of path) v = v !== null && typeof v === "object" ? Reflect.get(v, p) : undefined;
  return v;
}

const shown = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/** A schema problem in words: where (`path`, empty at the top) and what is wrong there (`detail`). */
export interface SchemaProblem {
  path: string;
  detail: string;
}

/**
 * The problems zod found, in words. `noun` names what a key is ("setting", "field"); the value found is quoted
 * from `input`, so a message says what was given: `must be an integer ≥ 1, got 0`.
 */
export function schemaProblems(error: z.ZodError, input: unknown, noun: string): SchemaProblem[] {
  return error.issues.map((issue): SchemaProblem => {
    const at = pathText(issue.path);
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0];
      const more = issue.keys.length > 1 ? ` (nor ${issue.keys.slice(1).join(", ")})` : "";
      return { path: at ? `${at}.${key}` : key, detail: `is not a ${noun}${more} (${issue.message})` };
    }
    if (issue.code === "invalid_union_discriminator") {
      const options = issue.options.map((o) => JSON.stringify(o)).join(", ");
      return { path: at, detail: `must be one of ${options}, got ${shown(valueAt(input, issue.path))}` };
    }
    if (issue.code === "custom") return { path: at, detail: issue.message };
    const value = valueAt(input, issue.path);
    if (value === undefined) return { path: at, detail: `is missing (it ${issue.message})` };
    return { path: at, detail: `${issue.message}, got ${shown(value)}` };
  });
}

/** The first problem as one line, with how many more there are. */
export function firstProblem(error: z.ZodError, input: unknown, noun: string): SchemaProblem {
  const all = schemaProblems(error, input, noun);
  const more = all.length > 1 ? ` (and ${all.length - 1} more problem${all.length > 2 ? "s" : ""})` : "";
  return { path: all[0].path, detail: all[0].detail + more };
}
