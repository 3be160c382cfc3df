// Pitfall 10: precision when nothing is flagged, 0/0.
import { modelResult } from "../experiment/run";
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import type { PitfallContext } from "./context";
import type { PitfallInfo, PitfallResult } from "./pitfall";

export const info: PitfallInfo = {
  id: "10-precision-zero-division",
  title: "Precision undefined at a high threshold",
  headline: "precision",
  flatters: null,
  guard: "lib/metrics/confusion.ts scoresFromConfusion: an explicit zero-division rule, the metric listed as undefined",
  reference: "The clean run's logistic regression fold ensemble on the test split, at a threshold above its top score.",
};

export function measure(ctx: PitfallContext): PitfallResult {
  const lr = modelResult(ctx.clean, "logreg");
  const high = Math.max(...lr.scores.test) + 1e-9;
  const c = confusionAt(ctx.data.test.y, lr.scores.test, high);
  const ours = scoresFromConfusion(c);
  const n = c.tp + c.fp;
  return {
    ...info,
    measures: [
      {
        key: "precision",
        metric: "precision when nothing is flagged",
        nOf: "flagged test rows",
        // What tp / (tp + fp) gives in JavaScript or numpy: NaN.
        faulty: { value: c.tp / n, n },
        // null: undefined, and listed as such; a number only if the metric were defined after all.
        clean: { value: ours.undefined.includes("precision") ? null : ours.precision, n },
      },
    ],
    warnings: [],
  };
}
