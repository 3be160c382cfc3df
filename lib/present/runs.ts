// Runs as text: the list `npm run runs` prints and the tables of `npm run runs -- compare A B`.
import { describePolicy } from "../metrics/threshold";
import type { RunComparison, SettingDifference } from "../runs/compare";
import type { MetricsHeadline } from "../runs/record";
import type { RunEntry } from "../runs/layout";
import { fixed, fixed3 } from "./format";
import { differenceVerdict } from "./labels";

/** "2025-01-14 15:30:12 UTC" from an ISO time. */
export const utcTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export interface RunListing {
  run: RunEntry;
  metrics: MetricsHeadline | null;
  /** Why the metrics could not be read, if they could not. */
  problem?: string;
}

type Headline = MetricsHeadline["models"][string];

const value = (m: Headline["test"], key: "precision" | "recall" | "averagePrecision"): string =>
  key in m.undefinedMetrics || m[key] === null ? "undefined" : fixed3(m[key]);

function statusText(r: RunEntry, latestId: string | null): string {
  const status = r.status === "running" ? `running (pid ${r.record?.process.pid})` : r.status;
  return r.id === latestId ? `${status}, latest` : status;
}

/**
 * One row per run and model, oldest run first: when and how it ran, and each model's out-of-fold and test
 * headline numbers. Runs that did not complete get one row saying so.
 */
export function runsTable(runs: readonly RunListing[], latestId: string | null): Array<Record<string, string>> {
  return runs.flatMap(({ run, metrics, problem }) => {
    const r = run.record;
    const head = {
      run: run.id,
      status: statusText(run, latestId),
      started: r ? utcTime(r.started) : "",
      seed: r ? String(r.seed) : "",
      policy: r ? describePolicy(r.policy) : (run.problem ?? ""),
    };
    const blank = { model: "", features: "", threshold: "", "OOF AP": "", "test AP": "", "test P": "", "test R": "" };
    if (!r) return [{ ...head, ...blank }];
    if (!metrics) return [{ ...head, ...blank, model: r.models.join(","), features: problem ?? "" }];
    return r.models.map((model, k) => {
      const m = metrics.models[model];
      const row = k === 0 ? head : { run: "", status: "", started: "", seed: "", policy: "" };
      if (!m) return { ...row, ...blank, model, features: "missing from metrics.json" };
      return {
        ...row,
        model,
        features: r.features[model] ?? "baseline",
        threshold: fixed(m.threshold, 4),
        "OOF AP": value(m.oof, "averagePrecision"),
        "test AP": value(m.test, "averagePrecision"),
        "test P": value(m.test, "precision"),
        "test R": value(m.test, "recall"),
      };
    });
  });
}

/** A setting's value as text: hashes shortened, lists and objects as JSON, "(not set)" where absent. */
function settingText(v: SettingDifference["a"]): string {
  if (v === undefined) return "(not set)";
  if (typeof v === "string") return /^[0-9a-f]{40,64}$/.test(v) ? `${v.slice(0, 12)}…` : v;
  return JSON.stringify(v);
}

export function settingsDifferenceTable(c: RunComparison): Array<Record<string, string>> {
  return c.settings.map((s) => ({
    setting: s.setting,
    [`A (${c.a})`]: settingText(s.a),
    [`B (${c.b})`]: settingText(s.b),
  }));
}

/** One row per model and metric: A, B, and B − A with its paired interval and verdict. */
export function runMetricsComparisonTable(c: RunComparison): Array<Record<string, string>> {
  const level = `${Math.round(100 * c.bootstrap.level)}% interval (paired bootstrap)`;
  return c.metrics.map((m) => {
    const d = m.difference;
    return {
      model: m.model,
      metric: m.metric,
      A: m.a === null ? "undefined" : fixed3(m.a),
      B: m.b === null ? "undefined" : fixed3(m.b),
      "B − A": d ? fixed(d.estimate, 3, true) : "undefined",
      [level]: d ? `[${fixed(d.low, 3, true)}, ${fixed(d.high, 3, true)}]` : "",
      verdict: differenceVerdict(d, "B", "A").replace("undefined for one model", "undefined for one run"),
    };
  });
}
