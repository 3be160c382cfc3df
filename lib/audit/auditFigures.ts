// The audit's figure: does it find the labels that another labeling disputes?
import { groupedBarFigure } from "../plots/figures";
import type { Figure } from "../plots/plotly";
import type { AuditHitRate } from "./summary";

/** Audit hit rate against the base rate, by how many suspects are reviewed. */
export function auditHitRateFigure(rows: readonly AuditHitRate[]): Figure {
  return groupedBarFigure(
    rows.map((r) => `top ${r.n}`),
    [
      { name: "audit suspects disputed by another labeling", values: rows.map((r) => 100 * r.hitRate) },
      { name: "all messages (base rate)", values: rows.map((r) => 100 * r.baseRate) },
    ],
    "Does the audit find the disputed labels? Hit rate vs base rate",
    "% disputed",
  );
}
