// Which pitfalls matter on this data: each classed by one fixed rule, then ranked by the damage measured.
import type { PitfallMeasure, PitfallValue } from "./measure";
import type { Interval } from "../metrics/interval";
import { headlineOf, PitfallId, PitfallResult } from "./pitfall";
import { InvalidInputError } from "../errors";

/** What a pitfall does to its number on this data, by the class rule (CLASS_RULE). */
export type PitfallClass = "inflates the reported number" | "invalidates the estimate" | "no measurable effect here";

/** The classing rule, as the notebook states it. */
export const CLASS_RULE =
  "A pitfall is classed by its headline measure's faulty − clean interval. An interval that covers 0 → no " +
  "measurable effect here. Otherwise, a difference in the direction that makes the model look better → inflates " +
  "the reported number; any other measured difference, or a faulty value that is not a number at all → " +
  "invalidates the estimate.";

/** The ranking rule. */
export const RANK_RULE =
  "Ranked by damage: the size of faulty − clean on the headline metric's 0–1 scale. Measured effects first, " +
  "largest first; then faulty values that are not numbers; then effects that are not measurable here.";

/** A pitfall's place in the ranking by damage, its class, and the headline difference behind both. */
export interface RankedPitfall {
  rank: number;
  id: PitfallId;
  title: string;
  variant?: string;
  pitfallClass: PitfallClass;
  /** |faulty − clean|, or null when the faulty value is not a number. */
  damage: number | null;
  headline: PitfallMeasure;
}

const isNumber = (v: PitfallValue) => v.value !== null && Number.isFinite(v.value);

/** The rule above, applied to one measured pitfall. */
export function classify(result: PitfallResult): PitfallClass {
  const m = headlineOf(result);
  if (!isNumber(m.faulty)) return "invalidates the estimate";
  const d: Interval | undefined = m.difference;
  if (!d)
    throw new InvalidInputError(
      "result",
      `pitfall ${result.id}: its headline measure "${m.key}" has no faulty − clean difference`,
    );
  if (d.low <= 0 && d.high >= 0) return "no measurable effect here";
  const looksBetter =
    result.flatters === "higher" ? d.estimate > 0 : result.flatters === "lower" ? d.estimate < 0 : false;
  return looksBetter ? "inflates the reported number" : "invalidates the estimate";
}

/** Every measured pitfall, classed and ranked (ties keep notebook order). */
export function rankPitfalls(results: readonly PitfallResult[]): RankedPitfall[] {
  const tier = (c: PitfallClass, damage: number | null) =>
    c === "no measurable effect here" ? 2 : damage === null ? 1 : 0;
  return results
    .map((r, order) => {
      const headline = headlineOf(r);
      const pitfallClass = classify(r);
      const damage = isNumber(headline.faulty) && headline.difference ? Math.abs(headline.difference.estimate) : null;
      return { order, r, headline, pitfallClass, damage };
    })
    .sort(
      (a, b) =>
        tier(a.pitfallClass, a.damage) - tier(b.pitfallClass, b.damage) ||
        (b.damage ?? 0) - (a.damage ?? 0) ||
        a.order - b.order,
    )
    .map((x, k) => ({
      rank: k + 1,
      id: x.r.id,
      title: x.r.title,
      variant: x.r.variant,
      pitfallClass: x.pitfallClass,
      damage: x.damage,
      headline: x.headline,
    }));
}
