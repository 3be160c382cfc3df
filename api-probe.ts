import ts = require("typescript");
import * as path from "node:path";
const root = "/work/main";
const want = process.argv.slice(2);
const program = ts.createProgram([path.join(root, "lib/index.ts")], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS });
const checker = program.getTypeChecker();
for (const ns of want) {
  const idx = program.getSourceFile(path.join(root, `lib/${ns}/index.ts`));
  if (!idx) { console.log("no", ns); continue; }
  const mod = checker.getSymbolAtLocation(idx)!;
  const byFile: Record<string, string[]> = {};
  for (const s of checker.getExportsOfModule(mod)) {
    const real = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const decl = real.declarations?.[0];
    const file = decl ? path.relative(root, decl.getSourceFile().fileName) : "?";
    const doc = ts.displayPartsToString(real.getDocumentationComment(checker)).trim();
    const isType = !(real.flags & ts.SymbolFlags.Value);
    (byFile[file] ??= []).push(`${isType ? "type " : ""}${s.name}${doc ? "" : " [NODOC]"}`);
  }
  console.log(`== ${ns}`);
  for (const [f, names] of Object.entries(byFile)) console.log(`  ${f}: ${names.join(", ")}`);
}
