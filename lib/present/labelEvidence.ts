// Table rows and sentences for notebook 03: formatting only; every number comes from the typed results.
import type { PolicyScore } from "../labels/abstention";
import type { LabelChange, ShareFalse } from "../labels/deltas";
import type { Assumed, Cost, ServingEconomics } from "../labels/economics";
import type { Interval } from "../metrics/interval";
import type { NoiseCorrected, PrecisionRecall } from "../labels/intent";
import type { RankingRow } from "../labels/ranking";
import type { GoldSetPlan } from "../labels/sizing";
import { fixed, rounded } from "./format";
import { InvalidInputError } from "../errors";
import { roughly } from "../util/numberText";

export { roughly } from "../util/numberText";

type Row = Record<string, string | number>;

/** "0.897 [0.82, 0.96]"; signed for differences: "+0.010 [-0.004, +0.041]". */
export function fmtEstimate(e: Interval, digits = 3, signed = false): string {
  if (!Number.isFinite(e.estimate)) return "undefined";
  const s = (x: number, d: number) => fixed(x, d, signed);
  // A signed value is a difference, often near 0: its interval keeps every digit, so one that crosses 0 shows it.
  const d = signed ? digits : Math.max(0, digits - 1);
  return `${s(e.estimate, digits)} [${s(e.low, d)}, ${s(e.high, d)}]`;
}

const usd = (x: number) => (x < 0.01 ? dollars(x) : x < 1 ? `$${fixed(x, 3)}` : `$${fixed(x, 2)}`);

/** A derived amount in US dollars, to two significant figures ("$12", "$0.068"). */
export const dollars = (x: number): string => `$${roughly(x, 2)}`;

/** An amount as it was given (an assumption): whole dollars, or cents ("$20", "$0.04"). */
export const givenDollars = (x: number): string => (Number.isInteger(x) ? `$${x}` : `$${fixed(x, 2)}`);

/** "about 900× (20× – 30,000×)": a ratio of assumed ranges, rounded to what the ranges support. */
export const roughRatio = (r: Assumed): string =>
  `about ${roughly(r.central)}× (${roughly(r.low)}× – ${roughly(r.high)}×)`;

const range = (a: Assumed, f: (x: number) => string) => `${f(a.central)} (${f(a.low)} – ${f(a.high)})`;

/** Precision and recall against intent, one row per labeler or model. */
export function intentTable(entries: Array<{ who: string; pr: PrecisionRecall }>): Row[] {
  return entries.map(({ who, pr }) => ({
    "who is scored": who,
    precision: fmtEstimate(pr.precision),
    "n (flagged)": pr.precision.n,
    recall: fmtEstimate(pr.recall),
    "n (intent positives)": pr.recall.n,
  }));
}

/** The labeler's error rates against intent, and the model's measured vs corrected precision and recall. */
export function noiseCorrectionTable(model: string, x: NoiseCorrected): Row[] {
  const row = (quantity: string, e: Interval): Row => ({ quantity, estimate: fmtEstimate(e), n: e.n });
  return [
    row("labeler sensitivity vs intent", x.labelerSensitivity),
    row("labeler specificity vs intent", x.labelerSpecificity),
    ...(["precision", "recall"] as const).flatMap((metric) => [
      row(`${model} ${metric}, measured against the labeler`, x.measured[metric]),
      row(`${model} ${metric}, corrected for labeler error`, x.corrected[metric]),
    ]),
  ];
}

/** Share labeled False per group of undefined cases. */
export function shareFalseTable(rows: ShareFalse[]): Row[] {
  return rows.map((r) => ({
    "messages about": r.group,
    messages: r.shareFalse.n,
    "labeled False": r.labeledFalse,
    "share False [95% Wilson]": fmtEstimate(r.shareFalse),
  }));
}

/** One row per pair of labelings. */
export function labelChangeTable(entries: Array<{ pair: string; change: LabelChange }>): Row[] {
  return entries.map(({ pair, change }) => ({
    pair,
    messages: change.n,
    "True → False": change.trueToFalse,
    "False → True": change.falseToTrue,
    "labels moved": change.trueToFalse + change.falseToTrue,
    "change in positives [95% paired bootstrap]": fmtEstimate(change.positivesDelta, 0, true),
    "exact McNemar p": rounded(change.mcnemarP, 3),
  }));
}

/** Gold-set sizes for precision and recall at each half-width. */
export function goldSetTable(plans: GoldSetPlan[]): Row[] {
  return plans.map((p) => ({
    "known to ±": p.halfWidth,
    "precision: flagged to label": p.precisionFlaggedToLabel,
    "…messages scanned": p.precisionMessagesSeen,
    "recall: positives needed": p.recallPositivesNeeded,
    "…random messages to label": p.recallMessagesToLabel,
    "recall, stratified: unflagged to label": p.recallUnflaggedToLabel,
    "…missed positives they hold": rounded(p.recallMissesFound, 1),
  }));
}

