// Notebook 01's error-analysis rows as tables: readable headings, counts as "k of n" where a share is read.
import type { CategoryErrors, TokenContrast } from "../analysis/errors";

type Row = Record<string, string | number>;

export function errorCategoryTable(rows: readonly CategoryErrors[]): Row[] {
  return rows.map((r) => ({
    category: r.category,
    messages: r.messages,
    "labeled True": r.labeledTrue,
    "false positives": r.falsePositives,
    "FP another labeling backs the model on": r.falsePositivesDisputed,
    "false negatives": r.falseNegatives,
    "FN another labeling backs the model on": r.falseNegativesDisputed,
  }));
}

export function tokenContrastTable(rows: readonly TokenContrast[], group: string, reference: string): Row[] {
  return rows.map((r) => ({
    word: r.token,
    [`in ${group}`]: `${r.inGroup} of ${r.groupSize}`,
    [`in ${reference}`]: `${r.inReference} of ${r.referenceSize}`,
    "log ratio": Number(r.logRatio.toFixed(2)),
    ...(r.inPositives !== undefined ? { "in labeled True": `${r.inPositives} of ${r.positivesSize}` } : {}),
  }));
}
