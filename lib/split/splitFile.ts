import * as fs from "node:fs";
import { parseCsv, requireColumns, toCsv } from "../data/csv";
import type { Dataset, MessageRecord } from "../data/dataset";
import { DataError, listSome } from "../data/errors";
import { groupsFromKeys } from "./groups";
import { stratifiedGroupHoldout } from "./split";
import { getOrThrow } from "../util/maps";

/** Which side a message is on; "excluded" rows (blank messages) are on neither. */
export type SplitName = "train" | "test" | "excluded";
const SPLIT_NAMES: readonly SplitName[] = ["train", "test", "excluded"];

/** The seed the committed data/split.csv was made with. */
export const DEFAULT_SPLIT_SEED = 42;
/** The share of messages the committed split holds out for test. */
export const DEFAULT_TEST_FRACTION = 0.2;

/** The canonical split: one entry per row of data.csv, in file order. */
export interface SplitAssignment {
  ids: string[];
  splits: SplitName[];
}

/** Train and test rows of a dataset under a split, each in file order. */
export interface DatasetSplit {
  train: MessageRecord[];
  test: MessageRecord[];
}

/** Split a dataset: blank rows are "excluded", usable rows are split by group with the holdout. */
export function makeSplit(
  dataset: Dataset,
  seed = DEFAULT_SPLIT_SEED,
  testFraction = DEFAULT_TEST_FRACTION,
): SplitAssignment {
  const usable = dataset.usable;
  const groups = groupsFromKeys(usable.map((r) => r.repeatKey));
  const { test } = stratifiedGroupHoldout(
    usable.map((r) => r.label),
    groups,
    testFraction,
    seed,
  );
  const testIds = new Set(test.map((i) => usable[i].id));
  return {
    ids: dataset.all.map((r) => r.id),
    splits: dataset.all.map((r) => (r.blank ? "excluded" : testIds.has(r.id) ? "test" : "train")),
  };
}

/** The split as CSV text (id,split), in data order: what data/split.csv holds. */
export function splitToCsv(split: SplitAssignment): string {
  return toCsv(
    ["id", "split"],
    split.ids.map((id, i) => [id, split.splits[i]]),
  );
}

/** Write the split to `file` as CSV (splitToCsv). */
export function writeSplitFile(file: string, split: SplitAssignment): void {
  fs.writeFileSync(file, splitToCsv(split));
}

/**
 * Read split.csv and check it against the dataset: every row of the data has
 * exactly one entry, no unknown ids, blank rows excluded, and no repeat group
 * straddles train and test. Any violation is a DataError that says what to do.
 */
export function readSplitFile(file: string, dataset: Dataset): SplitAssignment {
  if (!fs.existsSync(file)) throw new DataError(file, "split file not found (create it with `npm run split`)");
  const table = parseCsv(fs.readFileSync(file, "utf8"), file);
  const col = requireColumns(table, ["id", "split"], file);
  const byId = new Map<string, SplitName>();
  for (const rec of table.records) {
    const id = rec.fields[col.id].trim();
    const split = rec.fields[col.split].trim() as SplitName;
    if (!SPLIT_NAMES.includes(split)) {
      throw new DataError(
        file,
        `row ${rec.row} (id ${id}): split must be one of ${SPLIT_NAMES.join(", ")}, got ${JSON.stringify(split)}`,
      );
    }
    if (byId.has(id)) throw new DataError(file, `row ${rec.row}: id "${id}" appears more than once`);
    byId.set(id, split);
  }
  const dataIds = new Set(dataset.all.map((r) => r.id));
  const unknown = [...byId.keys()].filter((id) => !dataIds.has(id));
  const missing = dataset.all.filter((r) => !byId.has(r.id)).map((r) => r.id);
  if (unknown.length || missing.length) {
    throw new DataError(
      file,
      `does not match ${dataset.file}` +
        (missing.length ? `; ids missing from the split: ${listSome(missing)}` : "") +
        (unknown.length ? `; ids not in the data: ${listSome(unknown)}` : "") +
        ". The data changed since the split was made: regenerate it with `npm run split` (and then `npm run embed`).",
    );
  }
  const wrongBlank = dataset.all.filter((r) => (byId.get(r.id) === "excluded") !== r.blank).map((r) => r.id);
  if (wrongBlank.length) {
    throw new DataError(
      file,
      `"excluded" must mark exactly the blank messages; wrong for ids ${listSome(wrongBlank)}. Regenerate with \`npm run split\`.`,
    );
  }
  const sideOfKey = new Map<string, { split: SplitName; id: string }>();
  for (const r of dataset.usable) {
    const split = getOrThrow(byId, r.id, "split rows");
    const first = sideOfKey.get(r.repeatKey);
    if (first && first.split !== split) {
      throw new DataError(
        file,
        `repeats of one message are on both sides: ${first.id} is ${first.split}, ${r.id} is ${split}. This leaks test messages into training.`,
      );
    }
    if (!first) sideOfKey.set(r.repeatKey, { split, id: r.id });
  }
  return { ids: dataset.all.map((r) => r.id), splits: dataset.all.map((r) => getOrThrow(byId, r.id, "split rows")) };
}

/** Train and test records under a split, in file order. */
export function applySplit(dataset: Dataset, split: SplitAssignment): DatasetSplit {
  const side = new Map(split.ids.map((id, i) => [id, split.splits[i]]));
  return {
    train: dataset.usable.filter((r) => side.get(r.id) === "train"),
    test: dataset.usable.filter((r) => side.get(r.id) === "test"),
  };
}
