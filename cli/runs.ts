import { DataError, RunNotFoundError } from "../lib/errors";
import { projectRelative, RUNS_DIR } from "../lib/paths";
import {
  RunListing,
  runMetricsComparisonTable,
  runsTable,
  settingsDifferenceTable,
  utcTime,
} from "../lib/present/runs";
import { textTable } from "../lib/present/summary";
import { compareRuns } from "../lib/runs/compare";
import { RunEntry } from "../lib/runs/layout";
import { latestCompleteRun, listRuns, planClean, readRunMetrics, removeRuns, resolveRun } from "../lib/runs/store";
import { intFlag, parseArgs, runCli, UsageError } from "./cli";

const USAGE = [
  "usage: npm run --silent runs -- [list] [--runs-dir runs]",
  "       npm run --silent runs -- compare A B [--resamples 1000] [--seed N]   (A, B: run id, unique prefix, or latest)",
  "       npm run --silent runs -- clean --keep N [--dry-run]   (keeps the N newest complete runs and running ones)",
].join("\n");

function listing(run: RunEntry): RunListing {
  try {
    return { run, metrics: readRunMetrics(run) };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    return { run, metrics: null, problem: err.message };
  }
}

function resolve(runsDir: string, ref: string): RunEntry {
  try {
    return resolveRun(runsDir, ref);
  } catch (err) {
    if (err instanceof RunNotFoundError) throw new UsageError(err.message);
    throw err;
  }
}

function describe(r: RunEntry): string {
  const rec = r.record;
  return rec ? `${r.id} (${utcTime(rec.started)}, seed ${rec.seed}, ${rec.models.join(", ")})` : r.id;
}

runCli(USAGE, () => {
  const { flags, positional } = parseArgs(
    process.argv.slice(2),
    ["runs-dir", "resamples", "seed", "keep", "dry-run", "help"],
    ["dry-run", "help"],
  );
  if (flags.help) return void console.log(USAGE);
  const runsDir = typeof flags["runs-dir"] === "string" ? flags["runs-dir"] : RUNS_DIR;
  const [command = "list", ...args] = positional;
  const only = (allowed: string[]) => {
    const extra = Object.keys(flags).filter((f) => f !== "runs-dir" && !allowed.includes(f));
    if (extra.length) throw new UsageError(`${command} takes no --${extra[0]}`);
  };

  if (command === "list") {
    only([]);
    if (args.length) throw new UsageError(`list takes no arguments, got ${args.join(" ")}`);
    const runs = listRuns(runsDir);
    if (!runs.length) return void console.log(`No runs in ${projectRelative(runsDir)}/ yet: \`npm start\` makes one.`);
    const latest = latestCompleteRun(runsDir);
    console.log(textTable(runsTable(runs.map(listing), latest?.id ?? null)));
    console.log(
      `\n${runs.length} run(s) in ${projectRelative(runsDir)}/` +
        (latest ? `; ${projectRelative(runsDir)}/latest is ${latest.id}` : "; none complete yet"),
    );
    return;
  }

  if (command === "compare") {
    only(["resamples", "seed"]);
    if (args.length !== 2) throw new UsageError(`compare takes two runs, got ${args.length}`);
    const resamples = intFlag(flags, "resamples", 1000);
    if (resamples < 1) throw new UsageError(`--resamples must be at least 1, got ${resamples}`);
    const [a, b] = args.map((ref) => resolve(runsDir, ref));
    const seed = typeof flags.seed === "string" ? intFlag(flags, "seed", 0) : undefined;
    const c = compareRuns(a, b, { resamples, seed });
    console.log(`A: ${describe(a)}\nB: ${describe(b)}\n`);
    console.log(
      c.settings.length
        ? `Settings that differ:\n\n${textTable(settingsDifferenceTable(c))}`
        : "Settings: the same (configuration, code and inputs).",
    );
    console.log(
      `\nTest metrics, B − A, paired on the same ${c.testRows} test rows ` +
        `(whole repeat groups resampled; ${c.bootstrap.resamples} resamples, seed ${c.bootstrap.seed}):\n`,
    );
    console.log(c.metrics.length ? textTable(runMetricsComparisonTable(c)) : "(no model in both runs)");
    if (c.onlyInA.length) console.log(`\nOnly in A: ${c.onlyInA.join(", ")}`);
    if (c.onlyInB.length) console.log(`Only in B: ${c.onlyInB.join(", ")}`);
    return;
  }

  if (command === "clean") {
    only(["keep", "dry-run"]);
    if (args.length) throw new UsageError(`clean takes no arguments, got ${args.join(" ")}`);
    if (flags.keep === undefined)
      throw new UsageError("clean needs --keep N (the number of newest complete runs to keep)");
    const keep = intFlag(flags, "keep", 0);
    if (keep < 1) throw new UsageError(`--keep must be at least 1, got ${keep}`);
    const plan = planClean(runsDir, keep);
    const verb = flags["dry-run"] ? "Would remove" : "Removed";
    if (!flags["dry-run"]) {
      const warning = removeRuns(runsDir, plan.remove);
      if (warning) console.error(`warning: ${warning}`);
    }
    for (const r of plan.remove) console.log(`${verb} ${r.id} (${r.status})`);
    console.log(`${verb} ${plan.remove.length} run(s); kept ${plan.keep.length}.`);
    return;
  }

  throw new UsageError(`unknown command "${command}" (commands: list, compare, clean)`);
});
