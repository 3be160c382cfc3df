// Pitfall 8a: the lexical step (vocabulary, idf; a chi² selection's label statistics) fitted on test texts too.
import { modelResult } from "../experiment/run";
import { averagePrecision } from "../metrics/curves";
import { cleanFolds, logregSettings, onTest, PitfallContext } from "./context";
import { pairedArms } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { ensembleOf, logregTaskOptions, runRefits } from "./refits";
import type { LogregFoldTask } from "./tasks";

export const info: PitfallInfo = {
  id: "8a-featurizer-on-all-data",
  title: "A vectorizer fitted on all the data",
  headline: "average-precision",
  flatters: "higher",
  guard: "lib/features/pipelines.ts: the featurizer is fitted inside fit(), on the rows the model trains on",
  reference:
    "The clean run's logistic regression fold ensemble. The faulty arm rebuilds each fold model with its featurizer " +
    "fitted on the fold's training rows plus the test split's texts (and labels, for a chi² step); the classifier, " +
    "its C path and its training rows stay the same.",
};

/** The clean fold models rebuilt, each featurizer also fitted on the test rows (seesTest) or not (the clean fit). */
export function foldTasks(ctx: PitfallContext, seesTest: boolean): LogregFoldTask[] {
  const { train, test } = ctx.data;
  const { features, C } = logregSettings(ctx);
  return cleanFolds(ctx).map((fold) => ({
    kind: "logreg-fold",
    rows: train,
    y: train.y,
    fold,
    extra: test,
    featurizerSeesExtra: seesTest ? { y: test.y } : null,
    features,
    options: logregTaskOptions(ctx, C),
  }));
}

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const lr = modelResult(ctx.clean, "logreg");
  const results = await runRefits(ctx, foldTasks(ctx, true));
  // A chi² selection is fitted with labels: on the test rows it also sees test labels, a second leak on top.
  const labelsToo = logregSettings(ctx).features.lexical?.kind === "chi2" ? " (its chi² step sees test labels)" : "";
  return {
    ...info,
    measures: [
      {
        key: "average-precision",
        metric: `logreg test average precision, fold ensemble (featurizer fitted with test texts${labelsToo} vs without)`,
        nOf: "test rows",
        ...pairedArms(
          ctx.data.test.y,
          ensembleOf(results),
          lr.scores.test,
          averagePrecision,
          onTest(ctx, "pitfall-8a"),
        ),
      },
    ],
    warnings: results.flatMap((r) => r.warnings),
  };
}
