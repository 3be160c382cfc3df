import { auditLabels } from "../lib/audit/auditDataset";
import { loadExperimentData } from "../lib/experiment/data";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { deriveSeed } from "../lib/experiment/seeds";
import { suspectTable } from "../lib/present/audit";
import { textTable } from "../lib/present/summary";
import { intFlag, parseArgs, runCli } from "./cli";

const USAGE =
  "usage: npm run --silent audit -- [--top 20] [--seed 42] [--folds 5]\n" +
  "  Ranks the labels most likely to be wrong (confident learning on out-of-fold logistic-regression probabilities), most suspect first.";

runCli(USAGE, async () => {
  const { flags } = parseArgs(process.argv.slice(2), ["top", "seed", "folds", "help"], ["help"], 0);
  if (flags.help) return void console.log(USAGE);
  const top = intFlag(flags, "top", 20, { min: 1 });
  const folds = intFlag(flags, "folds", 5, { min: 2 });
  // The audit's folds are seeded from the one seed, like the experiment's (lib/experiment/seeds.ts).
  const seed = deriveSeed(intFlag(flags, "seed", DEFAULT_CONFIG.seed), "audit");
  const audit = await auditLabels(loadExperimentData(), { seed, folds });
  const clip = (s: string) => (s.length > 110 ? `${s.slice(0, 109)}…` : s).replace(/\s+/g, " ");
  const rows = suspectTable(audit, top).map((r) => ({ ...r, message: clip(String(r.message)) }));
  console.log(
    `Label audit: ${audit.ids.length} messages, ${audit.suspects.length} flagged by confident learning ` +
      `(estimated label errors: ${audit.estimatedErrors.toFixed(0)}; thresholds P(False) ≥ ${audit.thresholds[0].toFixed(3)}, P(True) ≥ ${audit.thresholds[1].toFixed(3)}).\n` +
      `Top ${rows.length}, most suspect first:\n`,
  );
  console.log(textTable(rows));
});
