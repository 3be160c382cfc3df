// Pitfall 9: ROC-AUC computed from 0/1 predictions.
import { modelResult } from "../experiment/run";
import { rocAuc } from "../metrics/curves";
import { onTest, PitfallContext } from "./context";
import { pairedArms } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";

export const info: PitfallInfo = {
  id: "9-roc-auc-from-hard-labels",
  title: "ROC-AUC from hard labels",
  headline: "roc-auc",
  flatters: "higher",
  guard: "lib/experiment/evaluate.ts evaluateScores passes scores, never 0/1 predictions, to rocAuc",
  reference:
    "The clean run's logistic regression fold ensemble on the test split: its 0/1 predictions at its threshold " +
    "against its scores.",
};

export function measure(ctx: PitfallContext): PitfallResult {
  const lr = modelResult(ctx.clean, "logreg");
  const hard = Array.from(lr.scores.test, (s) => (s >= lr.threshold.threshold ? 1 : 0));
  return {
    ...info,
    measures: [
      {
        key: "roc-auc",
        metric: "logreg test ROC-AUC (0/1 predictions vs scores)",
        nOf: "test rows",
        ...pairedArms(ctx.data.test.y, hard, lr.scores.test, rocAuc, onTest(ctx, "pitfall-9")),
      },
    ],
    warnings: [],
  };
}
