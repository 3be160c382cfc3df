// Tables that describe three labelings of the same messages: agreement, balance, where they differ.
import { cohenKappa, percentAgreement } from "./agreement";
import { LabelSetName, LabelSets, LABEL_SET_NAMES } from "./labelSets";
import { themeOf } from "./themes";
import { pct } from "../present/format";
import { rate } from "../util/stats";

/** Percent agreement and Cohen's kappa for each pair of labelings. */
export function agreementRows(s: LabelSets): Array<Record<string, string | number>> {
  const pairs: Array<[LabelSetName, LabelSetName]> = [
    ["original", "rerun"],
    ["original", "refined"],
    ["rerun", "refined"],
  ];
  return pairs.map(([a, b]) => ({
    pair: `${a} vs ${b}`,
    "percent agreement": pct(percentAgreement(s[a], s[b])),
    "Cohen's kappa": Number(cohenKappa(s[a], s[b]).toFixed(3)),
    disagreements: s[a].filter((v, i) => v !== s[b][i]).length,
  }));
}

/** Positive rate under each labeling. */
export function positiveRateRows(s: LabelSets): Array<Record<string, string | number>> {
  return LABEL_SET_NAMES.map((name) => ({
    labels: name,
    positives: s[name].reduce((a, b) => a + b, 0),
    "positive rate": pct(rate(s[name])),
  }));
}

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

/** Which messages the written definitions flip, and which way, by theme. */
export function flipsByTheme(s: LabelSets): Array<Record<string, string | number>> {
  const table = new Map<string, { n: number; tf: number; ft: number }>();
  s.messages.forEach((m, i) => {
    const theme = themeOf(m);
    const t = table.get(theme) ?? { n: 0, tf: 0, ft: 0 };
    t.n++;
    if (s.original[i] === 1 && s.refined[i] === 0) t.tf++;
    if (s.original[i] === 0 && s.refined[i] === 1) t.ft++;
    table.set(theme, t);
  });
  return [...table.entries()]
    .map(([theme, t]) => ({
      theme,
      messages: t.n,
      "True → False": t.tf,
      "False → True": t.ft,
      "flip rate": pct((t.tf + t.ft) / t.n),
    }))
    .sort((a, b) => b["True → False"] + b["False → True"] - (a["True → False"] + a["False → True"]));
}

/** Example messages the refined prompt flipped, most of each direction. */
export function flippedExamples(s: LabelSets, direction: "T→F" | "F→T", limit = 8): Array<Record<string, string>> {
  return s.ids
    .map((id, i) => ({ id, i }))
    .filter(({ i }) =>
      direction === "T→F" ? s.original[i] === 1 && s.refined[i] === 0 : s.original[i] === 0 && s.refined[i] === 1,
    )
    .slice(0, limit)
    .map(({ id, i }) => ({ id, theme: themeOf(s.messages[i]), category: s.category[i], message: s.messages[i] }));
}
