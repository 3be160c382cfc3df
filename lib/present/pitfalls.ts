// Notebook 02's tables: formatting only; every number comes from the typed pitfall measures.
import type { PitfallMeasure, PitfallValue } from "../pitfalls/measure";
import { fixed } from "./format";

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
  const range = iv ? ` [${s(iv.lo, digits)}, ${s(iv.hi, digits)}] ${iv.method}` : "";
  return `${s(v.value, 3)}${count}${range}`;
}

/**
 * One row per measure: each arm with its n and interval, and the faulty − clean difference where it is paired (or
 * seed by seed).
 */
export function pitfallTable(measures: readonly PitfallMeasure[]): Row[] {
  return measures.map((m) => {
    const arm = (name: string | undefined, v: PitfallValue) => (name ? `${name}: ` : "") + pitfallValue(v);
    return {
      pitfall: m.pitfall,
      metric: m.metric,
      faulty: arm(m.arms?.faulty, m.faulty),
      clean: arm(m.arms?.clean, m.clean),
      "faulty − clean": m.difference
        ? pitfallValue({ value: m.difference.value, n: 0, interval: m.difference.interval }, true)
        : "",
      n: m.faulty.n === m.clean.n ? `${m.faulty.n} ${m.nOf}` : `${m.faulty.n} | ${m.clean.n} ${m.nOf}`,
    };
  });
}

/** What now prevents each pitfall (its guard), and the test that fails if the guard goes. */
export function pitfallGuardTable(measures: readonly PitfallMeasure[]): Row[] {
  return measures.map(({ pitfall, guard, test }) => ({ pitfall, guard, test }));
}
