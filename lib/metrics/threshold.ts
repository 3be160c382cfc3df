import { z } from "zod";
import { exactly, number, record } from "../util/schema";
import { confusionAt, definedScores, RatioMetric } from "./confusion";
import { binaryClfCurve } from "./curves";
import { requireBothClasses } from "./validate";
import { ConfigError } from "../errors";
import { fixed } from "../util/numberText";

/** How to turn scores into flags (declared for the configuration and saved pipelines; the type is inferred). */
export const thresholdPolicySchema = z.discriminatedUnion(
  "kind",
  [
    record({ kind: exactly("maxF1") }),
    record({ kind: exactly("recallAtPrecision"), minPrecision: number({ gt: 0, lte: 1 }) }),
    record({ kind: exactly("precisionAtRecall"), minRecall: number({ gt: 0, lte: 1 }) }),
    record({ kind: exactly("minCost"), missCost: number({ gt: 0 }), falseAlarmCost: number({ gt: 0 }) }),
    record({ kind: exactly("fixed"), threshold: number({ gte: 0, lte: 1 }) }),
  ],
  { message: "must be a policy: { kind: maxF1 | recallAtPrecision | precisionAtRecall | minCost | fixed, … }" },
);

/**
 * How to turn scores into flags. Chosen on out-of-fold training scores, never on test. "minCost": the threshold with
 * the lowest total cost, missCost per missed positive plus falseAlarmCost per false alarm.
 */
export type ThresholdPolicy = z.infer<typeof thresholdPolicySchema>;

/** The threshold a policy chose on some scores, what it gives there, and whether the policy's target was met. */
export interface ThresholdChoice {
  policy: ThresholdPolicy;
  /** Flag a message when its score ≥ threshold. */
  threshold: number;
  /** Precision, recall and F1 at the threshold on the data it was chosen on (out-of-fold); null where undefined. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Why a ratio above has no value (say, a fixed rule that flags nothing has no precision). */
  undefinedMetrics: Partial<Record<RatioMetric, string>>;
  /** False when no threshold meets the policy's constraint; the closest one is returned and `note` says so. */
  satisfied: boolean;
  note?: string;
}

/** A threshold policy in words, for tables and reports ("precision ≥ 0.80, then the highest recall"). */
export function describePolicy(p: ThresholdPolicy): string {
  switch (p.kind) {
    case "maxF1":
      return "maximize F1";
    case "recallAtPrecision":
      return `highest recall with precision ≥ ${p.minPrecision}`;
    case "precisionAtRecall":
      return `highest precision with recall ≥ ${p.minRecall}`;
    case "minCost":
      return `lowest cost, a miss costing ${p.missCost / p.falseAlarmCost}× a false alarm`;
    case "fixed":
      return `fixed threshold ${p.threshold}`;
  }
}

/** One candidate threshold (a distinct score) with its counts and ratios. Precision is defined: t flags its row. */
interface Candidate {
  t: number;
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f: number;
}

/**
 * Pick a threshold from (out-of-fold) scores under a policy. Candidates are the
 * distinct scores (every point of the precision–recall curve). Ties on the
 * objective go to the higher threshold (fewer flags for the same quality).
 */
export function chooseThreshold(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  policy: ThresholdPolicy,
): ThresholdChoice {
  if (policy.kind === "fixed") {
    const s = definedScores(confusionAt(yTrue, scores, policy.threshold));
    const { precision, recall, f1, undefinedMetrics } = s;
    return { policy, threshold: policy.threshold, precision, recall, f1, undefinedMetrics, satisfied: true };
  }
  if (policy.kind === "minCost" && !(policy.missCost > 0 && policy.falseAlarmCost > 0))
    throw new ConfigError(
      "policy",
      `minCost needs positive costs, got missCost ${policy.missCost}, falseAlarmCost ${policy.falseAlarmCost}`,
    );
  const positives = requireBothClasses(yTrue, scores, "choosing a threshold");
  const curve = binaryClfCurve(yTrue, scores);
  const points: Candidate[] = curve.thresholds.map((t, k) => {
    const tp = curve.tps[k];
    const fp = curve.fps[k];
    return { t, tp, fp, fn: positives - tp, p: tp / (tp + fp), r: tp / positives, f: (2 * tp) / (tp + fp + positives) };
  });
  const best = (cands: Candidate[], key: (x: Candidate) => number) =>
    cands.reduce((a, b) => (key(b) > key(a) || (key(b) === key(a) && b.t > a.t) ? b : a));
  const result = (x: Candidate, satisfied = true, note?: string): ThresholdChoice => ({
    policy,
    threshold: x.t,
    precision: x.p,
    recall: x.r,
    f1: x.f,
    undefinedMetrics: {},
    satisfied,
    ...(note ? { note } : {}),
  });
  switch (policy.kind) {
    case "maxF1":
      return result(best(points, (x) => x.f));
    case "recallAtPrecision": {
      const ok = points.filter((x) => x.p >= policy.minPrecision);
      if (ok.length) return result(best(ok, (x) => x.r));
      const closest = best(points, (x) => x.p);
      return result(
        closest,
        false,
        `no threshold reaches precision ${policy.minPrecision}; the highest is ${fixed(closest.p, 3)}`,
      );
    }
    case "precisionAtRecall": {
      const ok = points.filter((x) => x.r >= policy.minRecall);
      if (ok.length) return result(best(ok, (x) => x.p));
      return result(
        best(points, (x) => x.r),
        false,
        `no threshold reaches recall ${policy.minRecall}`,
      );
    }
    case "minCost":
      return result(best(points, (x) => -(policy.missCost * x.fn + policy.falseAlarmCost * x.fp)));
  }
}
