import { allRows, ExperimentData } from "../experiment/data";
import { DEFAULT_CONFIG } from "../experiment/config";
import { crossValPredictRows } from "../experiment/cv";
import { LogregPipeline } from "../features/pipelines";
import type { FeatureSpec } from "../features/spec";
import { stratifiedGroupKFold } from "../split/split";
import { confidentLearning, LabelAudit } from "./confidentLearning";

/** A label audit of the training split, with each audited row's id, text and given label. */
export interface DatasetAudit extends LabelAudit {
  ids: string[];
  texts: string[];
  labels: number[];
  /** Out-of-fold P(positive) for every usable row. */
  probabilities: Float64Array;
}

/**
 * Audit every usable label: out-of-fold probabilities from the logistic
 * regression pipeline over all rows (group-aware folds, so no message is scored
 * by a model that saw a copy of it; lexical features fitted inside each fold),
 * then confident learning. This looks at labels,
 * not at model quality, so it uses the test rows too.
 */
export async function auditLabels(
  data: ExperimentData,
  options: { C?: number; folds?: number; seed?: number; features?: FeatureSpec } = {},
): Promise<DatasetAudit> {
  const { C = 3, folds = 5, seed = 42, features = DEFAULT_CONFIG.features.logreg } = options;
  const rows = allRows(data);
  const { ids, texts, y: labels, groups } = rows;
  const probabilities = await crossValPredictRows(
    () => new LogregPipeline(features, { C, classWeight: "balanced" }),
    rows,
    labels,
    groups,
    stratifiedGroupKFold(labels, groups, folds, seed),
  );
  return { ids, texts, labels, probabilities, ...confidentLearning(labels, probabilities) };
}
