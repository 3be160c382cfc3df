// Notebook 03's bottom line in words: the ranked pros and cons, the verdict, what "true precision" is, and the
// human labels to buy. Every number comes from the typed evidence (lib/labels); nothing here measures anything.
import type { GoldSetPlan } from "../labels/sizing";
import type { Assumed } from "../labels/economics";
import type { TruePrecisionComparison } from "../labels/truePrecision";
import type { VerdictEvidence } from "../labels/verdict";
import type { Interval } from "../metrics/interval";
import { count, fixed, pct } from "./format";
import { dollars, fmtEstimate, roughly, roughRatio } from "./labelEvidence";

type Row = Record<string, string | number>;

const speakerNotes = (say: string, questions: string[]): string =>
  [`**Speaker notes.** ${say}`, "", "Questions to expect:", "", ...questions.map((q) => `- ${q}`)].join("\n");

/** A share with its Wilson interval in whole percents: these rest on tens of messages. */
const share = (e: Interval) => `${pct0(e.estimate)} [${pct0(e.low)}, ${pct0(e.high)}]`;
const pct0 = (x: number) => `${fixed(100 * x, 0)}%`;

/** Human over LLM cost per label, paired at the extremes (cheapest person over dearest LLM, and the reverse). */
export function humanOverLlm(v: Pick<VerdictEvidence, "humanPerThousand" | "llmPerThousand">): Assumed {
  const h = v.humanPerThousand,
    l = v.llmPerThousand;
  return { low: h.low / l.high, central: h.central / l.central, high: h.high / l.low };
}

/**
 * The three pros and three cons measured here, ranked. Pros by how much the pipeline leans on them (labels that
 * match intent are what make distilling worth doing; a stable target next; low cost last, since people could label
 * this data set too). Cons by how much they limit what the model can promise (an undefined target first, then a blind
 * spot the product inherits, then the human labels correctness still needs).
 */
export function prosConsTable(v: VerdictEvidence): Row[] {
  const intent = v.labelerVsIntent;
  const kept = v.languages.map((l) => `${l.caught} of ${l.positives} (${l.model})`);
  const logreg = v.languages.find((l) => l.model === "logreg")?.recall;
  return [
    {
      "": "+1",
      "LLM labels here…": "match the writers' intent where it is clear",
      "measured (95% intervals)":
        `precision ${fmtEstimate(intent.precision)}, recall ${fmtEstimate(intent.recall)} ` +
        `(${intent.recall.n} intended positives; borderline messages left out)`,
    },
    {
      "": "+2",
      "LLM labels here…": "are consistent from run to run",
      "measured (95% intervals)":
        `a rerun agrees on ${pct(v.rerunAgreement.percent)} of ${count(v.messages)} messages ` +
        `(κ ${fixed(v.rerunAgreement.kappa, 3)}); the count of positives moves by ` +
        `${fmtEstimate(v.rerun.positivesDelta, 0, true)}`,
    },
    {
      "": "+3",
      "LLM labels here…": "cost almost nothing",
      "measured (95% intervals)":
        `${dollars(v.llmPerThousand.central)} per 1,000 labels; a person costs about ` +
        `${dollars(v.humanPerThousand.central)}, ` +
        `${roughRatio(humanOverLlm(v))} as much (assumed prices)`,
    },
    {
      "": "−1",
      "LLM labels here…": "leave the borderline to an unwritten definition",
      "measured (95% intervals)":
        `borderline messages are ${pct(v.borderline.shareOfMessages)} of all, but ` +
        `${share(v.borderline.shareOfRerunFlips)} of a rerun's ${v.borderline.shareOfRerunFlips.n} flips ` +
        `and ${pct0(v.borderline.shareOfPositives.estimate)} of the positives`,
    },
    {
      "": "−2",
      "LLM labels here…": "lose their other languages when distilled into an English encoder",
      "measured (95% intervals)":
        `non-English positives caught out-of-fold: ${kept.join(", ")}` + (logreg ? `; recall ${share(logreg)}` : ""),
    },
    {
      "": "−3",
      "LLM labels here…": "cannot say what is correct: every metric is agreement",
      "measured (95% intervals)":
        `recall to ±${v.gold.halfWidth} needs ${v.gold.recallUnflaggedToLabel} human labels on unflagged ` +
        `messages (1 miss in ${roughly(1 / v.gold.missRate, 2)}), precision ${v.gold.precisionFlaggedToLabel} on flagged`,
    },
  ];
}

/** The verdict's slide title: a sentence with its numbers. */
export function verdictTitle(v: VerdictEvidence): string {
  return (
    `## LLM labels are a good teacher, not a judge: ${fixed(v.labelerVsIntent.precision.estimate, 2)} agreement ` +
    `with clear intent; ${v.humans.total} human labels settle the rest`
  );
}

