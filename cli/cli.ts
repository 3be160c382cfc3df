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

/** Bounds for a numeric option, both inclusive unless said otherwise. */
export interface Range {
  min?: number;
  max?: number;
  /** The lower bound itself is not allowed (a positive number: `{ min: 0, minExclusive: true }`). */
  minExclusive?: boolean;
}

function describeRange(kind: string, r: Range): string {
  const lo = r.min === undefined ? "" : ` ${r.minExclusive ? ">" : "≥"} ${r.min}`;
  const hi = r.max === undefined ? "" : `${lo ? " and" : ""} ≤ ${r.max}`;
  return `must be ${kind}${lo}${hi}`;
}

function checkRange(option: string, kind: string, value: number, raw: string, r: Range): number {
  const low = r.min !== undefined && (r.minExclusive ? value <= r.min : value < r.min);
  const high = r.max !== undefined && value > r.max;
  if (low || high) throw new UsageError(option, `${describeRange(kind, r)}, got ${raw}`);
  return value;
}

/** An integer option: `--folds 5`. */
export function intFlag(flags: ParsedArgs["flags"], name: string, fallback: number, range: Range = {}): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || v.trim() === "" || !Number.isSafeInteger(n))
    throw new UsageError(`--${name}`, `${describeRange("an integer", range)}, got ${JSON.stringify(v)}`);
  return checkRange(`--${name}`, "an integer", n, v, range);
}

/** A number option: `--test-fraction 0.2`. */
export function numberFlag(flags: ParsedArgs["flags"], name: string, fallback: number, range: Range = {}): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || v.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`--${name}`, `${describeRange("a number", range)}, got ${JSON.stringify(v)}`);
  return checkRange(`--${name}`, "a number", n, v, range);
}

/** An option with a fixed set of values: `--final fold-ensemble|refit`. */
export function choiceFlag<T extends string>(
  flags: ParsedArgs["flags"],
  name: string,
  choices: readonly T[],
): T | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (v === true || !(choices as readonly string[]).includes(v))
    throw new UsageError(`--${name}`, `must be ${choices.join(" or ")}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** A comma list: `--models logreg,mlp`, each item checked by `item` (which throws a UsageError). */
export function listFlag<T>(flags: ParsedArgs["flags"], name: string, item: (text: string) => T): T[] | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const items = v === true ? [] : v.split(",").map((s) => s.trim());
  if (!items.length || items.some((s) => s === ""))
    throw new UsageError(`--${name}`, `takes a comma list without blanks, got ${JSON.stringify(v)}`);
  return items.map(item);
}

/** How runCli names things: config settings that a command's options set (`bootstrap.resamples` → `--resamples`). */
export interface CliOptions {
  settingOptions?: Record<string, string>;
}

/** "see `npm start -- --help`": the command, taken from the first line of its usage text. */
function helpHint(usage: string): string {
  const command = /^usage:\s*(.*?--)(\s|$)/.exec(usage)?.[1];
  return command ? `see \`${command} --help\`` : "see --help";
}

/** The one line a known failure prints, and its exit status: 2 for usage or config mistakes, 1 for bad files. */
export function describeFailure(
  err: unknown,
  usage: string,
  options: CliOptions = {},
): { line: string; status: number } | null {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ");
  if (err instanceof UsageError) return { line: `error: ${oneLine(err.message)} (${helpHint(usage)})`, status: 2 };
  if (err instanceof ConfigError) {
    const option = err.subject.setting && options.settingOptions?.[err.subject.setting];
    const text = option ? `${option} ${err.detail}` : `config: ${err.message}`;
    return { line: `error: ${oneLine(text)} (${helpHint(usage)})`, status: 2 };
  }
  if (err instanceof DataError || err instanceof ModelFileError || err instanceof EmbeddingModelUnavailable)
    return { line: `error: ${oneLine(err.message)}`, status: 1 };
  return null;
}

/**
 * Run a command: a usage or config mistake prints one line naming the option (or setting) and what is allowed,
 * exit status 2; an unusable data or model file one line naming the file, status 1; anything else is a bug and keeps
 * its stack ("unexpected error"), status 1.
 */
export function runCli(usage: string, main: () => Promise<void> | void, options: CliOptions = {}): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const known = describeFailure(err, usage, options);
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
