import { z } from "zod";
import { exactly, number, record } from "../util/schema";
import { precisionRecallCurve } from "./curves";

/** How to turn scores into flags (declared for the configuration and saved pipelines; the type is inferred). */
export const thresholdPolicySchema = z.discriminatedUnion(
  "kind",
  [
    record({ kind: exactly("maxF1") }),
    record({ kind: exactly("recallAtPrecision"), minPrecision: number({ gt: 0, lte: 1 }) }),
    record({ kind: exactly("precisionAtRecall"), minRecall: number({ gt: 0, lte: 1 }) }),
    record({ kind: exactly("fixed"), threshold: number({ gte: 0, lte: 1 }) }),
  ],
  { message: "must be a policy: { kind: maxF1 | recallAtPrecision | precisionAtRecall | fixed, … }" },
);

/** How to turn scores into flags. Chosen on out-of-fold training scores, never on test. */
export type ThresholdPolicy = z.infer<typeof thresholdPolicySchema>;

export interface ThresholdChoice {
  policy: ThresholdPolicy;
  /** Flag a message when its score ≥ threshold. */
  threshold: number;
  /** Precision, recall and F1 at the threshold on the data it was chosen on (out-of-fold). */
  precision: number;
  recall: number;
  f1: number;
  /** False when no threshold meets the policy's constraint; the closest one is returned and `note` says so. */
  satisfied: boolean;
  note?: string;
}

export function describePolicy(p: ThresholdPolicy): string {
  switch (p.kind) {
    case "maxF1":
      return "maximize F1";
    case "recallAtPrecision":
      return `highest recall with precision ≥ ${p.minPrecision}`;
    case "precisionAtRecall":
      return `highest precision with recall ≥ ${p.minRecall}`;
    case "fixed":
      return `fixed threshold ${p.threshold}`;
  }
}

const f1Of = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

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
  const curve = precisionRecallCurve(yTrue, scores);
  const points = curve.thresholds.map((t, k) => ({
    t,
    p: curve.precision[k],
    r: curve.recall[k],
    f: f1Of(curve.precision[k], curve.recall[k]),
  }));
  const best = (cands: typeof points, key: (x: (typeof points)[number]) => number) =>
    cands.reduce((a, b) => (key(b) > key(a) || (key(b) === key(a) && b.t > a.t) ? b : a));
  const result = (x: (typeof points)[number], satisfied = true, note?: string): ThresholdChoice => ({
    policy,
    threshold: x.t,
    precision: x.p,
    recall: x.r,
    f1: x.f,
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
        `no threshold reaches precision ${policy.minPrecision}; the highest is ${closest.p.toFixed(3)}`,
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
    case "fixed": {
      const above = points.filter((x) => x.t >= policy.threshold);
      const at = above.length ? above.reduce((a, b) => (b.t < a.t ? b : a)) : { t: policy.threshold, p: 0, r: 0, f: 0 };
      return { ...result(at), threshold: policy.threshold };
    }
  }
}
