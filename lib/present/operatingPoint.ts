// The model kept, the operating point to ship and why test recall beat the promise, as text (notebook 01).
import type { ModelChoice, PairedDifference } from "../analysis/modelChoice";
import type { CostSensitivity, PromisedRate, ShippedOperatingPoint } from "../analysis/operatingPoint";
import type { RecallGapEvidence, RecallPoint } from "../analysis/recallGap";
import type { PredictiveInterval } from "../experiment/transfer";
import type { Interval } from "../metrics/interval";
import { describePolicy } from "../metrics/threshold";
import { count, fixed, interval, metric3, pct, speakerNotes } from "./format";

type Row = Record<string, string | number>;
const f3 = (x: number) => fixed(x, 3);
const f2 = (x: number) => fixed(x, 2);
const MODEL_TEXT: Record<string, string> = { logreg: "logistic regression", mlp: "MLP" };
const name = (m: string) => MODEL_TEXT[m] ?? m;

const estimate = (c: Interval | null) => (c ? `${f3(c.estimate)} ${interval(c)}` : "undefined");
const share = (c: Interval | null) => (c ? `${pct(c.estimate)} [${pct(c.low)}, ${pct(c.high)}]` : "undefined");
const range2 = (p: PredictiveInterval) => `${f2(p.low)}–${f2(p.high)}`;
const rangePct = (p: PredictiveInterval) => `${pct(p.low)}–${pct(p.high)}`;
const rangeCount = (p: PredictiveInterval) => `${count(p.low)}–${count(p.high)}`;
/** Where the test check landed against the month's range (a month is larger than the test split: a rough yardstick). */
const whereIn = (r: PromisedRate) =>
  !r.test
    ? "undefined on test"
    : `${r.test.estimate < r.testSized.low ? "below" : r.test.estimate > r.testSized.high ? "above" : "inside"} the ` +
      `range for a split of its size, ${range2(r.testSized)}`;

// ---------------------------------------------------------------------------------------------------------------
// The model kept and the operating point to ship

/** The takeaway title of the operating point: the model kept and why, and what it promises. */
export function operatingPointTitle(choice: ModelChoice, op: ShippedOperatingPoint): string {
  const why = choice.basis === "ahead" ? "ahead in a paired interval" : "no paired difference from the other model";
  return (
    `## Keep the ${name(choice.chosen)} (${why}) and flag at ${f2(op.choice.threshold)} for ${op.use.name}: ` +
    `recall ${f2(op.recall.oof?.estimate ?? NaN)} at precision ${f2(op.precision.oof?.estimate ?? NaN)} ` +
    `promised on new messages`
  );
}

/** The shipped operating point's promises on new data (precision, recall, flagged per month) with ranges. */
export function operatingPointTable(op: ShippedOperatingPoint, trainRows: number, testRows: number): Row[] {
  const month = `a month of ${count(op.use.messagesPerMonth)} messages (95% range)`;
  const row = (
    measure: string,
    r: PromisedRate,
    fmt: (c: Interval | null) => string,
    range: (p: PredictiveInterval) => string,
  ) => ({
    measure,
    [`promised (out-of-fold, ${count(trainRows)} messages)`]: fmt(r.oof),
    [month]: range(r.month),
    [`test check (${count(testRows)} messages)`]: fmt(r.test),
  });
  return [
    row("precision: flagged messages the labeler calls safety/security", op.precision, estimate, range2),
    row("recall: of those messages, the share flagged", op.recall, estimate, range2),
    row("share of all messages flagged", op.flagged, share, rangePct),
    {
      measure: "messages in the queue a month",
      [`promised (out-of-fold, ${count(trainRows)} messages)`]: "",
      [month]: rangeCount(op.perMonth.flagged),
      [`test check (${count(testRows)} messages)`]: "",
    },
    {
      measure: "safety/security messages missed a month",
      [`promised (out-of-fold, ${count(trainRows)} messages)`]: "",
      [month]: rangeCount(op.perMonth.missed),
      [`test check (${count(testRows)} messages)`]: "",
    },
  ];
}

