// Pitfall 4: the threshold, or C, chosen by looking at the test split.
import { modelResult } from "../experiment/run";
import { averagePrecision } from "../metrics/curves";
import { metricAt } from "../metrics/metricAt";
import { chooseThreshold } from "../metrics/threshold";
import { cleanFolds, configOf, logregSettings, onTest, PitfallContext } from "./context";
import { pairedArms, PitfallMeasure } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { ensembleOf, logregTaskOptions, runRefits } from "./refits";

export const info: PitfallInfo = {
  id: "4-tuned-on-test",
  title: "The threshold, or C, tuned on the test set",
  headline: "both",
  flatters: "higher",
  guard:
    "lib/experiment/cv.ts gridSearchLogreg chooses C on the training split; lib/experiment/run.ts chooses the " +
    "threshold on out-of-fold training scores",
  reference:
    "The clean run's logistic regression fold ensemble at its threshold. The faulty arm is the same fold ensemble " +
    "rebuilt at every C of the grid (the same folds, featurizers and C path as the clean grid search), keeping the " +
    "C with the best test average precision and the threshold with the best test score under the same policy.",
};

/** The fold ensemble's test scores at every C of the grid, in grid order (the clean C's are the clean run's). */
export async function testScoresByC(ctx: PitfallContext): Promise<Float64Array[]> {
  const { train, test } = ctx.data;
  const config = configOf(ctx);
  const { features } = logregSettings(ctx);
  const Cs = config.logreg.Cs;
  const results = await runRefits(
    ctx,
    cleanFolds(ctx).map((fold) => ({
      kind: "logreg-fold" as const,
      rows: train,
      y: train.y,
      fold,
      extra: test,
      featurizerSeesExtra: null,
      features,
      options: logregTaskOptions(ctx, Cs[Cs.length - 1]),
    })),
  );
  return config.logreg.Cs.map((_, c) => ensembleOf(results, c));
}

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const lr = modelResult(ctx.clean, "logreg");
  const y = ctx.data.test.y;
  const policy = configOf(ctx).policy;
  const b = onTest(ctx, "pitfall-4");
  const f1At = (t: number) => metricAt("f1", t);
  const byC = await testScoresByC(ctx);
  const aps = byC.map((s) => averagePrecision(y, Array.from(s)));
  const best = byC[aps.indexOf(Math.max(...aps))];
  const tunedOn = (scores: Float64Array) => chooseThreshold(y, scores, policy).threshold;
  const cleanT = lr.threshold.threshold;
  const measures: PitfallMeasure[] = [
    {
      key: "both",
      metric: "test F1 (C and threshold chosen on test vs by cross-validation)",
      nOf: "test rows",
      ...pairedArms(y, best, lr.scores.test, f1At(tunedOn(best)), b, f1At(cleanT)),
    },
    {
      key: "threshold",
      metric: "test F1 (same scores; threshold chosen on test vs on out-of-fold scores)",
      nOf: "test rows",
      ...pairedArms(y, lr.scores.test, lr.scores.test, f1At(tunedOn(lr.scores.test)), b, f1At(cleanT)),
    },
    {
      key: "C",
      metric: "test average precision (C with the best test AP vs the C cross-validation chose)",
      nOf: "test rows",
      ...pairedArms(y, best, lr.scores.test, averagePrecision, b),
    },
  ];
  return { ...info, measures, warnings: [] };
}
