import type { ExperimentData } from "../experiment/data";
import { crossValPredict } from "../experiment/cv";
import { LogisticRegression } from "../models/logisticRegression";
import { groupsFromKeys } from "../split/groups";
import { stratifiedGroupKFold } from "../split/split";
import { confidentLearning, LabelAudit } from "./confidentLearning";

export interface DatasetAudit extends LabelAudit {
  ids: string[];
  texts: string[];
  labels: number[];
  /** Out-of-fold P(positive) for every usable row. */
  probabilities: Float64Array;
}

/**
 * Audit every usable label: out-of-fold probabilities from a logistic
 * regression over all rows (group-aware folds, so no message is scored by a
 * model that saw a copy of it), then confident learning. This looks at labels,
 * not at model quality, so it uses the test rows too.
 */
export async function auditLabels(data: ExperimentData, options: { C?: number; folds?: number; seed?: number } = {}): Promise<DatasetAudit> {
  const { C = 3, folds = 5, seed = 42 } = options;
  const ids = [...data.train.ids, ...data.test.ids];
  const texts = [...data.train.texts, ...data.test.texts];
  const labels = [...data.train.y, ...data.test.y];
  const keyOf = new Map(data.dataset.usable.map((r) => [r.id, r.repeatKey]));
  const groups = groupsFromKeys(ids.map((id) => keyOf.get(id)!));
  const X = new Float32Array(ids.length * data.train.X.cols);
  X.set(data.train.X.data);
  X.set(data.test.X.data, data.train.X.data.length);
  const probabilities = await crossValPredict(
    () => new LogisticRegression({ C, classWeight: "balanced" }),
    { rows: ids.length, cols: data.train.X.cols, data: X },
    labels,
    stratifiedGroupKFold(labels, groups, folds, seed),
  );
  return { ids, texts, labels, probabilities, ...confidentLearning(labels, probabilities) };
}