/** What to use LLM labels for, what never to use them for, and the human labels to buy. */
export function verdictPoints(v: VerdictEvidence): string[] {
  const m = v.modelVsLabeler;
  const relabel = (v.llmPerThousand.central * v.messages) / 1000;
  const tp = v.truePrecision;
  const h = v.humans;
  return [
    `Use them to train and to relabel: ${m.name} agrees with them at precision ${fmtEstimate(m.pr.precision)}, ` +
      `recall ${fmtEstimate(m.pr.recall)} (${m.rows} test messages); relabeling all ` +
      `${count(v.messages)} messages costs about ${dollars(relabel)}.`,
    `Never as the judge of correctness, nor on the borderline: the ${fixed(tp.allRows.againstLabeler.estimate, 3)} we ` +
      `report is agreement (${fixed(tp.againstIntent.estimate, 3)} against the writers' intent on ${tp.rows} clear ` +
      `test messages).`,
    `Buy ${h.total} human labels (±${h.halfWidth} on precision and recall): ${h.flagged} random flagged and ` +
      `${h.unflagged} random unflagged messages, about ${dollars(h.cost.central)} (${dollars(h.cost.low)} – ` +
      `${dollars(h.cost.high)}); over-sample borderline and non-English messages, weight them back.`,
  ];
}

/** Speaker notes for the verdict slide: the numbers behind each pro and con, and the questions to expect. */
export function verdictNotes(v: VerdictEvidence): string {
  const everyone = (v.humanPerThousand.central * v.messages) / 1000;
  return speakerNotes(
    `The bottom line first. The labeler is good where the writer's intent is clear and stable across runs, so it is ` +
      `a fine teacher; it is not a judge. The ranking is mine: pros by how much the pipeline leans on them, cons by ` +
      `how much they limit what the model can promise. Cost ranks last among the pros: people would label all ` +
      `${count(v.messages)} messages for about ${dollars(everyone)}; the LLM's real advantage is ` +
      `relabeling in minutes whenever the definition changes.`,
    [
      `"Why trust the writers' intent?" It is a weak gold (the messages were written for a category); it exists ` +
        `only outside the borderline, which is why the verdict buys human labels.`,
      `"Three non-English positives is nothing." Yes: n = 3, so it is a blind spot to fix (multilingual encoder ` +
        `or translation), not a rate to quote.`,
      `"What about privacy?" Not measured here: calling a vendor sends names; distilling sends them once.`,
    ],
  );
}

/** The three precision estimates on the same rows, with the all-rows number the project reports beside them. */
export function truePrecisionTable(t: TruePrecisionComparison, model: string): Row[] {
  const row = (estimate: string, rows: number, flagged: number, value: string, diff: string): Row => ({
    [`${model} precision`]: estimate,
    "test messages": rows,
    flagged,
    "precision [95% bootstrap]": value,
    "minus labeler [95% paired]": diff,
  });
  return [
    row("against the labeler (reported)", t.allRows.rows, t.allRows.flagged, fmtEstimate(t.allRows.againstLabeler), ""),
    row("against the labeler, clear intent only", t.rows, t.flagged, fmtEstimate(t.againstLabeler), ""),
    row(
      "against the writers' intent",
      t.rows,
      t.flagged,
      fmtEstimate(t.againstIntent),
      fmtEstimate(t.intentMinusLabeler, 3, true),
    ),
    row(
      "labeler corrected for its errors",
      t.rows,
      t.flagged,
      fmtEstimate(t.noiseCorrected),
      fmtEstimate(t.correctedMinusLabeler, 3, true),
    ),
    row(
      "borderline: flagged and labeled True",
      t.borderline.rows,
      t.borderline.flagged,
      `${t.borderline.labeledTrue} of ${t.borderline.flagged}`,
      "",
    ),
  ];
}

const covers0 = (e: Interval) => e.low <= 0 && e.high >= 0;

/** The largest gap between the three same-row estimates. */
const precisionSpread = (t: TruePrecisionComparison) => {
  const values = [t.againstLabeler.estimate, t.againstIntent.estimate, t.noiseCorrected.estimate];
  return Math.max(...values) - Math.min(...values);
};

