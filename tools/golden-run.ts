// The default run's deterministic files, as the committed reference test/golden-run.check.ts compares `npm start`
// against: metrics.json whole (so a diff shows which numbers moved) and every deterministic file's sha256.
// Run `npm run golden:update` after `npm start` in the commit that changes results on purpose, and say why there.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RUNS_DIR } from "../lib/paths";
import { LATEST_LINK } from "../lib/runs/layout";

/** Where the reference lives. */
export const GOLDEN_DIR = path.join(__dirname, "..", "test", "fixtures", "golden");

/** A run folder's files that one seed and configuration fix byte for byte (report.html's figure ids do not). */
export const DETERMINISTIC_FILES = [
  "config.json",
  "metrics.json",
  "predictions.csv",
  "test-rows.csv",
  "pipeline/pipeline.json",
  "pipeline/logreg.json",
  "pipeline/mlp.json",
];

/** sha256 of each deterministic file of a run folder (a missing file is an error naming it). */
export function runHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    DETERMINISTIC_FILES.map((f) => {
      const file = path.join(dir, f);
      if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm start\` first`);
      return [f, createHash("sha256").update(fs.readFileSync(file)).digest("hex")];
    }),
  );
}

function update(): void {
  const latest = path.join(RUNS_DIR, LATEST_LINK);
  const hashes = runHashes(latest);
  fs.mkdirSync(GOLDEN_DIR, { recursive: true });
  fs.copyFileSync(path.join(latest, "metrics.json"), path.join(GOLDEN_DIR, "metrics.json"));
  fs.writeFileSync(path.join(GOLDEN_DIR, "default-run.json"), JSON.stringify(hashes, null, 2) + "\n");
  console.log(`test/fixtures/golden/: the reference is now ${fs.realpathSync(latest)}`);
}

if (require.main === module) update();
