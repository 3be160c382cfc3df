// Notebook 01's error-analysis rows as tables: readable headings, counts as "k of n" where a share is read.
import type { ErrorExample, ErrorLabelAgreement, OutcomeKind } from "../analysis/errorExamples";
import type { CategoryErrors, TokenContrast } from "../analysis/errors";
import { countShare, trueFalse } from "./format";

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

export function errorExampleTable(rows: readonly ErrorExample[]): Row[] {
  return rows.map((r) => ({
    id: r.id,
    score: Number(r.score.toFixed(3)),
    message: r.message,
    ...(r.relabel
      ? {
          "rerun label": trueFalse(r.relabel.rerun),
          "refined-prompt label": trueFalse(r.relabel.refined),
          category: r.relabel.category,
        }
      : {}),
  }));
}

const OUTCOME_ROWS: Record<OutcomeKind, string> = {
  "false positives": "false positives (label False, model flags)",
  "false negatives": "false negatives (label True, model misses)",
  "correctly classified": "correctly classified",
};

export function errorAgreementTable(rows: readonly ErrorLabelAgreement[]): Row[] {
  return rows.map((r) => ({
    "test rows": OUTCOME_ROWS[r.outcome],
    count: r.count,
    "rerun disagrees with the label": countShare(r.rerunDisagrees, r.count),
    "refined prompt disagrees with the label": countShare(r.refinedDisagrees, r.count),
  }));
}
