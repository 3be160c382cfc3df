// Notebook 02's tables and computed sentences: formatting only; every number comes from the typed pitfall results.
import type { RefitCache } from "../pitfalls/cache";
import type { Interval } from "../metrics/interval";
import type { PitfallValue } from "../pitfalls/measure";
import { GUARD_TEST_FILE, guardTestOf, headlineOf, type PitfallResult } from "../pitfalls/pitfall";
import { classify, CLASS_RULE, RANK_RULE, type RankedPitfall } from "../pitfalls/rank";
import { projectRelative } from "../paths";
import { fixed } from "./format";
import { InvalidInputError } from "../errors";

type Row = Record<string, string>;

/**
 * "0.877 (57/65) [0.77, 0.94] Wilson"; "undefined" for null; NaN named as what the faulty code prints. A signed
 * value (a difference, often a few thousandths) gets its interval to three decimals too, so the interval never
 * reads [0.00, 0.00] around −0.001.
 */
export function pitfallValue(v: PitfallValue, signed = false): string {
  if (v.value === null) return "undefined (listed as such)";
  if (Number.isNaN(v.value)) return "NaN (what 0/0 gives the faulty code)";
  const s = (x: number, d: number) => fixed(x, d, signed);
  const count = v.k !== undefined ? ` (${v.k}/${v.n})` : "";
  const iv = v.interval;
  const digits = signed ? 3 : 2;
  const range = iv ? ` [${s(iv.low, digits)}, ${s(iv.high, digits)}] ${iv.method}` : "";
  return `${s(v.value, 3)}${count}${range}`;
}

/** "Label strings cast to booleans", or "A vectorizer fitted outside the folds (lsa-384)" for a variant. */
export const pitfallName = (r: Pick<PitfallResult, "title" | "variant">): string =>
  r.variant ? `${r.title} (${r.variant})` : r.title;

/** The difference column: faulty − clean with its interval, empty where the arms are not comparable. */
const differenceText = (d: PitfallResult["measures"][number]["difference"]) =>
  d ? pitfallValue({ value: d.estimate, n: d.n, interval: d }, true) : "";

/** One row per measure of one pitfall: each arm with its n and interval, and faulty − clean. */
export function pitfallTable(result: PitfallResult): Row[] {
  return result.measures.map((m) => {
    const arm = (name: string | undefined, v: PitfallValue) => (name ? `${name}: ` : "") + pitfallValue(v);
    return {
      measure: m.metric,
      faulty: arm(m.arms?.faulty, m.faulty),
      clean: arm(m.arms?.clean, m.clean),
      "faulty − clean": differenceText(m.difference),
      n: m.faulty.n === m.clean.n ? `${m.faulty.n} ${m.nOf}` : `${m.faulty.n} | ${m.clean.n} ${m.nOf}`,
    };
  });
}

/** The ranking: one row per measured pitfall, its class and its headline difference. */
export function pitfallRankingTable(ranked: readonly RankedPitfall[]): Row[] {
  return ranked.map((r) => ({
    rank: String(r.rank),
    pitfall: pitfallName(r),
    class: r.pitfallClass,
    "headline measure": r.headline.metric,
    "faulty − clean": r.damage === null ? pitfallValue(r.headline.faulty) : differenceText(r.headline.difference),
  }));
}

/** What now prevents each pitfall, and the test that fails if the guard goes (cited by the pitfall's id). */
export function pitfallGuardTable(results: readonly PitfallResult[]): Row[] {
  const seen = new Set<string>();
  return results
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, pitfall: r.title, guard: r.guard, "guard test": guardTestOf(r.id) }));
}

/** Which clean reference each pitfall is measured against, and why that one. */
export function pitfallReferenceTable(results: readonly PitfallResult[]): Row[] {
  return results.map((r) => ({ pitfall: pitfallName(r), "clean reference": r.reference }));
}

/** The headline difference of a result as text: "+0.872 [+0.860, +0.884] paired bootstrap". */
export const headlineDifference = (r: PitfallResult): string => differenceText(headlineOf(r).difference);

/** How many refits ran and how many were read back from the cache. */
export function refitCacheLine(cache: Pick<RefitCache, "dir" | "hits" | "misses">): string {
  return (
    `Pitfall refits in plain JavaScript: ${cache.misses} computed, ${cache.hits} read from the cache ` +
    `(${projectRelative(cache.dir)}, keyed on their inputs and the library build). TF.js fits always run.`
  );
}

/** The classing and ranking rules as the notebook states them (the text lives with the rules in lib/pitfalls). */
export const pitfallRules = (): string =>
  `**How each pitfall is classed.** ${CLASS_RULE}\n\n**How they are ranked.** ${RANK_RULE}`;

const measurable = (r: RankedPitfall) => r.pitfallClass !== "no measurable effect here";
const signed3 = (x: number) => fixed(x, 3, true);
/** "+0.872 [+0.861, +0.884]" without the method, for sentences. */
const withRange = (d: Interval) => `${signed3(d.estimate)} [${signed3(d.low)}, ${signed3(d.high)}]`;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The ranking slide's title: how many pitfalls move their number here, and which moves it most. */
export function pitfallRankingHeading(ranked: readonly RankedPitfall[]): string {
  const moved = ranked.filter(measurable);
  const top = ranked[0];
  const by = top.damage === null ? "" : ` (by ${fixed(top.damage, 2)})`;
  return (
    `### Which pitfalls matter here: ${moved.length} of ${ranked.length} change their number measurably, ` +
    `${lower(pitfallName(top))} the most${by}`
  );
}

