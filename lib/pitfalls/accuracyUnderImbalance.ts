// Pitfall 6: accuracy on data that is seven-eighths negative.
import { modelResult } from "../experiment/run";
import { averagePrecision } from "../metrics/curves";
import { metricAt } from "../metrics/metricAt";
import { onTest, PitfallContext } from "./context";
import { accuracyAt, pairedArms, PitfallMeasure } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";

export const info: PitfallInfo = {
  id: "6-accuracy-under-imbalance",
  title: "Accuracy under imbalance",
  headline: "flags-nothing",
  flatters: "higher",
  guard:
    "lib/present/summary.ts summaryTable: every report leads with precision, recall and AP with intervals, " +
    "beside the majority baseline",
  reference:
    "The clean run's majority-class baseline (it flags nothing) scored by accuracy against the same scores by " +
    "recall, the share of safety messages it catches; then the majority class against the clean logistic " +
    "regression fold ensemble, on the same test rows, by three metrics.",
};

export function measure(ctx: PitfallContext): PitfallResult {
  const [maj, lr] = [modelResult(ctx.clean, "majority"), modelResult(ctx.clean, "logreg")];
  const y = ctx.data.test.y;
  const b = onTest(ctx, "pitfall-6");
  const [tMaj, tLr] = [maj.threshold.threshold, lr.threshold.threshold];
  const models = { faulty: "majority class", clean: "logreg" };
  const measures: PitfallMeasure[] = [
    {
      key: "flags-nothing",
      metric: "majority class, which flags nothing: test accuracy vs test recall",
      nOf: "test rows",
      arms: { faulty: "accuracy", clean: "recall" },
      ...pairedArms(y, maj.scores.test, maj.scores.test, accuracyAt(tMaj), b, metricAt("recall", tMaj)),
    },
    {
      key: "accuracy",
      metric: "test accuracy",
      nOf: "test rows",
      arms: models,
      ...pairedArms(y, maj.scores.test, lr.scores.test, accuracyAt(tMaj), b, accuracyAt(tLr)),
    },
    {
      key: "recall",
      metric: "test recall",
      nOf: "test rows",
      arms: models,
      ...pairedArms(y, maj.scores.test, lr.scores.test, metricAt("recall", tMaj), b, metricAt("recall", tLr)),
    },
    {
      key: "average-precision",
      metric: "test average precision",
      nOf: "test rows",
      arms: models,
      ...pairedArms(y, maj.scores.test, lr.scores.test, averagePrecision, b),
    },
  ];
  return { ...info, measures, warnings: [] };
}
