// The data namespace of the public API (lib/index.ts): reading the messages and relabels, with every cleaning step
// counted and every bad row named.
export { DataError } from "../errors";
export { CsvParser, parseCsv, requireColumns, toCsv, type CsvRecord, type CsvTable } from "./csv";
export { parseLabel, type Label, type ParsedLabel } from "./labels";
export { decodeHtmlEntities, isBlank, repeatKey } from "./text";
export { datasetFromCsvText, loadDataset, REQUIRED_COLUMNS, type Dataset, type MessageRecord } from "./dataset";
export { buildQualityReport, findRepeatGroups, type DataQualityReport, type RepeatGroup } from "./report";
export { loadRelabels, SOURCE_CATEGORIES, type Relabel, type SourceCategory } from "./relabels";
