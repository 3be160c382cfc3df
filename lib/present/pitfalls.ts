// Notebook 02's tables: formatting only; every number comes from the typed pitfall measures.
import type { PitfallMeasure, PitfallValue } from "../pitfalls/measure";

type Row = Record<string, string>;

/** "0.877 (57/65) [0.77, 0.94] Wilson"; "undefined" for null; "NaN" as faulty code prints it. */
export function pitfallValue(v: PitfallValue, signed = false): string {
  if (v.value === null) return "undefined (listed as such)";
  if (Number.isNaN(v.value)) return "NaN";
  const s = (x: number, d: number) => (signed && x > 0 ? "+" : "") + x.toFixed(d);
  const count = v.k !== undefined ? ` (${v.k}/${v.n})` : "";
  const iv = v.interval;
  const range = iv ? ` [${s(iv.lo, 2)}, ${s(iv.hi, 2)}] ${iv.method}` : "";
  return `${s(v.value, 3)}${count}${range}`;
}

/**
 * One row per measure: each arm with its n and interval, and the faulty − clean difference where it is paired (or
 * seed by seed); with `withGuard`, the guard that now prevents it.
 */
export function pitfallTable(measures: readonly PitfallMeasure[], withGuard = false): Row[] {
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
      ...(withGuard ? { guard: m.guard } : {}),
    };
  });
}