/** One sentence that says why the estimates differ, from their numbers. */
export function reconcileTruePrecision(t: TruePrecisionComparison): string {
  const spread = precisionSpread(t);
  const agree = covers0(t.intentMinusLabeler) && covers0(t.correctedMinusLabeler);
  const a = t.flaggedLabelerFalseIntentTrue,
    b = t.flaggedLabelerTrueIntentFalse;
  const border = t.borderline;
  const borderline = border.flagged
    ? `the model also flags ${border.flagged} of the ${border.rows} borderline messages and the labeler calls ` +
      `${border.flagged - border.labeledTrue} of them False, a call no reference here can check`
    : `the model flags none of the ${border.rows} borderline messages`;
  return (
    `On the same ${t.rows} test messages with a clear intent (${t.flagged} flagged), precision is ` +
    `${fmtEstimate(t.againstLabeler)} against the labeler, ${fmtEstimate(t.againstIntent)} against the writers' ` +
    `intent and ${fmtEstimate(t.noiseCorrected)} corrected for the labeler's errors: they ` +
    `${agree ? "agree within" : "differ by up to"} ${fixed(spread, 3)} (paired differences ` +
    `${fmtEstimate(t.intentMinusLabeler, 3, true)} and ${fmtEstimate(t.correctedMinusLabeler, 3, true)}), and the ` +
    `${a + b} flagged message${a + b === 1 ? "" : "s"} on which labeler and writer disagree (${a} the labeler calls ` +
    `False, ${b} True) ${a + b === 1 ? "accounts" : "account"} for the whole gap; the ${fixed(t.allRows.againstLabeler.estimate, 3)} reported on all ` +
    `${t.allRows.rows} is ${t.allRows.againstLabeler.estimate < t.againstLabeler.estimate ? "lower" : "not lower"} because ` +
    `${borderline}.`
  );
}

/** The takeaway title of the "true precision" section, with the spread of the three estimates. */
export function truePrecisionTitle(t: TruePrecisionComparison): string {
  return (
    `### Precision three ways agrees within ${fixed(precisionSpread(t), 3)} on the same ${t.rows} messages; ` +
    `${t.borderline.flagged} borderline flags pull the reported one to ${fixed(t.allRows.againstLabeler.estimate, 3)}`
  );
}

/** Speaker notes for the "true precision" slide: what each estimate answers and how they reconcile. */
export function truePrecisionNotes(t: TruePrecisionComparison): string {
  return speakerNotes(
    `Precision against an LLM labeler answers "how often does the model agree with the labeler?". Three ways to ` +
      `get closer to "how often is it right?" disagree only because they are computed on different rows; on the ` +
      `same rows and the same bootstrap draws they agree. The reported number is lower because of ` +
      `${t.borderline.flagged} borderline messages, and on those the question is the definition, not the model.`,
    [
      `"Is the correction circular?" It estimates the labeler's error rates against intent on the same rows, and ` +
        `assumes its errors do not depend on the model's flag; a model trained on the labeler shares its errors, so ` +
        `the corrected number is, if anything, too kind.`,
      `"Why not use the intent labels to train?" They exist only because these messages are synthetic; real ` +
        `messages have no category.`,
    ],
  );
}

/** The human labels to buy, per target half-width: the purchase in rows and dollars. */
export function humanLabelTable(plans: readonly GoldSetPlan[], humanPerThousand: Assumed): Row[] {
  return plans.map((p) => {
    const total = p.precisionFlaggedToLabel + p.recallUnflaggedToLabel;
    const cost = (k: keyof Assumed) => dollars((total * humanPerThousand[k]) / 1000);
    return {
      "precision and recall to ±": p.halfWidth,
      "random flagged": p.precisionFlaggedToLabel,
      "random unflagged": p.recallUnflaggedToLabel,
      "human labels": total,
      "misses they should hold": roughly(p.recallMissesFound, 2),
      "cost: central (low – high)": `${cost("central")} (${cost("low")} – ${cost("high")})`,
      "recall alone, unstratified": p.recallMessagesToLabel,
    };
  });
}

/** The takeaway title of the human-labels section: how many to buy, and the cost. */
export function humanLabelTitle(v: VerdictEvidence): string {
  const h = v.humans;
  return (
    `### Buy ${h.total} human labels for ±${h.halfWidth}: ${h.flagged} flagged and ${h.unflagged} unflagged ` +
    `messages, about ${dollars(h.cost.central)}`
  );
}

/** Speaker notes for the human-labels slide: the gold-set sizes and how to sample them. */
export function humanLabelNotes(v: VerdictEvidence): string {
  const g = v.gold;
  return speakerNotes(
    `Precision is cheap to check: label a random sample of flagged messages. Recall is the expensive half: the ` +
      `misses hide among unflagged messages at about 1 in ${roughly(1 / g.missRate, 2)}, so a random sample of ` +
      `everything needs ${g.recallMessagesToLabel} labels for recall alone. Sampling the unflagged side on its own ` +
      `(the model's flag is known for every message) needs ${g.recallUnflaggedToLabel}. Sizes come from this run's ` +
      `test operating point and a normal approximation; they are a budget, not a guarantee.`,
    [
      `"Who labels?" Two people on a written guideline, a third adjudicating; their own agreement (κ) is the ` +
        `ceiling for everything else.`,
      `"Why over-sample borderline and non-English?" That is where labels and model are least certain; weighting ` +
        `them back keeps the estimates unbiased.`,
      `"What if the flag rate moves?" Re-size from the new operating point; the function takes it as input.`,
    ],
  );
}
