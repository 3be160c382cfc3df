// Three labelings of the same messages: how much they agree, how balanced each is, and where they differ.
import { cohenKappa, percentAgreement } from "./agreement";
import { LabelSetName, LabelSets, LABEL_SET_NAMES } from "./labelSets";
import { themeOf } from "./themes";
import { rate } from "../util/stats";

/** Two labelings' agreement: percent alike and Cohen's kappa. */
export interface PairAgreement {
  a: LabelSetName;
  b: LabelSetName;
  /** Share of messages both label alike (0–1). */
  percentAgreement: number;
  kappa: number;
  disagreements: number;
}

/** Percent agreement and Cohen's kappa for each pair of labelings. */
export function pairAgreements(s: LabelSets): PairAgreement[] {
  const pairs: Array<[LabelSetName, LabelSetName]> = [
    ["original", "rerun"],
    ["original", "refined"],
    ["rerun", "refined"],
  ];
  return pairs.map(([a, b]) => ({
    a,
    b,
    percentAgreement: percentAgreement(s[a], s[b]),
    kappa: cohenKappa(s[a], s[b]),
    disagreements: s[a].filter((v, i) => v !== s[b][i]).length,
  }));
}

/** How many messages one labeling calls positive, and the share. */
export interface PositiveRate {
  labels: LabelSetName;
  positives: number;
  rate: number;
}

/** Positive count and rate under each labeling. */
export function positiveRates(s: LabelSets): PositiveRate[] {
  return LABEL_SET_NAMES.map((name) => ({
    labels: name,
    positives: s[name].reduce((a, b) => a + b, 0),
    rate: rate(s[name]),
  }));
}

/** One source category: its messages, the original positive rate, and how often the relabels disagree. */
export interface CategoryDisagreement {
  category: string;
  messages: number;
  shareOfMessages: number;
  originalPositiveRate: number;
  rerunDisagrees: number;
  refinedDisagrees: number;
  shareOfRerunDisagreements: number;
  shareOfRefinedDisagreements: number;
}

/** Where disagreements sit: per source category, how often the rerun and the refined prompt disagree with the original. */
export function disagreementByCategory(s: LabelSets): CategoryDisagreement[] {
  const cats = [...new Set(s.category)];
  const total = (b: LabelSetName) => Math.max(1, s.original.filter((v, i) => v !== s[b][i]).length);
  return cats
    .map((cat) => {
      const idx = s.category.map((c, i) => (c === cat ? i : -1)).filter((i) => i >= 0);
      const dis = (b: LabelSetName) => idx.filter((i) => s.original[i] !== s[b][i]).length;
      return {
        category: cat,
        messages: idx.length,
        shareOfMessages: idx.length / s.ids.length,
        originalPositiveRate: rate(idx.map((i) => s.original[i])),
        rerunDisagrees: dis("rerun"),
        refinedDisagrees: dis("refined"),
        shareOfRerunDisagreements: dis("rerun") / total("rerun"),
        shareOfRefinedDisagreements: dis("refined") / total("refined"),
      };
    })
    .sort((a, b) => b.refinedDisagrees - a.refinedDisagrees);
}

/** Labels that flip between two labelings within one theme, by direction. */
export interface ThemeFlips {
  theme: string;
  messages: number;
  trueToFalse: number;
  falseToTrue: number;
}

/** Which messages the written definitions flip (original → refined), and which way, by theme; most flips first. */
export function flipsByTheme(s: LabelSets): ThemeFlips[] {
  const table = new Map<string, { n: number; tf: number; ft: number }>();
  s.messages.forEach((m, i) => {
    const theme = themeOf(m);
    const t = table.get(theme) ?? { n: 0, tf: 0, ft: 0 };
    t.n++;
    if (s.original[i] === 1 && s.refined[i] === 0) t.tf++;
    if (s.original[i] === 0 && s.refined[i] === 1) t.ft++;
    table.set(theme, t);
  });
  const flips = (t: ThemeFlips) => t.trueToFalse + t.falseToTrue;
  return [...table.entries()]
    .map(([theme, t]) => ({ theme, messages: t.n, trueToFalse: t.tf, falseToTrue: t.ft }))
    .sort((a, b) => flips(b) - flips(a));
}

/** A plain row (a type, not an interface, so a table takes it as it is). */
export type FlippedExample = { id: string; theme: string; category: string; message: string };

/** Messages the refined prompt flipped in one direction, the first `limit` in file order. */
export function flippedExamples(s: LabelSets, direction: "T→F" | "F→T", limit = 8): FlippedExample[] {
  return s.ids
    .map((id, i) => ({ id, i }))
    .filter(({ i }) =>
      direction === "T→F" ? s.original[i] === 1 && s.refined[i] === 0 : s.original[i] === 0 && s.refined[i] === 1,
    )
    .slice(0, limit)
    .map(({ id, i }) => ({ id, theme: themeOf(s.messages[i]), category: s.category[i], message: s.messages[i] }));
}
