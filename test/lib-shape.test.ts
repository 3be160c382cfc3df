import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { tsFiles } from "./helpers";

// Files that each do one thing stay short: at most 300 lines, so that a file cannot quietly grow
// into two jobs.
const MAX_LINES = 300;

describe("files that do one thing", () => {
  test(`every file in lib/ is at most ${MAX_LINES} lines`, () => {
    const lib = path.join(__dirname, "..", "lib");
    const long = tsFiles(lib)
      .map((f) => ({ file: path.relative(lib, f), lines: fs.readFileSync(f, "utf8").split("\n").length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    assert.deepEqual(long, [], `split these by job: ${long.join(", ")}`);
  });
});

describe("one of each", () => {
  test("numbers become text only through util/numberText.ts (no toFixed, toLocaleString… elsewhere in lib/)", () => {
    const lib = path.join(__dirname, "..", "lib");
    const calls = tsFiles(lib)
      .filter((f) => path.relative(lib, f) !== path.join("util", "numberText.ts"))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .flatMap((line, k) =>
            /\.(toFixed|toLocaleString|toExponential|toPrecision)\(/.test(line)
              ? [`${path.relative(lib, f)}:${k + 1}`]
              : [],
          ),
      );
    assert.deepEqual(calls, [], "format through util/numberText.ts (fixed, rounded, pct, count) or present/format.ts");
  });

  test("one HTML escape (lib/util/html.ts): no other file in lib/ or tools/ replaces & by hand", () => {
    const lib = path.join(__dirname, "..", "lib");
    const copies = [...tsFiles(lib), ...tsFiles(path.join(__dirname, "..", "tools"))]
      .filter((f) => path.relative(lib, f) !== path.join("util", "html.ts"))
      .filter((f) => /replace\(\/&\/g/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(lib, f));
    assert.deepEqual(copies, [], "use escapeHtml from lib/util/html.ts");
  });

  test("one interval type (lib/metrics/interval.ts): no other declaration in lib/ has a lo/hi or low/high pair", () => {
    const lib = path.join(__dirname, "..", "lib");
    // An assumption stated as a range (labels/economics.ts Assumed: low, central, high) is not a measured interval.
    const allowed = new Set([path.join("metrics", "interval.ts"), path.join("labels", "economics.ts")]);
    const shapes = tsFiles(lib)
      .filter((f) => !allowed.has(path.relative(lib, f)))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .flatMap((line, k) =>
            /\b(lo|hi|low|high)\??: number\b/.test(line) ? [`${path.relative(lib, f)}:${k + 1}`] : [],
          ),
      );
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
    const lib = path.join(__dirname, "..", "lib");
    const unitOf = (file: string) => path.relative(lib, file).split(path.sep)[0];
    const upward: string[] = [];
    for (const file of tsFiles(lib)) {
      const from = unitOf(file);
      assert.ok(LAYERS.includes(from), `${path.relative(lib, file)}: ${from} has no place in LAYERS`);
      const specifiers = fs
        .readFileSync(file, "utf8")
        .matchAll(/(?:from\s+|import\s+|import\(|require\()"(\.{1,2}\/[^"]*)"/g);
      for (const [, spec] of specifiers) {
        const target = path.resolve(path.dirname(file), spec);
        const to = unitOf(fs.existsSync(target + ".ts") ? target + ".ts" : path.join(target, "index.ts"));
        if (to !== from && LAYERS.indexOf(to) > LAYERS.indexOf(from))
          upward.push(`${path.relative(lib, file)} imports ${spec} (${to} is above ${from})`);
      }
    }
    assert.deepEqual(upward, []);
  });

  test("every error class in lib/ is in lib/errors.ts (where each gets its code and crosses the worker pool)", () => {
    const lib = path.join(__dirname, "..", "lib");
    const elsewhere = tsFiles(lib)
      .filter((f) => path.relative(lib, f) !== "errors.ts")
      .filter((f) => /class \w+ extends (\w*Error)\b/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(lib, f));
    assert.deepEqual(elsewhere, []);
  });

  test("no plain Error is thrown in lib/: a caller's mistake gets a typed error, a broken invariant an InternalError", () => {
    const lib = path.join(__dirname, "..", "lib");
    const plain = tsFiles(lib).flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, k) => (/throw new Error\(/.test(line) ? [`${path.relative(lib, f)}:${k + 1}`] : [])),
    );
    assert.deepEqual(plain, [], "throw a class from lib/errors.ts");
  });
});