/** The use, its costs and the policy that follows, as a short list. */
export function productUseList(op: ShippedOperatingPoint): string[] {
  const u = op.use;
  return [
    `The use: ${u.flow}.`,
    `A false alarm costs ${u.falseAlarm}. A miss means ${u.miss}. We count a miss as ${u.missCost / u.falseAlarmCost} false alarms (an assumption: pass another use to shippedOperatingPoint to change it).`,
    `So the threshold policy is "${describePolicy(op.policy)}", applied to the ${name(op.model)}'s out-of-fold training scores: threshold ${f3(op.choice.threshold)}.`,
    `The volume is an assumption too: ${count(u.messagesPerMonth)} recognition messages a month, of which about ${pct(op.positiveRate)} are safety or security by the labeler.`,
  ];
}

/** The threshold and rates the cost policy picks as a miss grows dearer than a false alarm. */
export function costSensitivityTable(rows: readonly CostSensitivity[]): Row[] {
  return rows.map((r) => ({
    "a miss costs (false alarms)": r.ratio,
    threshold: f3(r.threshold),
    "out-of-fold precision": metric3(r.precision),
    "out-of-fold recall": metric3(r.recall),
    "share flagged": pct(r.flagged),
  }));
}

/** Speaker notes for the operating-point slide. */
export function operatingPointNotes(
  choice: ModelChoice,
  differences: readonly PairedDifference[],
  op: ShippedOperatingPoint,
  sensitivity: readonly CostSensitivity[],
): string {
  const diffs = differences
    .map(
      (d) =>
        `${d.metric} ${fixed(d.difference.estimate, 3, true)} [${fixed(d.difference.low, 3, true)}, ${fixed(d.difference.high, 3, true)}]`,
    )
    .join("; ");
  const cheaper = sensitivity[0];
  const dearer = sensitivity[sensitivity.length - 1];
  return speakerNotes([
    `Which model: a paired bootstrap on the ${count(differences[0]?.difference.n ?? 0)} test messages, with a rule fixed before ` +
      `reading it: keep a model only if some interval favours it. ${name(differences[0]?.a ?? "")} minus ` +
      `${name(differences[0]?.b ?? "")}: ${diffs}. ` +
      (choice.basis === "ahead"
        ? `The ${name(choice.chosen)} is ahead.`
        : `No interval excludes 0, so the simpler model stays: the ${name(choice.chosen)} (no TensorFlow, deterministic, easy to inspect).`),
    `Which threshold: not max-F1, which weighs a miss and a false alarm alike, but the product's costs. In ` +
      `${op.use.name} a false alarm costs ${op.use.falseAlarm}; a miss means ${op.use.miss}. At ` +
      `${op.use.missCost / op.use.falseAlarmCost} to 1 the lowest-cost threshold on out-of-fold scores is ` +
      `${f3(op.choice.threshold)}: recall ${estimate(op.recall.oof)}, precision ${estimate(op.precision.oof)}, ` +
      `${share(op.flagged.oof)} of messages flagged, about ${rangeCount(op.perMonth.flagged)} messages a month in the ` +
      `queue and ${rangeCount(op.perMonth.missed)} missed.`,
    `The test split was scored at this threshold once, as a check: recall ${estimate(op.recall.test)} ` +
      `(${whereIn(op.recall)}), precision ${estimate(op.precision.test)} (${whereIn(op.precision)}); nothing was ` +
      `changed after it.`,
    `Expect: "Why 10 to 1?" (an assumption; at ${cheaper.ratio} to 1 the threshold is ${f3(cheaper.threshold)} with ` +
      `recall ${metric3(cheaper.recall)}, at ${dearer.ratio} to 1 it is ${f3(dearer.threshold)} with recall ` +
      `${metric3(dearer.recall)} and ${pct(dearer.flagged)} flagged: the appendix table). "Why not calibrate?" (the ` +
      `threshold is chosen on these very scores, so calibration would not move it).`,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Why test recall beats the promise

const minMax = (xs: readonly RecallPoint[]) =>
  `${f3(Math.min(...xs.map((x) => x.recall)))}–${f3(Math.max(...xs.map((x) => x.recall)))}`;
const clear = (e: RecallGapEvidence, side: "oof" | "test") =>
  e.byCategory
    .filter((c) => c.category === "safety" || c.category === "security")
    .reduce((a, c) => ({ positives: a.positives + c[side].positives, found: a.found + c[side].found }), {
      positives: 0,
      found: 0,
    });
const borderline = (e: RecallGapEvidence, side: "oof" | "test") =>
  e.byCategory.find((c) => c.category === "ambiguous")?.[side] ?? { positives: 0, found: 0 };
const found = (x: { positives: number; found: number }) =>
  `${x.found} of ${x.positives} (${x.positives ? pct(x.found / x.positives) : "n/a"})`;

/** Averaging adds at most this much to recall over its members' mean: not the reason for the gap. */
const ENSEMBLE_NEGLIGIBLE = 0.02;

/** The cause the evidence supports, as a phrase: "the test split drew easy positives (…), not …". */
export function recallGapCause(e: RecallGapEvidence): string {
  const v = e.verdict;
  const t = clear(e, "test");
  const why = v.clearPositivesEasier
    ? `the test split drew easy positives (${t.found} of ${t.positives} clear ones found, ` +
      `${pct(v.clearOof.estimate)} out-of-fold)`
    : `one split of ${e.test.positives} positives varies that much (${range2(e.splitRecall)})`;
  // Read after "because": "because the test split drew easy positives (…), not because of the fold ensemble".
  const ensemble =
    v.ensembleGain <= ENSEMBLE_NEGLIGIBLE
      ? "not because of the fold ensemble"
      : `and partly because of the fold ensemble (${fixed(v.ensembleGain, 3, true)} over its members)`;
  return `${why}, ${ensemble}`;
}

/** The takeaway title of the recall gap: test recall against its promise, and why. */
export function recallGapTitle(e: RecallGapEvidence): string {
  return `## Test recall ${f2(e.test.recall)} beats the ${f2(e.oof.recall)} promise because ${recallGapCause(e)}`;
}

/** The recall gap's evidence per model: promised, delivered, per fold and per fold model. */
export function recallGapTable(evidence: readonly RecallGapEvidence[]): Row[] {
  const rows: Array<[string, (e: RecallGapEvidence) => string]> = [
    [`promised: pooled out-of-fold recall`, (e) => `${f3(e.oof.recall)} (${e.oof.found} of ${e.oof.positives})`],
    [`out-of-fold, one validation fold at a time`, (e) => minMax(e.folds)],
    [`test, each fold model alone`, (e) => minMax(e.members)],
    [
      `test, the fold models averaged (what ships)`,
      (e) => `${f3(e.test.recall)} (${e.test.found} of ${e.test.positives})`,
    ],
    [
      `clear safety/security positives found (out-of-fold; test)`,
      (e) => `${found(clear(e, "oof"))}; ${found(clear(e, "test"))}`,
    ],
    [
      `borderline positives found (out-of-fold; test)`,
      (e) => `${found(borderline(e, "oof"))}; ${found(borderline(e, "test"))}`,
    ],
    [`one split of the test's size, from out-of-fold scores (95% range)`, (e) => range2(e.splitRecall)],
    [`simulated splits reaching the test's recall`, (e) => pct(e.shareReachingTest)],
  ];
  return rows.map(([what, f]) => ({
    evidence: what,
    ...Object.fromEntries(evidence.map((e) => [`${e.model} (threshold ${f3(e.threshold)})`, f(e)])),
  }));
}

/** Out-of-fold and test recall around the chosen threshold. */
export function recallCurveTable(evidence: readonly RecallGapEvidence[]): Row[] {
  return evidence.flatMap((e) =>
    e.curve.map((c) => ({
      model: e.model,
      threshold: `${f3(c.threshold)}${Math.abs(c.threshold - e.threshold) < 1e-12 ? " (chosen)" : ""}`,
      "out-of-fold recall": f3(c.oofRecall),
      "test recall": f3(c.testRecall),
      "test minus out-of-fold": fixed(c.testRecall - c.oofRecall, 3, true),
    })),
  );
}

/** What a user should expect on new data, in one paragraph. */
export function recallExpectation(e: RecallGapEvidence): string {
  return (
    `For the ${name(e.model)}: expect recall near the out-of-fold ${f3(e.oof.recall)} (${e.oof.positives} positives), ` +
    `not the test's ${f3(e.test.recall)} (${e.test.positives}). One batch the size of the test split ` +
    `(${count(e.test.rows)} messages) may land anywhere in ${range2(e.splitRecall)}; the test split landed where ` +
    `${pct(e.shareReachingTest)} of such batches do. The test got more because ${recallGapCause(e)} (each fold model ` +
    `alone gets ${minMax(e.members)} on test, the average ${f3(e.test.recall)}).`
  );
}

/** Speaker notes for the recall-gap slide. */
export function recallGapNotes(evidence: readonly RecallGapEvidence[]): string {
  const e = evidence[0];
  const v = e.verdict;
  const lowest = e.curve[0];
  const highest = e.curve[e.curve.length - 1];
  const o = clear(e, "oof");
  const t = clear(e, "test");
  const ensemble =
    v.ensembleGain <= ENSEMBLE_NEGLIGIBLE
      ? `It does not: each fold model alone gets ${minMax(e.members)} on the test split, and their average ` +
        `${f3(e.test.recall)}, ${fixed(v.ensembleGain, 3, true)} against their mean.`
      : `It does, partly: the average gets ${fixed(v.ensembleGain, 3, true)} over its members' mean ` +
        `(each alone ${minMax(e.members)}).`;
  const curve = v.aboveAtEveryThreshold
    ? `But test recall sits above out-of-fold recall at every threshold from ${f3(lowest.threshold)} ` +
      `(${f3(lowest.testRecall)} against ${f3(lowest.oofRecall)}) to ${f3(highest.threshold)} ` +
      `(${f3(highest.testRecall)} against ${f3(highest.oofRecall)}): a level shift, not the threshold.`
    : `Test recall is not above out-of-fold recall at every neighbouring threshold (appendix table): part of the gap ` +
      `is where the threshold sits.`;
  const positives = v.clearPositivesEasier
    ? `the test split's clear safety and security positives are found ${t.found} of ${t.positives} times ` +
      `(${pct(v.clearTest.estimate)} [${pct(v.clearTest.low)}, ${pct(v.clearTest.high)}]), against ${o.found} of ` +
      `${o.positives} (${pct(v.clearOof.estimate)}) out-of-fold: the interval lies above.`
    : `the clear positives are found about as often on both sides (${found(t)} on test, ${found(o)} out-of-fold).`;
  return speakerNotes([
    `The transfer table's ✗: test recall ${f3(e.test.recall)} lies above the out-of-fold interval. Four explanations, ` +
      `each checked. One, the ensemble: averaging five fold models could flag more than the single model behind each ` +
      `out-of-fold score. ${ensemble}`,
    `Two, the threshold on a cliff: if ${f3(e.threshold)} sat where recall drops fast, a small shift would move it a ` +
      `lot. ${curve}`,
    `Three, the positives themselves: ${positives} Four, the luck of the draw: one validation fold alone ranges ` +
      `${minMax(e.folds)}; test-sized splits drawn from the out-of-fold scores put recall in ${range2(e.splitRecall)}, ` +
      `and ${pct(e.shareReachingTest)} of them reach the test's number.`,
    `So the gap is there because ${recallGapCause(e)}; a test split this lucky is about a 1-in-` +
      `${Math.max(1, Math.round(1 / Math.max(e.shareReachingTest, 1e-9)))} draw. The promise stays the out-of-fold ` +
      `number, now with a range for a batch, and the ✗ stays in the table.`,
    `Expect: "Then is the test split useless?" (it confirms precision and the flagged share; for recall it is one ` +
      `draw of ${e.test.positives} positives). "Why not average test and out-of-fold?" (the test split is spent; a new ` +
      `labeled batch is the honest next check).`,
  ]);
}
