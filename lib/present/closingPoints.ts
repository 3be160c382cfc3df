// Notebook 03's closing slide, "What I would do with one more week": each step cites the number that motivates it.
import type { AuditHitRate } from "../audit/summary";
import type { LabelChange } from "../labels/deltas";
import type { VerdictEvidence } from "../labels/verdict";
import type { Interval } from "../metrics/interval";
import { count, fixed } from "./format";
import { dollars, fmtEstimate } from "./labelEvidence";

/** What the closing slide draws its numbers from. */
export interface ClosingInputs {
  verdict: VerdictEvidence;
  /** Original → refined prompt, and its flips minus a rerun's (paired bootstrap). */
  refined: LabelChange;
  extraFlips: Interval;
  /** The audit's review queue at the budget the plan proposes. */
  review: AuditHitRate;
}

const pct0 = (x: number) => `${fixed(100 * x, 0)}%`;

/** The closing slide's title. */
export const CLOSING_TITLE = "## What I would do with one more week";

/** The closing slide as markdown: its title, then five concrete steps with their numbers. */
export function oneMoreWeek(x: ClosingInputs): string {
  const v = x.verdict;
  const h = v.humans;
  const moved = x.refined.trueToFalse + x.refined.falseToTrue;
  const relabel = (v.llmPerThousand.central * v.messages) / 1000;
  const lang = v.languages.find((l) => l.model === "logreg") ?? v.languages[0];
  const r = x.review;
  const steps = [
    `**Write the definition down with the safety team, and test it blind.** Relabel all ` +
      `${count(v.messages)} messages with it (about ${dollars(relabel)}) and a fresh sample nobody ` +
      `has read: the refined prompt here was written after reading these messages and moved ${moved} labels ` +
      `(${fmtEstimate(x.extraFlips, 0, true)} more than a rerun).`,
    `**Label the gold set.** ${h.total} messages (${h.flagged} flagged, ${h.unflagged} unflagged), two people and ` +
      `an adjudicator, about ${dollars(h.cost.central)}: precision and recall against people to ±${h.halfWidth}.`,
    `**Close the language gap.** A multilingual encoder, or translation before the encoder, measured on more ` +
      `non-English messages than the ${lang ? lang.messages : 0} in the training split` +
      (lang ? ` (out-of-fold, ${lang.caught} of their ${lang.positives} positives are caught today).` : "."),
    `**Clean the training labels where it pays.** Review the audit's first ${r.n} labels (${pct0(r.hitRate)} are ` +
      `disputed, ${fixed(r.lift.estimate, 0)}× the base rate; they hold ${pct0(r.recall.estimate)} ` +
      `[${pct0(r.recall.low)}, ${pct0(r.recall.high)}] of all ${r.disputed} disputed labels) and measure the retrained ` +
      `model out-of-fold.`,
    `**Monitor the labeler.** Relabel a fixed sample with every prompt or model change; alarm when κ with the ` +
      `previous run falls below the ${fixed(v.rerunAgreement.kappa, 2)} two runs of one prompt reach here.`,
  ];
  return [CLOSING_TITLE, "", ...steps.map((s, k) => `${k + 1}. ${s}`)].join("\n");
}

/** Speaker notes for the closing slide: why each step, with its number. */
export function oneMoreWeekNotes(x: ClosingInputs): string {
  const h = x.verdict.humans;
  return [
    `**Speaker notes.** In order of what it buys: a written definition changes the target itself; the gold set turns ` +
      `every "agreement" in this talk into "correctness"; the language gap is a known blind spot; label cleaning and ` +
      `monitoring keep the target honest over time. The gold set is the one to start on Monday: ${h.total} labels, ` +
      `about ${dollars(h.cost.central)}, and every later step is measured against it.`,
    "",
    "Questions to expect:",
    "",
    `- "Why not fine-tune a bigger model?" Not before the gold set: without it a better model cannot be told from a ` +
      `model that copies the labeler better.`,
    `- "Would you drop the LLM?" No: it stays the cheap way to relabel after each definition change.`,
  ].join("\n");
}
