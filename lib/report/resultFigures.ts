import type { ModelName } from "../experiment/config";
import { ExperimentResult, findModelResult, modelResult } from "../experiment/run";
import { calibrationFigure } from "../plots/calibrationFigure";
import {
  confusionFigure,
  cvCurveFigure,
  intervalFigure,
  prCurveFigure,
  ScoredModel,
  thresholdSweepFigure,
} from "../plots/figures";
import type { Figure } from "../plots/plotly";
import { thresholdExplorerFigure } from "../plots/thresholdExplorer";
import { InvalidInputError } from "../errors";
import { CChoice, chooseC } from "../experiment/cRule";
import { fixed } from "../util/numberText";

/** The experiment's figures, built from a result: shared by report.html and the notebooks. */

const LEARNED: readonly ModelName[] = ["logreg", "mlp"];

/** Each model's labels, scores and chosen threshold on the test split or out-of-fold, for the figures. */
export function scoredModels(
  result: ExperimentResult,
  split: "test" | "oof",
  only?: readonly ModelName[],
): ScoredModel[] {
  return result.models
    .filter((m) => !only || only.includes(m.name))
    .map((m) => ({
      name: m.name,
      y: split === "test" ? result.test.y : result.train.y,
      scores: m.scores[split],
      threshold: m.threshold.threshold,
    }));
}

/** Precision–recall curves of every model on the test split, each chosen operating point marked. */
export function testPrFigure(result: ExperimentResult): Figure {
  return prCurveFigure(scoredModels(result, "test"), "Precision–recall on the test split (× = chosen threshold)");
}

/** Precision, recall and F1 against the threshold on one model's out-of-fold training scores. */
export function oofSweepFigure(result: ExperimentResult, model: ModelName): Figure {
  const [m] = scoredModels(result, "oof", [model]);
  if (!m) throw new InvalidInputError("model", `model ${model} is not in this result`);
  return thresholdSweepFigure(
    m,
    `${model}: precision, recall and F1 against the threshold (out-of-fold training scores)`,
  );
}

/** One model's test confusion matrix at its chosen threshold. */
export function testConfusionFigure(result: ExperimentResult, model: ModelName): Figure {
  const m = modelResult(result, model);
  return confusionFigure(m.test.confusion, `${model} on test @ threshold ${fixed(m.threshold.threshold, 3)}`);
}

/** Reliability diagram of the learned models on the test split (10 bins, per-bin counts). */
export function testCalibrationFigure(result: ExperimentResult): Figure {
  return calibrationFigure(scoredModels(result, "test", LEARNED), 10, "Calibration on the test split");
}

/** How the configured rule read C off the cross-validated grid (logistic regression). */
export function cChoiceOf(result: ExperimentResult): CChoice {
  const cv = findModelResult(result, "logreg")?.selected.cv;
  if (!cv) throw new InvalidInputError("result", "no logistic-regression C search in this result");
  return chooseC(
    cv.map((p) => ({ C: p.C, foldScores: p.foldAveragePrecision })),
    result.config.logreg.cRule,
  );
}

/** What cross-validation said about C (logistic regression), with the C the rule chose. */
export function cSearchFigure(result: ExperimentResult): Figure {
  const cv = findModelResult(result, "logreg")?.selected.cv;
  if (!cv) throw new InvalidInputError("result", "no logistic-regression C search in this result");
  const choice = cChoiceOf(result);
  const oneSe = choice.rule === "oneStandardError";
  return cvCurveFigure(
    cv.map((p) => ({ param: p.C, mean: p.meanAveragePrecision, folds: p.foldAveragePrecision })),
    "C",
    "Choosing C: average precision on the validation folds (training split only)",
    {
      param: choice.C,
      label: oneSe ? `chosen C = ${choice.C} (one-standard-error rule)` : `chosen C = ${choice.C} (best mean)`,
      ...(oneSe ? { floor: choice.floor } : {}),
    },
  );
}

/** A test metric per model with its bootstrap interval. */
export function testIntervalsFigure(
  result: ExperimentResult,
  metric: "precision" | "recall" | "f1" | "averagePrecision",
): Figure {
  const rows = result.models.flatMap((m) => {
    const ci = m.test.ci[metric];
    return ci ? [{ label: m.name, interval: ci }] : [];
  });
  return intervalFigure(rows, `Test ${metric} with 95% bootstrap intervals`, metric);
}

/** The interactive threshold explorer for one model: out-of-fold and test scores, starting at its chosen threshold. */
export function thresholdExplorerFor(result: ExperimentResult, model: ModelName): Figure {
  const m = modelResult(result, model);
  return thresholdExplorerFigure({
    model,
    oof: { y: result.train.y, scores: m.scores.oof },
    test: { y: result.test.y, scores: m.scores.test },
    threshold: m.threshold.threshold,
  });
}
