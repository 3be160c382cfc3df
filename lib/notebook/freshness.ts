import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../paths";
import { UsageError } from "../errors";

function newestMtime(dir: string, ext: string): { file: string; mtime: number } {
  let best = { file: "", mtime: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = newestMtime(p, ext);
      if (sub.mtime > best.mtime) best = sub;
    } else if (entry.name.endsWith(ext) && !entry.name.endsWith(".d.ts")) {
      const m = fs.statSync(p).mtimeMs;
      if (m > best.mtime) best = { file: p, mtime: m };
    }
  }
  return best;
}

/**
 * Notebooks import the compiled library (dist/). Refuse to run on a stale
 * build, so a notebook never shows numbers from code that has since changed.
 */
export function assertFreshBuild(): string {
  const src = newestMtime(path.join(PROJECT_ROOT, "lib"), ".ts");
  const distDir = path.join(PROJECT_ROOT, "dist", "lib");
  if (!fs.existsSync(distDir))
    throw new UsageError("dist/ is missing: run `npm run build` (or `npm run notebooks`) first");
  const oldestOut = fs.statSync(path.join(distDir, "index.js")).mtimeMs;
  if (src.mtime > oldestOut + 1000) {
    throw new UsageError(
      `${path.relative(PROJECT_ROOT, src.file)} changed after the last build: run \`npm run build\` and restart the kernel`,
    );
  }
  return `library build is current (dist/ newer than every file in lib/)`;
}
