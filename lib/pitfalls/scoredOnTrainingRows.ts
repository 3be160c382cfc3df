// Pitfall 3: scoring the rows the model was fitted on.
import { modelResult } from "../experiment/run";
import { averagePrecision } from "../metrics/curves";
import { onTest, onTrain, PitfallContext } from "./context";
import { bounded, moverDifference, scored } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";

export const info: PitfallInfo = {
  id: "3-scored-on-training-rows",
  title: "Evaluating on the training data",
  headline: "average-precision",
  flatters: "higher",
  guard:
    "lib/experiment/cv.ts crossValPredict scores each training row with a model that never saw it; " +
    "runExperiment scores the test split once",
  reference:
    "The clean run's logistic regression fold ensemble, the same fitted model in both arms: scored on the " +
    "training rows it was fitted on (each fold model saw every training row outside its own validation fold) " +
    "against the test split.",
};

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const lr = modelResult(ctx.clean, "logreg");
  const { train, test } = ctx.data;
  const inSample = await lr.fitted.predictProba(train);
  // Different rows in each arm: each gets its own group bootstrap, and the difference combines the two (MOVER).
  const faulty = scored(train.y, inSample, averagePrecision, onTrain(ctx, "pitfall-3"));
  const clean = scored(test.y, lr.scores.test, averagePrecision, onTest(ctx, "pitfall-3"));
  return {
    ...info,
    measures: [
      {
        key: "average-precision",
        metric: "logreg average precision, fold ensemble",
        nOf: "rows scored (faulty: training rows, in-sample; clean: test rows)",
        faulty,
        clean,
        difference: moverDifference(bounded(faulty, "in-sample AP"), bounded(clean, "test AP")),
      },
    ],
    warnings: [],
  };
}
