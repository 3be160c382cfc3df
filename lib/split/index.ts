// The split namespace of the public API (lib/index.ts): group-aware, stratified splits and folds, and the split file.
export { groupsFromKeys } from "./groups";
export { stratifiedGroupHoldout, stratifiedGroupKFold, type Fold, type HoldoutSplit } from "./split";
export {
  applySplit,
  DEFAULT_SPLIT_SEED,
  DEFAULT_TEST_FRACTION,
  makeSplit,
  readSplitFile,
  splitToCsv,
  writeSplitFile,
  type DatasetSplit,
  type SplitAssignment,
  type SplitName,
} from "./splitFile";
