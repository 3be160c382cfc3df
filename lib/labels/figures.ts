import { Figure, groupedBarFigure } from "../plots/figures";

/** Disagreements with the original labels, per source category. */
export function disagreementFigure(rows: Array<Record<string, string | number>>): Figure {
  return groupedBarFigure(
    rows.map((r) => String(r.category)),
    [
      { name: "rerun disagrees", values: rows.map((r) => r["rerun disagrees"] as number) },
      { name: "refined prompt disagrees", values: rows.map((r) => r["refined disagrees"] as number) },
    ],
    "Where the labels move: disagreements with the original label, by source category",
    "messages",
  );
}

/** Precision and recall of the same predictions against each labeling (estimates from rescoreAgainstLabelSets rows). */
export function rescoreFigure(rows: Array<Record<string, string | number>>): Figure {
  const est = (v: string | number) => Number(String(v).split(" ")[0]);
  return groupedBarFigure(
    rows.map((r) => `against ${r["scored against"]}`),
    [
      { name: "precision", values: rows.map((r) => est(r.precision)) },
      { name: "recall", values: rows.map((r) => est(r.recall)) },
      { name: "average precision", values: rows.map((r) => est(r["average precision"])) },
    ],
    "The same test predictions, scored against three labelings",
    "value",
    { yaxis: { range: [0, 1.05], title: { text: "value" } } },
  );
}

/** Audit hit rate against the base rate, by how many suspects are reviewed. */
export function auditHitRateFigure(rows: Array<Record<string, string | number>>): Figure {
  const num = (v: string | number) => Number(String(v).replace("%", ""));
  return groupedBarFigure(
    rows.map((r) => `top ${String(r["top N suspects"]).split(" ")[0]}`),
    [
      { name: "audit suspects disputed by another labeling", values: rows.map((r) => num(r["hit rate"])) },
      { name: "all messages (base rate)", values: rows.map((r) => num(r["base rate (all rows)"])) },
    ],
    "Does the audit find the disputed labels? Hit rate vs base rate",
    "% disputed",
  );
}
