import { groupedBarFigure } from "../plots/figures";
import type { Figure } from "../plots/plotly";
import type { RescoreRow } from "./rescore";
import type { CategoryDisagreement } from "./disagreement";

/** Disagreements with the original labels, per source category. */
export function disagreementFigure(rows: readonly CategoryDisagreement[]): Figure {
  return groupedBarFigure(
    rows.map((r) => r.category),
    [
      { name: "rerun disagrees", values: rows.map((r) => r.rerunDisagrees) },
      { name: "refined prompt disagrees", values: rows.map((r) => r.refinedDisagrees) },
    ],
    "Where the labels move: disagreements with the original label, by source category",
    "messages",
  );
}

/** Precision and recall of the same predictions against each labeling (an undefined metric is left out: no bar). */
export function rescoreFigure(rows: readonly RescoreRow[]): Figure {
  const est = (c: RescoreRow["precision"]) => (c ? c.estimate : null);
  return groupedBarFigure(
    rows.map((r) => `against ${r.scoredAgainst}`),
    [
      { name: "precision", values: rows.map((r) => est(r.precision)) },
      { name: "recall", values: rows.map((r) => est(r.recall)) },
      { name: "average precision", values: rows.map((r) => est(r.averagePrecision)) },
    ],
    "The same test predictions, scored against three labelings",
    "value",
    { yaxis: { range: [0, 1.05], title: { text: "value" } } },
  );
}
