// Pitfall 2: a split by rows, not by message, puts copies of one message on both sides.
import { allRows } from "../experiment/data";
import { modelResult } from "../experiment/run";
import { averagePrecision } from "../metrics/curves";
import type { Fold } from "../split/split";
import { makeRng, randInt, shuffled } from "../util/random";
import { cleanFolds, logregSettings, onTrain, PitfallContext, pitfallSeeds } from "./context";
import { moverDifference, bounded, pairedArms, PitfallMeasure, share } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { logregTaskOptions, outOfFoldOf, runRefits } from "./refits";

export const info: PitfallInfo = {
  id: "2-repeats-across-split",
  title: "Repeats on both sides of the split",
  headline: "out-of-fold-ap",
  flatters: "higher",
  guard:
    "lib/split/split.ts stratifiedGroupHoldout and stratifiedGroupKFold assign whole repeat groups; " +
    "lib/split/splitFile.ts readSplitFile refuses a group on both sides",
  reference:
    "The clean run's cross-validation (the fold models of the fold ensemble): the same folds, except that the " +
    "copies of each repeated message are dealt to folds one by one, as a split by rows would. Out-of-fold scores " +
    "cover every training row, so both arms score the same rows and the difference is paired.",
};

/** The clean folds, with every member of a repeat group dealt to a random fold (singletons stay where they were). */
export function foldsByRow(groups: readonly number[], clean: readonly Fold[], seed: number): Fold[] {
  const fold = new Array<number>(groups.length);
  clean.forEach((f) => f.validation.forEach((i) => (fold[i] = f.fold)));
  const size = new Map<number, number>();
  groups.forEach((g) => size.set(g, (size.get(g) ?? 0) + 1));
  const rng = makeRng(seed);
  groups.forEach((g, i) => {
    if ((size.get(g) ?? 0) > 1) fold[i] = randInt(rng, clean.length);
  });
  return clean.map((f) => ({
    fold: f.fold,
    train: fold.flatMap((k, i) => (k !== f.fold ? [i] : [])),
    validation: fold.flatMap((k, i) => (k === f.fold ? [i] : [])),
  }));
}

/** How many rows have a copy (same repeat group) among the rows they are compared with. */
function withCopyIn(groups: readonly number[], scored: readonly number[], seen: readonly number[]): number {
  const seenGroups = new Set(seen.map((i) => groups[i]));
  return scored.filter((i) => seenGroups.has(groups[i])).length;
}

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const { train, test } = ctx.data;
  const [splitSeed, foldSeed] = pitfallSeeds(ctx, "pitfall-2", 2);
  // Exposure on the train/test split: a random 80/20 split by rows against the committed split by repeat group.
  const all = allRows(ctx.data);
  const order = shuffled(
    all.ids.map((_, i) => i),
    makeRng(splitSeed),
  );
  const cut = Math.round(0.8 * order.length);
  const [rowTrain, rowTest] = [order.slice(0, cut), order.slice(cut)];
  const committedTrain = train.ids.map((_, i) => i);
  const committedTest = test.ids.map((_, i) => train.ids.length + i);
  const testExposure = {
    faulty: share(withCopyIn(all.groups, rowTest, rowTrain), rowTest.length),
    clean: share(withCopyIn(all.groups, committedTest, committedTrain), committedTest.length),
  };

  // The damage, inside cross-validation: the clean folds against the same folds split by rows.
  const clean = cleanFolds(ctx);
  const byRow = foldsByRow(train.groups, clean, foldSeed);
  const exposed = (folds: Fold[]) => folds.reduce((k, f) => k + withCopyIn(train.groups, f.validation, f.train), 0);
  const { features, C } = logregSettings(ctx);
  const results = await runRefits(
    ctx,
    byRow.map((fold) => ({
      kind: "logreg-fold" as const,
      rows: train,
      y: train.y,
      fold,
      extra: null,
      featurizerSeesExtra: null,
      features,
      options: logregTaskOptions(ctx, C),
    })),
  );
  const faultyOof = outOfFoldOf(train.y.length, byRow, results);
  const cleanOof = modelResult(ctx.clean, "logreg").scores.oof;
  const measures: PitfallMeasure[] = [
    {
      key: "test-exposure",
      metric: "share of test messages with a copy in train",
      nOf: "test rows (faulty: a random split by rows; clean: the committed split)",
      ...testExposure,
      difference: moverDifference(
        bounded(testExposure.faulty, "row split"),
        bounded(testExposure.clean, "group split"),
      ),
    },
    {
      key: "fold-exposure",
      metric: "share of training rows with a copy in their fold's training rows",
      nOf: "training rows scored out-of-fold",
      faulty: share(exposed(byRow), train.y.length),
      clean: share(exposed(clean), train.y.length),
    },
    {
      key: "out-of-fold-ap",
      metric: "logreg out-of-fold average precision (folds by row vs by repeat group)",
      nOf: "training rows scored out-of-fold",
      ...pairedArms(train.y, faultyOof, cleanOof, averagePrecision, onTrain(ctx, "pitfall-2")),
    },
  ];
  return { ...info, measures, warnings: results.flatMap((r) => r.warnings) };
}
