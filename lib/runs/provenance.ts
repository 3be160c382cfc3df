// Where a run came from: the code (git commit) and the exact input files (hashes of their bytes).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { PROJECT_ROOT } from "../paths";

/** The commit checked out and whether the work tree has changes; nulls where git or the repository is missing. */
export function gitState(cwd: string = PROJECT_ROOT): { commit: string | null; dirty: boolean | null } {
  const git = (args: string[]) => {
    const r = spawnSync("git", args, { cwd, encoding: "utf8", timeout: 10_000 });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const commit = git(["rev-parse", "HEAD"]);
  if (commit === null) return { commit: null, dirty: null };
  const status = git(["status", "--porcelain", "--untracked-files=no"]);
  return { commit, dirty: status === null ? null : status !== "" };
}

/** Renumber repeat groups by first appearance, so the same partition of rows always reads the same. */
export function canonicalGroups(groups: readonly number[]): number[] {
  const seen = new Map<number, number>();
  return groups.map((g) => {
    let k = seen.get(g);
    if (k === undefined) seen.set(g, (k = seen.size));
    return k;
  });
}

export interface TestRows {
  ids: readonly string[];
  y: readonly number[];
  groups: readonly number[];
  texts: readonly string[];
}

/**
 * One hash for the test rows a run's metrics are on: ids, labels, repeat groups (as a partition) and texts, in
 * order. Two runs with equal hashes scored the very same rows, so their scores can be compared paired.
 */
export function testRowsSha256(rows: TestRows): string {
  const hash = createHash("sha256");
  const groups = canonicalGroups(rows.groups);
  rows.ids.forEach((id, i) => hash.update(`${JSON.stringify([id, rows.y[i], groups[i], rows.texts[i]])}\n`));
  return hash.digest("hex");
}
