import {
  ConfigError,
  DataError,
  EmbeddingModelUnavailable,
  ModelFileError,
  SafetySignalError,
  UsageError,
} from "../lib/errors";

/** A mistake in how the command was called (defined with the project's other errors in lib/errors.ts). */
export { UsageError };

export interface ParsedArgs {
  flags: Record<string, string | true>;
  positional: string[];
}

/**
 * Minimal `--name value` / `--name=value` / `--flag` parser. `booleans` lists flags that take no value; a flag not
 * in `known`, one given twice, a missing value or more than `maxPositional` bare arguments is a usage error (a typo
 * should not be ignored).
 */
export function parseArgs(
  argv: string[],
  known: string[],
  booleans: string[] = [],
  maxPositional = Infinity,
): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const option = `--${name}`;
    if (!known.includes(name))
      throw new UsageError(option, `is not an option here (options: ${known.map((k) => `--${k}`).join(", ")})`);
    if (name in flags) throw new UsageError(option, "is given twice: give it once");
    if (booleans.includes(name)) {
      if (inline !== undefined) throw new UsageError(option, `takes no value, got ${JSON.stringify(inline)}`);
      flags[name] = true;
    } else if (inline !== undefined) {
      flags[name] = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(option, "needs a value");
      flags[name] = next;
      i++;
    }
  }
  if (positional.length > maxPositional) {
    const what = maxPositional === 0 ? "takes no bare arguments" : `takes at most ${maxPositional} bare argument(s)`;
    throw new UsageError(`this command ${what}, got ${positional.map((p) => JSON.stringify(p)).join(" ")}`);
  }
  return { flags, positional };
}

/** Bounds for a numeric option: `min` and `max` are inclusive unless marked exclusive. */
export interface Range {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

function describeRange(kind: string, r: Range): string {
  const lo = r.min === undefined ? "" : ` ${r.minExclusive ? ">" : "≥"} ${r.min}`;
  const hi = r.max === undefined ? "" : `${lo ? " and" : ""} ${r.maxExclusive ? "<" : "≤"} ${r.max}`;
  return `must be ${kind}${lo}${hi}`;
}

function inRange(option: string, kind: string, value: number, raw: string, r: Range): number {
  const low = r.min !== undefined && (r.minExclusive ? value <= r.min : value < r.min);
  const high = r.max !== undefined && (r.maxExclusive ? value >= r.max : value > r.max);
  if (low || high) throw new UsageError(option, `${describeRange(kind, r)}, got ${raw}`);
  return value;
}

/** A number written as text, or a usage error naming the option: the one rule for every numeric option. */
function readNumber(option: string, raw: string | true, integer: boolean, range: Range): number {
  const kind = integer ? "an integer" : "a number";
  const n = raw === true || raw.trim() === "" ? NaN : Number(raw);
  if (!(integer ? Number.isSafeInteger(n) : Number.isFinite(n)))
    throw new UsageError(option, `${describeRange(kind, range)}, got ${JSON.stringify(raw)}`);
  return inRange(option, kind, n, String(raw), range);
}

/** An integer option: `--folds 5`; `fallback` when it is not given (undefined: leave the setting to its default). */
export function intFlag<F extends number | undefined>(
  flags: ParsedArgs["flags"],
  name: string,
  fallback: F,
  range: Range = {},
): number | F {
  const v = flags[name];
  return v === undefined ? fallback : readNumber(`--${name}`, v, true, range);
}

/** A number option: `--test-fraction 0.2`. */
export function numberFlag<F extends number | undefined>(
  flags: ParsedArgs["flags"],
  name: string,
  fallback: F,
  range: Range = {},
): number | F {
  const v = flags[name];
  return v === undefined ? fallback : readNumber(`--${name}`, v, false, range);
}

/** An option with a fixed set of values: `--final fold-ensemble|refit`. */
export function choiceFlag<T extends string>(
  flags: ParsedArgs["flags"],
  name: string,
  choices: readonly T[],
): T | undefined {
  const v = flags[name];
  return v === undefined ? undefined : choiceItem(`--${name}`, v === true ? "" : v, choices);
}

/** One value of a fixed set (an option's value, or an item of its comma list). */
export function choiceItem<T extends string>(option: string, text: string, choices: readonly T[]): T {
  const found = choices.find((c) => c === text);
  if (found === undefined) throw new UsageError(option, `takes ${choices.join(", ")}; got ${JSON.stringify(text)}`);
  return found;
}

/** One number of a comma list. */
export function numberItem(option: string, text: string): number {
  const n = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(n)) throw new UsageError(option, `takes numbers, got ${JSON.stringify(text)}`);
  return n;
}

/** A comma list: `--models logreg,mlp`, each item read by `item` (which throws a UsageError). */
export function listFlag<T>(flags: ParsedArgs["flags"], name: string, item: (text: string) => T): T[] | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const items = v === true ? [] : v.split(",").map((s) => s.trim());
  if (!items.length || items.some((s) => s === ""))
    throw new UsageError(`--${name}`, `takes a comma list without blanks, got ${JSON.stringify(v)}`);
  return items.map(item);
}

/**
 * Build something from options that configuration settings check (`makeConfig`): a ConfigError about a setting an
 * option sets becomes that option's usage error. `options` maps settings to options (`{ cvFolds: "--folds" }`); a
 * deeper path names both (`--Cs (logreg.Cs[1]) must be a number > 0, got 0`).
 */
export function asOptionMistakes<T>(options: Record<string, string>, build: () => T): T {
  try {
    return build();
  } catch (err) {
    const setting = err instanceof ConfigError ? err.subject.setting : undefined;
    const owner = Object.keys(options)
      .filter((s) => setting === s || setting?.startsWith(`${s}.`) || setting?.startsWith(`${s}[`))
      .sort((a, b) => b.length - a.length)[0];
    if (!(err instanceof ConfigError) || owner === undefined) throw err;
    throw new UsageError(setting === owner ? options[owner] : `${options[owner]} (${setting})`, err.detail);
  }
}

/** "see `npm start -- --help`": the command, taken from the first line of its usage text. */
function helpHint(usage: string): string {
  const command = /^usage:\s*(.*?--)(\s|$)/.exec(usage)?.[1];
  return command ? `see \`${command} --help\`` : "see --help";
}

/** The one line a known failure prints, and its exit status: 2 for usage or config mistakes, 1 for bad files. */
export function describeFailure(err: unknown, usage: string): { line: string; status: number } | null {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ");
  if (err instanceof UsageError) return { line: `error: ${oneLine(err.message)} (${helpHint(usage)})`, status: 2 };
  if (err instanceof ConfigError)
    return { line: `error: config: ${oneLine(err.message)} (${helpHint(usage)})`, status: 2 };
  if (err instanceof DataError || err instanceof ModelFileError || err instanceof EmbeddingModelUnavailable)
    return { line: `error: ${oneLine(err.message)}`, status: 1 };
  return null;
}

/**
 * Run a command: a usage or config mistake prints one line naming the option (or setting) and what is allowed,
 * exit status 2; an unusable data or model file one line naming the file, status 1; anything else is a bug and keeps
 * its stack ("unexpected error"), status 1.
 */
export function runCli(usage: string, main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const known = describeFailure(err, usage);
      if (known) {
        process.stderr.write(`${known.line}\n`);
        process.exitCode = known.status;
        return;
      }
      const what = err instanceof SafetySignalError ? `${err.code}: ` : "";
      process.stderr.write(
        `unexpected error (please report it): ${what}${err instanceof Error ? err.stack : String(err)}\n`,
      );
      process.exitCode = 1;
    });
}
