import { allRows, ExperimentData } from "../experiment/data";
import { crossValPredict } from "../experiment/cv";
import { LogisticRegression } from "../models/logisticRegression";
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
  const { ids, texts, y: labels, groups, X } = allRows(data);
  const probabilities = await crossValPredict(
    () => new LogisticRegression({ C, classWeight: "balanced" }),
    X,
    labels,
    stratifiedGroupKFold(labels, groups, folds, seed),
  );
  return { ids, texts, labels, probabilities, ...confidentLearning(labels, probabilities) };
}
