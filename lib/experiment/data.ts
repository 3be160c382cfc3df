import { Dataset, loadDataset, MessageRecord } from "../data/dataset";
import type { Matrix } from "../linalg/matrix";
import { DEFAULT_MANIFEST_FILE, loadEmbeddings, SplitEmbeddings } from "../embeddings/store";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE } from "../paths";
import { groupsFromKeys } from "../split/groups";
import { applySplit, DatasetSplit, readSplitFile } from "../split/splitFile";
import { getOrThrow } from "../util/maps";
import { InvalidInputError } from "../errors";

/** One side of the split, everything aligned row by row. */
export interface Part {
  ids: string[];
  texts: string[];
  y: number[];
  /** Repeat-group id per row (rows with the same message share one). */
  groups: number[];
  X: Matrix<Float32Array>;
}

/** What an experiment runs on: the dataset, the committed split and vectors, and the train and test parts. */
export interface ExperimentData {
  dataset: Dataset;
  /** The committed split's records (file order), as the embeddings were made from them. */
  split: DatasetSplit;
  embeddings: SplitEmbeddings;
  train: Part;
  test: Part;
}

export function makePart(rows: readonly MessageRecord[], X: Matrix<Float32Array>): Part {
  if (X.rows !== rows.length) throw new InvalidInputError("X", `${rows.length} rows but ${X.rows} embeddings`);
  return {
    ids: rows.map((r) => r.id),
    texts: rows.map((r) => r.message),
    y: rows.map((r) => r.label),
    groups: groupsFromKeys(rows.map((r) => r.repeatKey)),
    X,
  };
}

/** Load data.csv, the committed split and the embeddings, checked against each other. */
export function loadExperimentData(files: { data?: string; split?: string; embeddings?: string } = {}): ExperimentData {
  const dataset = loadDataset(files.data ?? DEFAULT_DATA_FILE);
  const split = applySplit(dataset, readSplitFile(files.split ?? DEFAULT_SPLIT_FILE, dataset));
  const embeddings = loadEmbeddings(split, files.embeddings ?? DEFAULT_MANIFEST_FILE);
  return {
    dataset,
    split,
    embeddings,
    train: makePart(split.train, embeddings.train),
    test: makePart(split.test, embeddings.test),
  };
}

/**
 * Train and test stacked into one part (train rows first), with repeat groups
 * recomputed over both. For work that looks at every label, such as the label
 * audit or the pitfall demos that re-split; never for model evaluation.
 */
export function allRows(data: ExperimentData): Part & { keys: string[] } {
  const keyOf = new Map(data.dataset.usable.map((r) => [r.id, r.repeatKey]));
  const ids = [...data.train.ids, ...data.test.ids];
  const keys = ids.map((id) => getOrThrow(keyOf, id, "repeat keys"));
  const X = new Float32Array(ids.length * data.train.X.cols);
  X.set(data.train.X.data);
  X.set(data.test.X.data, data.train.X.data.length);
  return {
    ids,
    texts: [...data.train.texts, ...data.test.texts],
    y: [...data.train.y, ...data.test.y],
    groups: groupsFromKeys(keys),
    X: { rows: ids.length, cols: data.train.X.cols, data: X },
    keys,
  };
}
