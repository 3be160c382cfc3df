// Notebook 01's findings as text: titles and notes carry the computed numbers, and wording follows the evidence.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { RecallGapEvidence, RecallPoint } from "../lib/analysis/recallGap";
import type { AblationRow } from "../lib/experiment/ablation";
import { wilson } from "../lib/metrics/proportion";
import { ablationNotes, ablationTable, ablationTitle, cChoiceText } from "../lib/present/ablation";
import { ledgerText } from "../lib/present/ledger";
import { recallGapCause, recallGapNotes, recallGapTable, recallGapTitle } from "../lib/present/operatingPoint";
import { chooseC } from "../lib/experiment/cRule";
import { loadTestSplitLedger, summarizeLedger } from "../lib/experiment/ledger";

const row = (model: "logreg" | "mlp", features: string, role: AblationRow["role"], aps: number[]): AblationRow => ({
  model,
  features,
  role,
  foldAveragePrecision: aps,
  mean: aps.reduce((a, b) => a + b, 0) / aps.length,
  sd: 0.01,
  rows: 2418,
  positives: 309,
  selected: { C: 3 },
});
const ablation = [
  row("logreg", "encoder", "assignment setup", [0.84, 0.83, 0.85, 0.84, 0.84]),
  row("logreg", "tfidf", "lexical alone", [0.86, 0.8, 0.9, 0.83, 0.88]),
  row("logreg", "encoder + tfidf", "chosen", [0.89, 0.88, 0.9, 0.89, 0.9]),
];

test("the ablation's title, table and notes carry its numbers; the notes say what each interval shows", () => {
  assert.match(ablationTitle(ablation), /^## .*0\.840 → 0\.892 for the logistic regression/);
  const t = ablationTable(ablation);
  assert.equal(t.length, 3);
  assert.equal(t[0]["gain over the encoder alone [95%]"], "", "no gain for the baseline itself");
  assert.match(String(t[2]["gain over the encoder alone [95%]"]), /^\+0\.052 \[\+0\.0\d\d, \+0\.0\d\d\]$/);
  const notes = ablationNotes(ablation);
  assert.match(notes, /^\*\*Speaker notes\.\*\* /);
  assert.match(
    notes,
    /an interval that covers 0\): neither alone is shown better than the other/,
    "lexical alone vs encoder: noisy",
  );
  assert.match(notes, /both intervals lie above 0|logreg: the interval above 0/);
  assert.match(notes, /paraphrase-mpnet-base-v2, was not run here/);
});

test("the C sentence says whether the best C sits at the grid's edge, and what the one-standard-error rule took", () => {
  const grid = [
    { C: 1, foldScores: [0.8, 0.82, 0.81] },
    { C: 10, foldScores: [0.85, 0.86, 0.84] },
    { C: 100, foldScores: [0.86, 0.87, 0.84] },
  ];
  const edge = cChoiceText(chooseC(grid, "best"), [1, 10, 100], 3);
  assert.match(edge, /^C = 100: .*grid's edge/);
  const oneSe = cChoiceText(chooseC(grid, "oneStandardError"), [1, 10, 100], 3);
  assert.match(oneSe, /^C = 10, by the one-standard-error rule\. The best mean .* at C = 100/);
});

const point = (found: number, positives: number): RecallPoint => ({
  rows: 600,
  positives,
  found,
  recall: found / positives,
  precision: 0.8,
  flagged: 0.12,
});
function evidence(members: number[], clearTest: [number, number]): RecallGapEvidence {
  const test = point(71, 77);
  const memberPoints = members.map((r) => point(Math.round(r * 77), 77));
  const meanMember = memberPoints.reduce((a, p) => a + p.recall, 0) / memberPoints.length;
  return {
    model: "logreg",
    threshold: 0.5,
    oof: point(249, 309),
    test,
    folds: [point(47, 62), point(55, 62)],
    members: memberPoints,
    curve: [
      { threshold: 0.4, oofRecall: 0.84, testRecall: 0.96 },
      { threshold: 0.5, oofRecall: 0.806, testRecall: 0.922 },
    ],
    byCategory: [
      { category: "safety", oof: { positives: 150, found: 130 }, test: { positives: 40, found: clearTest[0] } },
      { category: "security", oof: { positives: 128, found: 109 }, test: { positives: 30, found: clearTest[1] } },
    ],
    splitRecall: {
      estimate: 0.806,
      method: "predictive bootstrap",
      n: 604,
      metric: "recall",
      batchRows: 604,
      low: 0.7,
      high: 0.91,
      level: 0.95,
      resamples: 1000,
      skipped: 0,
      values: [],
    },
    shareReachingTest: 0.017,
    verdict: {
      ensembleGain: test.recall - meanMember,
      clearOof: wilson(239, 278),
      clearTest: wilson(clearTest[0] + clearTest[1], 70),
      clearPositivesEasier: wilson(clearTest[0] + clearTest[1], 70).low > 239 / 278,
      aboveAtEveryThreshold: true,
    },
  };
}

test("the recall-gap wording follows the evidence: easy positives or the luck of a split; the ensemble or not", () => {
  const easy = evidence([0.9, 0.93, 0.92], [39, 30]);
  assert.match(
    recallGapTitle(easy),
    /^## Test recall 0\.92 beats the 0\.81 promise because the test split drew easy positives \(69 of 70 clear ones found, 86\.0% out-of-fold\), not because of the fold ensemble$/,
  );
  const notEasy = evidence([0.9, 0.93, 0.92], [35, 26]);
  assert.match(recallGapCause(notEasy), /^one split of 77 positives varies that much \(0\.70–0\.91\)/);
  const ensemble = evidence([0.8, 0.82, 0.85], [39, 30]);
  assert.match(recallGapCause(ensemble), /partly because of the fold ensemble \(\+0\.\d{3} over its members\)/);
  assert.match(recallGapNotes([easy]), /^\*\*Speaker notes\.\*\* .*It does not: each fold model alone gets/);
  assert.match(recallGapNotes([ensemble]), /It does, partly/);
  const table = recallGapTable([easy]);
  assert.ok(table.length <= 8, "a main slide's table holds at most 8 rows");
  assert.ok(
    table.every((r) => Object.values(r).every((v) => !String(v).includes("|"))),
    "no pipe inside a cell",
  );
});

test("the ledger sentence carries the summary's counts and names the looks that could have steered a change", () => {
  const l = loadTestSplitLedger();
  const s = summarizeLedger(l);
  const text = ledgerText(l, s);
  assert.ok(text.startsWith(`${s.looks} recorded looks at the test split, at least ${s.scoredAtLeast} scorings`));
  const steered = l.looks.filter((x) => x.testInfluence === "possible" || x.testInfluence === "direct");
  assert.match(text, new RegExp(`look ${steered.map((x) => x.look).join(" and ")}`));
});
