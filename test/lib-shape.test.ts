import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { tsFiles } from "./helpers";

const LIB = path.join(__dirname, "..", "lib");

/** A source file under lib/ (or tools/), read once for every check below. */
interface Source {
  file: string;
  /** Relative to lib/ (tools/ files as ../tools/…). */
  rel: string;
  text: string;
}
const read = (dir: string): Source[] =>
  tsFiles(dir).map((file) => ({ file, rel: path.relative(LIB, file), text: fs.readFileSync(file, "utf8") }));
const libSources = read(LIB);

/** "file:line" of every line of `sources` matching `pattern`, leaving out the files in `except` (relative to lib/). */
function linesMatching(sources: readonly Source[], pattern: RegExp, except: readonly string[] = []): string[] {
  return sources
    .filter((s) => !except.includes(s.rel))
    .flatMap((s) => s.text.split("\n").flatMap((line, k) => (pattern.test(line) ? [`${s.rel}:${k + 1}`] : [])));
}

// Files that each do one thing stay short: at most 300 lines, so that a file cannot quietly grow
// into two jobs.
const MAX_LINES = 300;

describe("files that do one thing", () => {
  test(`every file in lib/ is at most ${MAX_LINES} lines`, () => {
    const long = libSources
      .map((s) => ({ rel: s.rel, lines: s.text.split("\n").length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.rel}: ${f.lines} lines`);
    assert.deepEqual(long, [], `split these by job: ${long.join(", ")}`);
  });
});

describe("one of each", () => {
  test("numbers become text only through util/numberText.ts (no toFixed, toLocaleString… elsewhere in lib/)", () => {
    const calls = linesMatching(libSources, /\.(toFixed|toLocaleString|toExponential|toPrecision)\(/, [
      path.join("util", "numberText.ts"),
    ]);
    assert.deepEqual(calls, [], "format through util/numberText.ts (fixed, rounded, pct, count) or present/format.ts");
  });

  test("one HTML escape (lib/util/html.ts): no other file in lib/ or tools/ replaces & by hand", () => {
    const sources = [...libSources, ...read(path.join(__dirname, "..", "tools"))];
    const copies = linesMatching(sources, /replace\(\/&\/g/, [path.join("util", "html.ts")]);
    assert.deepEqual(copies, [], "use escapeHtml from lib/util/html.ts");
  });

  test("one interval type (lib/metrics/interval.ts): no other declaration in lib/ has a lo/hi or low/high pair", () => {
    // An assumption stated as a range (labels/economics.ts Assumed: low, central, high) is not a measured interval.
    const shapes = linesMatching(libSources, /\b(lo|hi|low|high)\??: number\b/, [
      path.join("metrics", "interval.ts"),
      path.join("labels", "economics.ts"),
    ]);
    assert.deepEqual(shapes, [], "an interval is a metrics Interval: { estimate, low, high, level, method, n }");
  });
});

// lib/'s folders as a stack, bottom first: each may import only from those below it (and from itself), so data flows
// one way, from the errors and utilities up to the report. A new folder has to be placed here.
const LAYERS = [
  "errors.ts",
  "paths.ts",
  "util",
  "data",
  "parallel",
  "optim",
  "metrics",
  "linalg",
  "split",
  "models",
  "embeddings",
  "features",
  "experiment",
  "analysis",
  "pitfalls",
  "runs",
  "plots",
  "labels",
  "audit",
  "scoring",
  "notebook",
  "present",
  "report",
  "index.ts",
];

describe("layers and errors", () => {
  test("layers: no file in lib/ imports from a folder above its own (and every folder has its place)", () => {
    const unitOf = (file: string) => path.relative(LIB, file).split(path.sep)[0];
    const upward: string[] = [];
    for (const { file, rel, text } of libSources) {
      const from = unitOf(file);
      assert.ok(LAYERS.includes(from), `${rel}: ${from} has no place in LAYERS`);
      for (const [, spec] of text.matchAll(/(?:from\s+|import\s+|import\(|require\()"(\.{1,2}\/[^"]*)"/g)) {
        const target = path.resolve(path.dirname(file), spec);
        const to = unitOf(fs.existsSync(target + ".ts") ? target + ".ts" : path.join(target, "index.ts"));
        if (to !== from && LAYERS.indexOf(to) > LAYERS.indexOf(from))
          upward.push(`${rel} imports ${spec} (${to} is above ${from})`);
      }
    }
    assert.deepEqual(upward, []);
  });

  test("every error class in lib/ is in lib/errors.ts (where each gets its code and crosses the worker pool)", () => {
    const elsewhere = linesMatching(libSources, /class \w+ extends (\w*Error)\b/, ["errors.ts"]);
    assert.deepEqual(elsewhere, []);
  });

  test("no plain Error is thrown in lib/: a caller's mistake gets a typed error, a broken invariant an InternalError", () => {
    assert.deepEqual(linesMatching(libSources, /throw new Error\(/), [], "throw a class from lib/errors.ts");
  });
});
