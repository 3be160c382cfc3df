// The test-split ledger (data/test-split-ledger.json) as tables and a sentence.
import type { LedgerSummary, TestSplitLedger } from "../experiment/ledger";

type Row = Record<string, string | number>;

const timesText = (t: TestSplitLedger["looks"][number]["times"]) =>
  t.max === null ? `${t.min} or more` : t.min === t.max ? `${t.min}` : `${t.min}–${t.max}`;

/** The test-split ledger, one row per look. */
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

/** The ledger in a sentence: looks, scorings, and which changes the test split could have steered. */
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

/** The looks that carry a note. */
export function ledgerNotesTable(l: TestSplitLedger): Row[] {
  return l.looks.filter((x) => x.note).map((x) => ({ look: x.look, note: x.note ?? "" }));
}
