// Notebook 01's findings as text: slide titles, tables, speaker notes and the conclusion, every number computed by
// the analyses (lib/analysis, lib/experiment) and formatted here.
import type { DataQualityReport } from "../data/report";
import type { CalibrationCheck, CalibrationVerdict } from "../analysis/calibration";
import type { AblationRow, FoldDifference } from "../experiment/ablation";
import { foldDifference } from "../experiment/ablation";
import type { CachedAblation } from "../experiment/ablationCache";
import type { CChoice } from "../experiment/cRule";
import type { SplitSide } from "../experiment/dataSummary";
import type { LedgerSummary, TestSplitLedger } from "../experiment/ledger";
import { fixed, pct } from "./format";

type Row = Record<string, string | number>;

/** 3,022: a count with a thousands separator. */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US");
const f3 = (x: number) => fixed(x, 3);
const notes = (paragraphs: string[]) => `**Speaker notes.** ${paragraphs.join("\n\n")}`;

// ---------------------------------------------------------------------------------------------------------------
// The question and the labels

export function questionTitle(report: DataQualityReport): string {
  return (
    `## The labels are one LLM's answers: it called ${count(report.positives)} of ${count(report.usable)} messages ` +
    `(${pct(report.positiveRate)}) safety or security, and its settings were never recorded`
  );
}

export function questionTable(report: DataQualityReport, sides: readonly SplitSide[]): Row[] {
  const side = (s: "train" | "test") => {
    const x = sides.find((r) => r.split === s);
    if (!x) throw new Error(`no ${s} side in the split summary`);
    return x;
  };
  const train = side("train");
  const test = side("test");
  return [
    { what: "messages in data.csv", count: `${count(report.rows)} (${report.blank} blank, left out)` },
    {
      what: "labeled safety or security by the LLM",
      count: `${count(report.positives)} of ${count(report.usable)} (${pct(report.positiveRate)})`,
    },
    {
      what: "training split: cross-validation and every choice",
      count: `${count(train.rows)} messages, ${count(train.positives)} labeled True`,
    },
    {
      what: "test split: scored after every choice",
      count: `${count(test.rows)} messages, ${count(test.positives)} labeled True`,
    },
    {
      what: "repeated messages, each group kept on one side",
      count: `${report.repeatGroups} groups (${test.repeatGroupsInside} on the test side)`,
    },
    { what: "other labelings, read but never trained on", count: "a second run and a refined prompt, every message" },
  ];
}

