import * as fs from "node:fs";
import { loadDataset } from "../lib/data/dataset";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE, projectRelative } from "../lib/paths";
import { DEFAULT_SPLIT_SEED, DEFAULT_TEST_FRACTION, makeSplit, splitToCsv } from "../lib/split/splitFile";
import { intFlag, numberFlag, parseArgs, runCli } from "./cli";

const USAGE =
  "usage: npm run --silent split -- [--data data/data.csv] [--out data/split.csv] [--seed 42] [--test-fraction 0.2] [--check]\n" +
  "  --check  regenerate in memory and fail if the file on disk differs (writes nothing)";

runCli(USAGE, () => {
  const { flags } = parseArgs(
    process.argv.slice(2),
    ["data", "out", "seed", "test-fraction", "check", "help"],
    ["check", "help"],
    0,
  );
  if (flags.help) return void console.log(USAGE);
  const dataFile = typeof flags.data === "string" ? flags.data : projectRelative(DEFAULT_DATA_FILE);
  const out = typeof flags.out === "string" ? flags.out : projectRelative(DEFAULT_SPLIT_FILE);
  const seed = intFlag(flags, "seed", DEFAULT_SPLIT_SEED);
  const testFraction = numberFlag(flags, "test-fraction", DEFAULT_TEST_FRACTION, {
    min: 0,
    max: 1,
    minExclusive: true,
    maxExclusive: true,
  });

  const dataset = loadDataset(dataFile);
  const split = makeSplit(dataset, seed, testFraction);
  const csv = splitToCsv(split);
  const count = (s: string) => split.splits.filter((x) => x === s).length;
  const summary = `train ${count("train")}, test ${count("test")}, excluded (blank) ${count("excluded")}; seed ${seed}, test fraction ${testFraction}`;
  if (flags.check) {
    const same = fs.existsSync(out) && fs.readFileSync(out, "utf8") === csv;
    if (!same) {
      process.stderr.write(
        `${out} differs from the split regenerated from ${dataFile} (${summary}). Run \`npm run split\` to rewrite it.\n`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`${out} is up to date (${summary}).`);
    return;
  }
  fs.writeFileSync(out, csv);
  console.log(`wrote ${out}: ${summary}`);
});
