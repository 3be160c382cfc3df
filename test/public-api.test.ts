import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts = require("typescript");
import { ROOT } from "./helpers";

// Every namespace chooses its public names one by one (named exports, no `export *`), each with a doc comment
// where it is declared: internals stay out of reach, and a notebook reader can hover any name for what it does.
const program = ts.createProgram([path.join(ROOT, "lib", "index.ts")], {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  noEmit: true,
});
const checker = program.getTypeChecker();

/** Each namespace of lib/index.ts: its index file and its exported names, with whether each has a doc comment. */
function namespaces(): Map<string, { file: string; names: Array<{ name: string; documented: boolean }> }> {
  const index = program.getSourceFile(path.join(ROOT, "lib", "index.ts"));
  assert.ok(index, "lib/index.ts is in the program");
  const out = new Map<string, { file: string; names: Array<{ name: string; documented: boolean }> }>();
  const indexSymbol = checker.getSymbolAtLocation(index);
  assert.ok(indexSymbol);
  for (const ns of checker.getExportsOfModule(indexSymbol)) {
    const target = checker.getAliasedSymbol(ns);
    const file = target.declarations?.[0]?.getSourceFile().fileName ?? "?";
    const names = checker.getExportsOfModule(target).map((s) => {
      const real = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return { name: s.name, documented: ts.displayPartsToString(real.getDocumentationComment(checker)).trim() !== "" };
    });
    out.set(ns.name, { file, names });
  }
  return out;
}

const all = namespaces();

test("the public API has its twenty-one namespaces, each with names", () => {
  assert.equal(all.size, 21);
  for (const [ns, entry] of all) assert.ok(entry.names.length > 0, `${ns} exports nothing`);
});

for (const [ns, entry] of all) {
  test(`public API, ${ns}: names exported one by one, each with a doc comment`, () => {
    assert.doesNotMatch(
      fs.readFileSync(entry.file, "utf8"),
      /^export \* from/m,
      `${entry.file} re-exports a whole module`,
    );
    const undocumented = entry.names.filter((n) => !n.documented).map((n) => n.name);
    assert.deepEqual(undocumented, [], `document these where they are declared: ${undocumented.join(", ")}`);
  });
}

test("the README's count of public names is the API's", () => {
  const total = [...all.values()].reduce((sum, e) => sum + e.names.length, 0);
  const stated = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").match(/\(([\d,]+) names in all\)/);
  assert.ok(stated, 'README.md states the public API\'s size as "(N names in all)"');
  assert.equal(Number(stated[1].replace(/,/g, "")), total, "update the count in README.md's lib/ row");
});