export function questionNotes(report: DataQualityReport, sides: readonly SplitSide[]): string {
  const test = sides.find((r) => r.split === "test");
  return notes([
    `The task: flag workplace recognition messages that are about safety or security. The ${count(report.usable)} ` +
      `messages are synthetic, written in the voice of seven kinds of organisation; the labels are one LLM's answers to ` +
      `the assignment's prompt, and nobody recorded which model, version or temperature. So every precision and recall ` +
      `in this talk is agreement with that labeler, not truth.`,
    `Say what the loader found: ${report.blank} blank messages left out, ${report.labelsNormalized} label strings ` +
      `normalized, ${report.repeatGroups} groups of repeated messages kept whole on one side of every split` +
      `${test ? ` (${test.repeatGroupsInside} of them on the test side, so the test split has repeats like new data)` : ""}, ` +
      `${report.conflictingGroups} of them with conflicting labels, kept as label noise.`,
    `Expect: "How good is the labeler?" (notebook 03 measures it against reruns, a refined prompt and the writers' ` +
      `intent). "What does a ${pct(report.positiveRate)} positive rate change?" (accuracy is useless: flagging ` +
      `nothing is ${pct(1 - report.positiveRate)} accurate; precision and recall are what we report).`,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// What our changes bought (the feature ablation)

const ROLE_TEXT: Record<AblationRow["role"], string> = {
  "assignment setup": "the assignment's setup",
  "lexical alone": "lexical features alone",
  chosen: "chosen",
  alternative: "alternative",
};
const FEATURE_TEXT: Record<string, string> = {
  encoder: "sentence encoder",
  tfidf: "TF-IDF words + characters",
  "encoder + tfidf": "encoder + TF-IDF",
};
const featureText = (f: string) =>
  FEATURE_TEXT[f] ?? f.replace(/chi2-(\d+)/, (_, k) => `TF-IDF, ${count(Number(k))} χ² columns`);

/** Each model's chosen combination against its encoder-only setup, paired by fold. */
export function ablationGains(
  rows: readonly AblationRow[],
): Array<{ model: string; from: AblationRow; to: AblationRow; gain: FoldDifference }> {
  return (["logreg", "mlp"] as const).flatMap((model) => {
    const from = rows.find((r) => r.model === model && r.role === "assignment setup");
    const to = rows.find((r) => r.model === model && r.role === "chosen");
    return from && to ? [{ model, from, to, gain: foldDifference(to, from) }] : [];
  });
}

const signed3 = (x: number) => fixed(x, 3, true);
const diffText = (d: FoldDifference) => `${signed3(d.mean)} [${signed3(d.low)}, ${signed3(d.high)}]`;
const MODEL_TEXT: Record<string, string> = { logreg: "the logistic regression", mlp: "the MLP" };

export function ablationTitle(rows: readonly AblationRow[]): string {
  const parts = ablationGains(rows).map(
    (g) => `${f3(g.from.mean)} → ${f3(g.to.mean)} for ${MODEL_TEXT[g.model] ?? g.model}`,
  );
  return `## Word and character features lift the assignment's encoder-only setup: CV average precision ${parts.join(", ")}`;
}

export function ablationTable(rows: readonly AblationRow[]): Row[] {
  const setups = new Map(rows.filter((r) => r.role === "assignment setup").map((r) => [r.model, r]));
  return rows.map((r) => {
    const base = setups.get(r.model);
    const gain = base && base !== r ? diffText(foldDifference(r, base)) : "";
    return {
      model: r.model,
      features: featureText(r.features),
      "in the table as": ROLE_TEXT[r.role],
      [`CV average precision (mean ± sd, ${r.foldAveragePrecision.length} folds)`]: `${f3(r.mean)} ± ${f3(r.sd)}`,
      "gain over the encoder alone [95%]": gain,
      "chosen inside CV":
        "C" in r.selected ? `C = ${r.selected.C}` : `best epochs ${r.selected.bestEpochPerFold.join("/")}`,
    };
  });
}

/** Where the table came from: the committed cache (its key matched) or a fresh computation, and why. */
export function ablationSource(c: CachedAblation): string {
  const first = c.rows[0];
  const what = first
    ? `${count(first.rows)} training messages (${count(first.positives)} labeled True), grouped folds, the test split never read`
    : "no candidates";
  if (c.fromCache)
    return `From ${c.file}: its key (settings, candidates, training data, folds, encoder vectors) matches this run. ${what}.`;
  const why = c.stale.length ? `the cache's ${c.stale.join(", ")} no longer matched` : "there was no cache";
  return `Computed now (${why}) and written to ${c.file}. ${what}.`;
}

/** "excludes 0 in its favour", "covers 0": what a fold-difference interval says. */
const verdictOf = (d: FoldDifference) => (d.low > 0 ? "above 0" : d.high < 0 ? "below 0" : "covers 0");

export function ablationNotes(rows: readonly AblationRow[]): string {
  const gains = ablationGains(rows);
  const lexical = rows.find((r) => r.role === "lexical alone");
  const setup = lexical && rows.find((r) => r.model === lexical.model && r.role === "assignment setup");
  const lexicalGain = lexical && setup ? foldDifference(lexical, setup) : null;
  const allAbove = gains.length > 0 && gains.every((g) => g.gain.low > 0);
  return notes(
    [
      `The first question an interviewer asks: what did your changes buy? The assignment fed a sentence encoder's ` +
        `vectors to a logistic regression and an MLP. Measured the same way, by grouped cross-validation on the training ` +
        `split only (each row validated once, ${rows[0]?.foldAveragePrecision.length ?? 0} folds), adding word and ` +
        `character TF-IDF fitted inside every fold changes average precision by ` +
        gains.map((g) => `${diffText(g.gain)} (${g.model})`).join(" and ") +
        `; each interval is over folds, widened for their overlap (corrected resampled t).`,
      lexical && setup && lexicalGain
        ? `Lexical features alone score ${f3(lexical.mean)} against ${f3(setup.mean)} for the encoder alone ` +
          `(${diffText(lexicalGain)}, an interval that ${verdictOf(lexicalGain)}): ` +
          (lexicalGain.low > 0
            ? `the words that decide this task are blurred in a general-purpose sentence vector.`
            : `neither alone is shown better than the other.`)
        : "",
      `The assignment's encoder, paraphrase-mpnet-base-v2, was not run here: its weights cannot be downloaded on this ` +
        `machine, so the encoder is USE-lite (512 dimensions, offline). \`npm run embed -- --method mpnet\` on a machine ` +
        `that can download it would replace the vectors; every row with the encoder would be measured again (the cache ` +
        `key holds the vectors' hash, so it goes stale by itself), and the lexical-only row would not move.`,
      `What the protocol fixes bought (a vectorizer fitted outside the folds, tuning on test, a split that leaks ` +
        `repeats…) is notebook 02's subject: each pitfall measured against the clean pipeline.`,
      `Expect: "Is the gain real?" (` +
        (allAbove
          ? `both intervals lie above 0`
          : gains.map((g) => `${g.model}: the interval ${verdictOf(g.gain)}`).join("; ")) +
        `). "Why not fine-tune the encoder?" (${count(rows[0]?.positives ?? 0)} positives is little to fine-tune on; ` +
        `lexical features are the cheap fix). "Why χ²-selected columns for the MLP?" (its sparse first layer takes ` +
        `them; \`npm run bench:embedding-choice\` compares other inputs).`,
    ].filter(Boolean),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// C

export function cChoiceText(c: CChoice, grid: readonly number[], folds: number): string {
  const range = `${Math.min(...grid)}–${Math.max(...grid)}`;
  const edge = c.bestAtEdge
    ? `It sits at the grid's edge (${range}): the grid may stop too soon.`
    : `It lies inside the grid (${range}), so the grid no longer stops at its maximum.`;
  if (c.rule === "best") return `C = ${c.C}: the best mean CV average precision, ${f3(c.bestMean)}. ${edge}`;
  return (
    `C = ${c.C}, by the one-standard-error rule. The best mean CV average precision is ${f3(c.bestMean)} at ` +
    `C = ${c.bestC}. ${edge} One standard error over the ${folds} folds is ${f3(c.standardError)}; the most ` +
    `regularized C whose mean clears ${f3(c.floor)} is C = ${c.C}. On a plateau the argmax is noise: the rule keeps ` +
    `the simplest model cross-validation cannot tell apart from the best, and it was fixed before the test split was ` +
    `scored with it.`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Calibration

/** Adjacent bins with one verdict, merged: "0.0–0.6 (6 bins, 527 messages)". */
function verdictRuns(
  c: CalibrationCheck,
): Array<{ verdict: CalibrationVerdict; lower: number; upper: number; bins: number; n: number }> {
  const runs: Array<{ verdict: CalibrationVerdict; lower: number; upper: number; bins: number; n: number }> = [];
  for (const b of c.bins) {
    const last = runs[runs.length - 1];
    if (last && last.verdict === b.verdict && Math.abs(last.upper - b.lower) < 1e-9) {
      last.upper = b.upper;
      last.bins++;
      last.n += b.n;
    } else runs.push({ verdict: b.verdict, lower: b.lower, upper: b.upper, bins: 1, n: b.n });
  }
  return runs;
}

const VERDICT_TEXT: Record<CalibrationVerdict, string> = {
  "scores overstate": "the share labeled True lies below the mean score (the scores overstate)",
  "scores understate": "the share labeled True lies above the mean score (the scores understate)",
  consistent: "the mean score lies inside the 95% interval of the share labeled True",
};

export function calibrationText(c: CalibrationCheck, model: string, split: string): string {
  const runs = verdictRuns(c).map(
    (r) =>
      `scores ${fixed(r.lower, 1)}–${fixed(r.upper, 1)} (${r.bins} bin${r.bins > 1 ? "s" : ""}, ` +
      `${count(r.n)} messages): ${VERDICT_TEXT[r.verdict]}`,
  );
  const has = (v: CalibrationVerdict) => c.bins.some((b) => b.verdict === v);
  const oneWay = has("scores overstate") && !has("scores understate");
  return (
    `${model} on the ${split} (${count(c.rows)} messages, ${c.bins.length} bins): ${runs.join("; ")}. ` +
    (oneWay ? `No bin's scores understate: where they miss, they miss upwards. ` : "") +
    `Over all messages the mean score is ${f3(c.meanScore)} where ${pct(c.positiveRate)} are labeled True: ` +
    `balanced class weights raise the scores of the rare class.`
  );
}

export function calibrationTable(c: CalibrationCheck): Row[] {
  return c.bins.map((b) => ({
    "score bin": `${fixed(b.lower, 1)}–${fixed(b.upper, 1)}`,
    messages: b.n,
    "mean score": f3(b.meanScore),
    "labeled True [95% Wilson]": `${pct(b.labeledTrue.value)} [${pct(b.labeledTrue.lo)}, ${pct(b.labeledTrue.hi)}]`,
    reading: b.verdict,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The test-split ledger

const timesText = (t: TestSplitLedger["looks"][number]["times"]) =>
  t.max === null ? `${t.min} or more` : t.min === t.max ? `${t.min}` : `${t.min}–${t.max}`;

export function ledgerTable(l: TestSplitLedger): Row[] {
  return l.looks.map((x) => ({
    look: x.look,
    date: x.date,
    "what scored the test split": x.scored,
    "what was seen": x.seen,
    times: timesText(x.times),
    "what changed after": x.changedAfter,
    "decided on": x.decidedOn,
    "could the test have steered it?": x.testInfluence,
  }));
}

/** The ledger in four short columns, for a slide: when, how often, what changed after, could the test have steered it. */
export function ledgerSlideTable(l: TestSplitLedger): Row[] {
  return l.looks.map((x) => ({
    look: `${x.look} (${x.date})`,
    times: timesText(x.times),
    "what changed after": x.changedAfter,
    "steered by the test?": x.testInfluence,
  }));
}

export function ledgerText(l: TestSplitLedger, s: LedgerSummary): string {
  const steered = l.looks.filter((x) => x.testInfluence === "possible" || x.testInfluence === "direct");
  return (
    `${s.looks} recorded looks at the test split, at least ${s.scoredAtLeast} scorings ` +
    `(${s.unbounded} looks have no upper bound: every rerun of npm start, a notebook or CI repeats their numbers). ` +
    `${s.followedByChange} looks were followed by a change to a model, a feature, the split or a setting; ` +
    `${s.possiblySteered} of those changes could have been steered by the test numbers` +
    (steered.length ? ` (look ${steered.map((x) => x.look).join(" and ")}: see their notes)` : "") +
    `. The record was reconstructed afterwards from git, the closing notes and the issues; where it cannot fix a ` +
    `count, the ledger gives a range and says why.`
  );
}

export function ledgerNotesTable(l: TestSplitLedger): Row[] {
  return l.looks.filter((x) => x.note).map((x) => ({ look: x.look, note: x.note ?? "" }));
}
