// Pitfall 11: one split is one draw, reported as one number.
import { modelResult } from "../experiment/run";
import { FoldEnsemble } from "../features/pipelines";
import { averagePrecision } from "../metrics/curves";
import { cleanFolds, PitfallContext } from "./context";
import { overRuns, runDifference } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { InternalError } from "../errors";

export const info: PitfallInfo = {
  id: "11-one-split-one-number",
  title: "One split is one draw",
  headline: "test-vs-folds",
  flatters: "higher",
  guard: "lib/metrics/bootstrap.ts bootstrapCi: every reported metric carries a 95% interval over whole repeat groups",
  reference:
    "The clean run's logistic regression fold models, the members of its fold ensemble: each one's average " +
    "precision on the committed test split against its AP on its own held-out validation fold, another draw of " +
    "about the same size from the same messages.",
};

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const lr = modelResult(ctx.clean, "logreg");
  const { train, test } = ctx.data;
  if (!(lr.fitted instanceof FoldEnsemble))
    throw new InternalError("the clean logistic regression is not a fold ensemble");
  const members = lr.fitted.members;
  const folds = cleanFolds(ctx);
  if (members.length !== folds.length)
    throw new InternalError(`${members.length} fold models for ${folds.length} folds`);
  const onFold = folds.map((f) =>
    averagePrecision(
      f.validation.map((i) => train.y[i]),
      f.validation.map((i) => lr.scores.oof[i]),
    ),
  );
  const onTestSplit: number[] = [];
  for (const m of members) onTestSplit.push(averagePrecision(test.y, Array.from(await m.predictProba(test))));
  const foldRows = Math.round(train.y.length / folds.length);
  return {
    ...info,
    measures: [
      {
        key: "test-vs-folds",
        metric: "logreg average precision of each fold model: on the committed test split vs on its own fold",
        nOf: "rows per draw (faulty: the test split; clean: a validation fold, on average)",
        arms: { faulty: "the committed test split", clean: "its own validation fold" },
        faulty: overRuns(onTestSplit, test.y.length, "folds min–max"),
        clean: overRuns(onFold, foldRows, "folds min–max"),
        difference: runDifference(onTestSplit, onFold, "folds min–max"),
      },
    ],
    warnings: [],
  };
}
