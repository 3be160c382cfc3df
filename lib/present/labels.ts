// Tables for the label analyses and model comparisons: the analyses return numbers, these turn them into text.
import type { CrossLabelRow, FlaggedDisputes, RescoreRow } from "../labels/rescore";
import type { CategoryDisagreement, PairAgreement, PositiveRate, ThemeFlips } from "../labels/disagreement";
import type { ModelComparison } from "../analysis/compare";
import type { Interval } from "../metrics/interval";
import { fixed3, pct, withInterval, fixed, rounded } from "./format";

const orUndefined = (v: number | null) => (v === null ? "undefined" : fixed(v, 3));

/** A model's test precision and recall re-scored against each labeling. */
export function rescoreTable(rows: readonly RescoreRow[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    "scored against": r.scoredAgainst,
    positives: r.positives,
    precision: withInterval(r.precision),
    recall: withInterval(r.recall),
    "average precision": withInterval(r.averagePrecision),
  }));
}

/** How many flagged test messages the rerun or the refined prompt labels differently, with shares. */
export function flaggedDisputeTable(d: FlaggedDisputes): Array<Record<string, string | number>> {
  const share = (n: number) => `${n} (${fixed((100 * n) / Math.max(1, d.flagged), 1)}%)`;
  return [
    {
      "flagged test messages": d.flagged,
      "original says True": share(d.originalTrue),
      "rerun disagrees with original": share(d.rerunDisagrees),
      "refined prompt disagrees with original": share(d.refinedDisagrees),
    },
  ];
}

/** Models trained on one labeling, scored against another. */
export function crossLabelTable(rows: readonly CrossLabelRow[]): Array<Record<string, string>> {
  return rows.map((r) => ({
    "trained and thresholded on": r.trainedOn,
    "scored against": r.scoredAgainst,
    flagged: `${r.flagged} of ${r.rows}`,
    precision: orUndefined(r.precision),
    recall: orUndefined(r.recall),
    "average precision": orUndefined(r.averagePrecision),
  }));
}

/** Each pair of labelings: percent agreement and Cohen's kappa. */
export function agreementTable(rows: readonly PairAgreement[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    pair: `${r.a} vs ${r.b}`,
    "percent agreement": pct(r.percentAgreement),
    "Cohen's kappa": rounded(r.kappa, 3),
    disagreements: r.disagreements,
  }));
}

/** Each labeling's positives and positive rate. */
export function positiveRateTable(rows: readonly PositiveRate[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({ labels: r.labels, positives: r.positives, "positive rate": pct(r.rate) }));
}

/** Label flips by theme, in each direction. */
export function themeFlipTable(rows: readonly ThemeFlips[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    theme: r.theme,
    messages: r.messages,
    "True → False": r.trueToFalse,
    "False → True": r.falseToTrue,
    "flip rate": pct((r.trueToFalse + r.falseToTrue) / r.messages),
  }));
}

/** Each source category: messages, original positive rate, and how often the relabels disagree. */
export function disagreementTable(rows: readonly CategoryDisagreement[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    category: r.category,
    messages: r.messages,
    "share of messages": pct(r.shareOfMessages),
    "original positive rate": pct(r.originalPositiveRate),
    "rerun disagrees": r.rerunDisagrees,
    "refined disagrees": r.refinedDisagrees,
    "share of rerun disagreements": pct(r.shareOfRerunDisagreements),
    "share of refined disagreements": pct(r.shareOfRefinedDisagreements),
  }));
}

/** The verdict on a paired difference a − b: which side is higher, when its interval excludes zero. */
export function differenceVerdict(d: Interval | null, a: string, b: string): string {
  return !d
    ? "undefined for one model"
    : d.low > 0
      ? `${a} higher`
      : d.high < 0
        ? `${b} higher`
        : "no detectable difference";
}

/** Paired model differences per metric, with intervals ("undefined" where a metric has no value). */
export function comparisonTable(rows: readonly ModelComparison[]): Array<Record<string, string>> {
  return rows.map((r) => {
    const d = r.difference;
    const verdict = differenceVerdict(d, r.a, r.b);
    return {
      metric: r.metric,
      [`${r.a} − ${r.b}`]: d ? fixed3(d.estimate) : "undefined",
      [`${100 * (d?.level ?? 0.95)}% interval (paired bootstrap)`]: d
        ? `[${fixed(d.low, 3)}, ${fixed(d.high, 3)}]`
        : "",
      verdict,
    };
  });
}
