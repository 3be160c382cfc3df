import { loadDataset } from "../lib/data/dataset";
import { formatQualityReport } from "../lib/present/data";
import { DEFAULT_DATA_FILE, projectRelative } from "../lib/paths";
import { parseArgs, runCli } from "./cli";

const USAGE = "usage: npm run --silent data:check -- [path/to/data.csv] [--json]";

runCli(USAGE, () => {
  const { flags, positional } = parseArgs(process.argv.slice(2), ["json", "help"], ["json", "help"], 1);
  if (flags.help) return void console.log(USAGE);
  const file = positional[0] ?? projectRelative(DEFAULT_DATA_FILE);
  const { report } = loadDataset(file);
  console.log(flags.json ? JSON.stringify(report, null, 2) : formatQualityReport(report));
});