/** "label strings cast to booleans (invalidates the estimate: +0.872 [+0.861, +0.884])" */
const rankedPhrase = (r: RankedPitfall) => {
  const d = r.headline.difference;
  const size = r.damage === null || !d ? "its faulty value is not a number" : withRange(d);
  return `${lower(pitfallName(r))} (${r.pitfallClass}: ${size})`;
};

/** Speaker notes for the ranking slide: the top of the ranking, what does not matter here, what to expect. */
export function pitfallRankingNotes(ranked: readonly RankedPitfall[]): string {
  const moved = ranked.filter(measurable);
  const notHere = ranked.filter((r) => !measurable(r));
  const inflating = moved.filter((r) => r.pitfallClass === "inflates the reported number");
  const list = (rs: readonly RankedPitfall[]) => rs.map(rankedPhrase).join("; ");
  return [
    `**Speaker notes.** Every pitfall was reproduced on this data and measured against one reference, the clean ` +
      `run's fold ensemble, rebuilt with only the faulty step changed. The bar is faulty minus clean on the ` +
      `pitfall's headline metric; the colour is its class, decided by one rule on its interval.`,
    `The top three: ${list(moved.slice(0, 3))}.`,
    inflating.length
      ? `The ones that make a model look better than it is: ${list(inflating)}.`
      : "None of them makes the model look better than it is here.",
    notHere.length
      ? `No measurable effect here: ${notHere.map((r) => lower(pitfallName(r))).join("; ")}. That is a finding ` +
        `about this data and this grid, not a licence: each stays guarded and tested.`
      : "Every pitfall has a measurable effect here.",
    `Questions to expect: why one clean reference (so that faulty and clean differ by the pitfall alone); why ` +
      `accuracy is ranked with the others (its headline is the same model by two metrics); how the guards are ` +
      `tested (one guard test per pitfall id, in ${GUARD_TEST_FILE}).`,
  ].join("\n\n");
}

/** Pitfall 8b on each representation: out-of-fold minus test for the faulty (fitted once) and clean arms. */
export function outsideFoldsTable(results: readonly PitfallResult[]): Row[] {
  return results.flatMap((r) =>
    r.measures.map((m) => ({
      representation: r.variant ?? "",
      "out-of-fold minus test": m.metric.replace(/, out-of-fold minus test$/, ""),
      "featurizer fitted once": pitfallValue(m.faulty, true),
      "fitted in each fold": pitfallValue(m.clean, true),
      "faulty − clean": differenceText(m.difference),
    })),
  );
}

/** The representation with the largest flag-share damage, and that damage. */
function worstFlagGap(results: readonly PitfallResult[]) {
  if (!results.length) throw new InvalidInputError("results", "no results for pitfall 8b");
  const gaps = results.map((r) => ({ r, m: headlineOf(r) }));
  return gaps.reduce((a, b) =>
    Math.abs(b.m.difference?.estimate ?? 0) > Math.abs(a.m.difference?.estimate ?? 0) ? b : a,
  );
}

/** "understated … by 4.8 points" or "overstated … by 0.13", from the sign of faulty − clean. */
const misstated = (d: number, what: string, size: string) =>
  `${d < 0 ? "understated" : "overstated"} ${what} by ${size}`;

/** The 8b slide's title: how far the out-of-fold promise was off, on the representation where it was off most. */
export function outsideFoldsHeading(results: readonly PitfallResult[]): string {
  const { r, m } = worstFlagGap(results);
  const precision = r.measures.find((x) => x.key === "precision-gap")?.difference;
  const flag = m.difference;
  if (!flag || !precision)
    throw new InvalidInputError("results", `pitfall 8b on ${r.variant}: no paired differences to state`);
  return (
    `### The mistake this project had: ${r.variant} fitted outside the folds ` +
    `${misstated(flag.estimate, "the flagged share", `${fixed(100 * Math.abs(flag.estimate), 1)} points`)} and ` +
    `${misstated(precision.estimate, "precision", fixed(Math.abs(precision.estimate), 2))}, out-of-fold against test`
  );
}

/** Speaker notes for the 8b slide, with its numbers and each representation's class. */
export function outsideFoldsNotes(results: readonly PitfallResult[]): string {
  const { r } = worstFlagGap(results);
  const sentence = (x: PitfallResult) => {
    const [flag, precision] = [headlineOf(x), x.measures.find((m) => m.key === "precision-gap")];
    const d = (m: typeof flag | undefined) => (m?.difference ? withRange(m.difference) : "not measured");
    return `on ${x.variant} (${classify(x)}), ${d(flag)} in flagged share and ${d(precision)} in precision`;
  };
  return [
    `**Speaker notes.** This is the one pitfall the project itself had: its representation, ${r.variant}, was ` +
      `fitted on the whole training split and then cross-validated. Each validation fold was featurized by an SVD ` +
      `that had seen it, so out-of-fold scores were in-sample for the representation, and a threshold chosen on ` +
      `them promised an operating point the test split did not get.`,
    `Both arms use the same folds, C, policy and a fold ensemble at test time; only where the featurizer is ` +
      `fitted differs. Each arm's gap is out-of-fold minus test; the table's last column is the faulty arm's gap ` +
      `beyond the clean arm's: ${results.map(sentence).join("; ")}.`,
    `An SVD has directions to fit to the rows it sees; the sentence encoder is pretrained and fits nothing here, ` +
      `and a TF-IDF vocabulary and idf have little to over-fit. Compare the two representations' classes above.`,
    `Questions to expect: how was it caught (notebook 01's transfer table: flagged share out-of-fold against ` +
      `test); why the clean arm has a gap too (out-of-fold scores come from single fold models, test scores from ` +
      `their average); is the fix tested (${guardTestOf("8b-featurizer-outside-folds")}).`,
  ].join("\n\n");
}
