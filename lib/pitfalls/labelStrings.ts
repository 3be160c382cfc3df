// Pitfall 1: label strings cast to booleans, or compared exactly.
import { parseLabel } from "../data/labels";
import { groupsFromKeys } from "../split/groups";
import { configOf, PitfallContext } from "./context";
import { BootstrapSettings, meanFlag, pairedDifference, PitfallMeasure, share } from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { InternalError } from "../errors";
import { deriveSeed } from "../experiment/seeds";

export const info: PitfallInfo = {
  id: "1-label-strings",
  title: "Label strings cast to booleans",
  headline: "cast-to-boolean",
  flatters: null,
  guard: "lib/data/labels.ts parseLabel (any case, surrounding spaces, one trailing period; anything else is an error)",
  reference: "No model: the labels as the loader parses them, on the same usable rows.",
};

/** Both arms label the same rows, so their difference is paired (whole repeat groups resampled). */
function flags(faulty: number[], clean: number[], nOf: string, b: BootstrapSettings) {
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  return {
    nOf,
    faulty: share(sum(faulty), faulty.length),
    clean: share(sum(clean), clean.length),
    difference: pairedDifference(clean, faulty, clean, meanFlag, b),
  };
}

export function measure(ctx: PitfallContext): PitfallResult {
  const rows = ctx.data.dataset.usable;
  const config = configOf(ctx);
  const b = {
    resamples: config.bootstrap.resamples,
    seed: deriveSeed(config.seed, "pitfall-1"),
    groups: groupsFromKeys(rows.map((r) => r.repeatKey)),
  };
  const clean = rows.map((r) => {
    const parsed = parseLabel(r.rawLabel);
    if (!parsed)
      throw new InternalError(`row ${r.id}: the loader kept a label it cannot parse (${JSON.stringify(r.rawLabel)})`);
    return parsed.label;
  });
  // Every non-empty string is truthy, "False" included: the faulty cast, reproduced on purpose.
  // eslint-disable-next-line no-extra-boolean-cast
  const cast = rows.map((r) => (Boolean(r.rawLabel) ? 1 : 0));
  // The stricter `label == "True"`: " True" or "TRUE" silently become negatives.
  const exact = rows.map((r) => (r.rawLabel === "True" ? 1 : 0));
  const wrong = (labels: number[]) => labels.map((l, i) => (l === clean[i] ? 0 : 1));
  const measures: PitfallMeasure[] = [
    { key: "cast-to-boolean", metric: "positive rate with Boolean(label)", ...flags(cast, clean, "usable rows", b) },
    {
      key: "compared-exactly",
      metric: 'share of rows labeled wrong by label == "True"',
      ...flags(wrong(exact), wrong(clean), "usable rows", b),
    },
  ];
  return { ...info, measures, warnings: [] };
}
