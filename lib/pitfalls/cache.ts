/**
 * A disk cache for pitfall refits, so notebook 02 can be re-run in an interview without refitting LSA-384 SVDs.
 * An entry is keyed on everything its result depends on: the whole task (rows, texts, labels, folds, features,
 * settings) and the library build that computes it (every compiled file). A changed input or a rebuilt library
 * gives another key, so a stale entry is never read. Only pure-JavaScript tasks are cached (not TF.js fits, whose
 * bits depend on the backend).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import { PROJECT_ROOT } from "../paths";

/** Under out/ (git-ignored), beside the executed notebooks. */
export const DEFAULT_REFIT_CACHE_DIR = path.join(PROJECT_ROOT, "out", "cache", "pitfalls");

/** Hash of every source or compiled file of the running library (lib/ under tsx, dist/lib/ in notebooks). */
let libraryHash: string | null = null;
function currentLibraryHash(): string {
  if (libraryHash) return libraryHash;
  const root = path.join(__dirname, "..");
  const h = createHash("sha256");
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(e.name)) h.update(path.relative(root, p)).update(fs.readFileSync(p));
    }
  };
  walk(root);
  libraryHash = h.digest("hex");
  return libraryHash;
}

/** A refit cache on disk (see refitCache), with its hit and miss counts. */
export interface RefitCache {
  dir: string;
  /** Entries read and written in this process, for the notebook to report. */
  hits: number;
  misses: number;
}

/** A cache for pitfall refits in `dir` (default out/cache/pitfalls/, git-ignored). */
export function refitCache(dir = DEFAULT_REFIT_CACHE_DIR): RefitCache {
  return { dir, hits: 0, misses: 0 };
}

/** The key of one task: its serialized content and the library build. */
export function cacheKey(task: unknown): string {
  return createHash("sha256").update(currentLibraryHash()).update(v8.serialize(task)).digest("hex");
}

/** Results for the tasks, each read from the cache where present, the rest computed together and stored. */
export async function cached<T, R>(
  cache: RefitCache | null,
  tasks: readonly T[],
  compute: (missing: readonly T[]) => Promise<R[]>,
): Promise<R[]> {
  if (!cache) return compute(tasks);
  const keys = tasks.map(cacheKey);
  const file = (key: string) => path.join(cache.dir, `${key}.v8`);
  // An entry holds its own key: a file renamed or copied under another key is not read as that key's result.
  const read = (key: string): R | null => {
    if (!fs.existsSync(file(key))) return null;
    const entry = v8.deserialize(fs.readFileSync(file(key))) as { key?: string; value?: R };
    return entry.key === key && entry.value !== undefined ? entry.value : null;
  };
  const found = keys.map(read);
  const missing = tasks.filter((_, i) => found[i] === null);
  const computed = missing.length ? await compute(missing) : [];
  fs.mkdirSync(cache.dir, { recursive: true });
  let next = 0;
  const results = found.map((r, i) => {
    if (r !== null) return r;
    const value = computed[next++];
    // Written whole, then renamed: a crash mid-write never leaves an entry that reads as valid.
    const tmp = `${file(keys[i])}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, v8.serialize({ key: keys[i], value }));
    fs.renameSync(tmp, file(keys[i]));
    return value;
  });
  cache.hits += tasks.length - missing.length;
  cache.misses += missing.length;
  return results;
}
