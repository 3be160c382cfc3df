import { loadDataset } from "../lib/data/dataset";
import { formatQualityReport } from "../lib/data/report";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE, projectRelative } from "../lib/paths";
import { applySplit, readSplitFile } from "../lib/split/splitFile";
import { runCli } from "./cli";

// The main job. For now: check the data and the committed split.
runCli("usage: npm start", () => {
  const dataset = loadDataset(projectRelative(DEFAULT_DATA_FILE));
  console.log(formatQualityReport(dataset.report));
  const split = applySplit(dataset, readSplitFile(projectRelative(DEFAULT_SPLIT_FILE), dataset));
  const pos = (rows: { label: number }[]) => rows.filter((r) => r.label === 1).length;
  console.log(`\nSplit (data/split.csv): train ${split.train.length} rows (${pos(split.train)} positive), test ${split.test.length} rows (${pos(split.test)} positive); no repeat group crosses it.`);
});
