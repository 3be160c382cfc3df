// Pitfall 7: encoder vectors that no longer line up with their rows (a shuffle, a dropped row).
import { modelResult } from "../experiment/run";
import { takeRows } from "../linalg/matrix";
import { averagePrecision } from "../metrics/curves";
import { makeRng, shuffled } from "../util/random";
import { onTest, PitfallContext, pitfallSeeds } from "./context";
import { pairedArms } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";

export const info: PitfallInfo = {
  id: "7-misaligned-embeddings",
  title: "Embeddings misaligned with their rows",
  headline: "row-dropped",
  flatters: "higher",
  guard: "lib/embeddings/manifest.ts checkAlignment: ids in row order and a hash of each row's text, checked on load",
  reference:
    "The clean run's logistic regression fold ensemble, the same fitted model in both arms, on the same test rows: " +
    "aligned encoder vectors (the clean run's test scores) against misaligned ones. The TF-IDF features come from " +
    "each row's own text, so only the encoder's vectors move.",
};

export async function measure(ctx: PitfallContext): Promise<PitfallResult> {
  const lr = modelResult(ctx.clean, "logreg");
  const { test } = ctx.data;
  const rows = test.ids.map((_, i) => i);
  const scoresWith = (order: number[]) => lr.fitted.predictProba({ texts: test.texts, X: takeRows(test.X, order) });
  const [seed] = pitfallSeeds(ctx, "pitfall-7", 1);
  const shuffledScores = await scoresWith(shuffled(rows, makeRng(seed)));
  // One dropped row: every vector after it is paired with the next message.
  const shifted = await scoresWith(rows.map((i) => Math.min(i + 1, rows.length - 1)));
  const b = onTest(ctx, "pitfall-7");
  const metric = "logreg test average precision, fold ensemble (misaligned vs aligned vectors)";
  return {
    ...info,
    measures: [
      {
        key: "shuffled",
        metric: `${metric}: shuffled`,
        nOf: "test rows",
        ...pairedArms(test.y, shuffledScores, lr.scores.test, averagePrecision, b),
      },
      {
        key: "row-dropped",
        metric: `${metric}: one row dropped`,
        nOf: "test rows",
        ...pairedArms(test.y, shifted, lr.scores.test, averagePrecision, b),
      },
    ],
    warnings: [],
  };
}