/** Abstention policies at equal coverage. */
export function abstentionPolicyTable(rows: PolicyScore[]): Row[] {
  return rows.map((r) => ({
    "set aside by": r.policy,
    "rows set aside": r.abstained,
    "precision on kept": r.policy === "random rows" ? fmtEstimate(r.precision) : fixed(r.precision.estimate, 3),
    "gain vs none": fmtEstimate(r.precisionGain, 3, true),
    "recall on kept": r.policy === "random rows" ? fmtEstimate(r.recall) : fixed(r.recall.estimate, 3),
    "recall gain vs none": fmtEstimate(r.recallGain, 3, true),
    "model disagrees with label, set-aside rows": Number.isFinite(r.errorRateSetAside)
      ? `${fixed(100 * r.errorRateSetAside, 0)}%`
      : "–",
  }));
}

/** Model A − model B per labeling and metric. */
export function rankingTable(rows: RankingRow[], a: string, b: string): Row[] {
  return rows.map((r) => ({
    "scored against": r.labeling,
    metric: r.metric,
    [a]: fixed(r.a, 3),
    [b]: fixed(r.b, 3),
    [`${a} − ${b} [95% paired bootstrap]`]: fmtEstimate(r.difference, 3, true),
    n: r.difference.n,
    verdict: r.difference.low > 0 ? `${a} ahead` : r.difference.high < 0 ? `${b} ahead` : "no difference shown",
  }));
}

/** LLM and human cost per 1,000 labels under stated assumptions. */
export function costTable(
  llm: Array<{ setting: string; cost: Cost }>,
  human: { perThousand: Assumed; hoursPerThousand: Assumed },
): Row[] {
  return [
    ...llm.map(({ setting, cost }) => ({
      labeler: `LLM, ${setting}`,
      "tokens per label (in + out)": `${fixed(cost.inputTokensPerLabel, 0)} + ${cost.outputTokensPerLabel}`,
      "USD per 1,000 labels: central (low – high)": range(cost.perThousand, usd),
    })),
    {
      labeler: "a person",
      "tokens per label (in + out)": `${range(human.hoursPerThousand, (h) => fixed(h, 1))} hours per 1,000`,
      "USD per 1,000 labels: central (low – high)": range(human.perThousand, usd),
    },
  ];
}

/** Distilling into a small model vs calling the LLM for every new message. */
export function distillVsCallTable(x: {
  serving: ServingEconomics;
  /** Measured CPU milliseconds per message (encoder + classifier). */
  cpuMsPerMessage: number;
  rerunChange: LabelChange;
}): Row[] {
  const moved = x.rerunChange.trueToFalse + x.rerunChange.falseToTrue;
  return [
    {
      aspect: "cost per 1,000 messages",
      "call the LLM": `${range(x.serving.llmPerThousand, usd)}, for ever`,
      "distilled model (this project)": `${range(x.serving.distilledPerThousand, usd)} of CPU, after one labeling run`,
    },
    {
      aspect: "latency",
      "call the LLM": "a network round trip and generation per message",
      "distilled model (this project)": `about ${fixed(x.cpuMsPerMessage, 0)} ms of CPU (measured); no network`,
    },
    {
      aspect: "privacy",
      "call the LLM": "every employee message, with names, leaves the company",
      "distilled model (this project)": "messages stay in house after the one labeling run",
    },
    {
      aspect: "drift",
      "call the LLM": "a vendor model update silently changes the target",
      "distilled model (this project)": "frozen until retrained; the data can still drift away from it",
    },
    {
      aspect: "consistency",
      "call the LLM": `a rerun moved ${moved} of ${x.rerunChange.n} labels (measured above)`,
      "distilled model (this project)": "the same message always gets the same score",
    },
    {
      aspect: "quality ceiling",
      "call the LLM": "the labeler itself",
      "distilled model (this project)": "at most the labeler, minus what it fails to learn",
    },
  ];
}

/** One sentence on abstention at equal coverage: what each rule's set-aside does to precision, against random rows. */
export function abstentionSummary(rows: PolicyScore[], messages: number): string {
  const by = (p: PolicyScore["policy"]) => {
    const row = rows.find((r) => r.policy === p);
    if (!row) throw new InvalidInputError("rows", `abstentionSummary: no row for the policy "${p}"`);
    return row;
  };
  const disputed = by("labeler runs disagree"),
    unsure = by("model least sure"),
    random = by("random rows");
  const moves = (e: Interval) => (e.low > 0 ? "raises" : e.high < 0 ? "lowers" : "does not measurably move");
  return (
    `On ${messages} out-of-fold messages, setting aside the ${disputed.abstained} where two labeling runs ` +
    `disagree ${moves(disputed.precisionGain)} precision (${fmtEstimate(disputed.precisionGain, 3, true)}) and ` +
    `${moves(disputed.recallGain)} recall (${fmtEstimate(disputed.recallGain, 3, true)}); the model's ` +
    `${unsure.abstained} least sure messages move precision by ${fmtEstimate(unsure.precisionGain, 3, true)}, ` +
    `${random.abstained} random ones by ${fmtEstimate(random.precisionGain, 3, true)}. A gain from the disputed rows ` +
    `cleans the ruler, not the model, and needs a second LLM call for every new message.`
  );
}
