// Pitfall 5: early stopping that watches the test split.
import { featureSpecOf, mlpOptionsOf } from "../experiment/config";
import { modelResult } from "../experiment/run";
import { averagePrecision } from "../metrics/curves";
import { cleanFolds, configOf, onTest, PitfallContext } from "./context";
import { pairedArms } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { ensembleOf, runRefits } from "./refits";
import type { MlpStoppingTask } from "./tasks";

export const info: PitfallInfo = {
  id: "5-early-stopping-on-test",
  title: "Early stopping on the test set",
  headline: "average-precision",
  flatters: "higher",
  guard: "lib/features/pipelines.ts MlpPipeline.fit carves its early-stopping rows from the rows it is given",
  reference:
    "The clean run's MLP fold ensemble. The faulty arm rebuilds each fold model with the same carve, featurizer, " +
    "seed and training rows; only the rows early stopping watches change, from the fold's own carve to the test split.",
};

/** One MLP per clean fold, as the clean run fits it, early stopping watching its carve or the test split. */
export function stoppingTasks(ctx: PitfallContext, watch: MlpStoppingTask["watch"]): MlpStoppingTask[] {
  const { train, test } = ctx.data;
  const config = configOf(ctx);
  // The clean run's MLP seeds: the seed derived for the MLP, plus the fold number for each fold model (lib/experiment/cv.ts).
  const mlp = mlpOptionsOf(config);
  return cleanFolds(ctx).map((fold) => ({
    kind: "mlp-stopping",
    rows: train,
    y: train.y,
    groups: train.groups,
    fold,
    features: featureSpecOf(config, "mlp"),
    options: { ...mlp, seed: mlp.seed + fold.fold },
    watch,
    extra: test,
    extraY: test.y,
  }));
}

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const mlp = modelResult(ctx.clean, "mlp");
  const watchingTest = ensembleOf(await runRefits(ctx, stoppingTasks(ctx, "extra")));
  return {
    ...info,
    measures: [
      {
        key: "average-precision",
        metric: "mlp test average precision, fold ensemble (stopped on test vs on its carve)",
        nOf: "test rows",
        ...pairedArms(ctx.data.test.y, watchingTest, mlp.scores.test, averagePrecision, onTest(ctx, "pitfall-5")),
      },
    ],
    warnings: [],
  };
}
