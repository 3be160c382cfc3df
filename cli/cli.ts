import { DataError } from "../lib/data/errors";
import { EmbeddingModelUnavailable } from "../lib/embeddings/mpnet";

/** A mistake in how the command was called. */
export class UsageError extends Error {}

export interface ParsedArgs {
  flags: Record<string, string | true>;
  positional: string[];
}

/**
 * Minimal `--name value` / `--flag` parser. `booleans` lists flags that take
 * no value; any flag not in `known` is a usage error (a typo should not be ignored).
 */
export function parseArgs(argv: string[], known: string[], booleans: string[] = []): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name))
      throw new UsageError(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(", ")})`);
    if (booleans.includes(name)) {
      flags[name] = true;
    } else if (inline !== undefined) {
      flags[name] = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`option --${name} needs a value`);
      flags[name] = next;
      i++;
    }
  }
  return { flags, positional };
}

export function intFlag(flags: ParsedArgs["flags"], name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n))
    throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(v)}`);
  return n;
}

export function numberFlag(flags: ParsedArgs["flags"], name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * Run a command: known failures print one clear line on stderr and exit
 * non-zero (1 for bad data, 2 for bad usage); anything else is a bug and keeps its stack.
 */
export function runCli(usage: string, main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`error: ${err.message}\n${usage}\n`);
        process.exitCode = 2;
      } else if (err instanceof DataError || err instanceof EmbeddingModelUnavailable) {
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(
          `unexpected error (please report it): ${err instanceof Error ? err.stack : String(err)}\n`,
        );
        process.exitCode = 1;
      }
    });
}
