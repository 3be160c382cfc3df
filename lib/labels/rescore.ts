// Models and predictions measured against other labelings, and what the human-loop options cost.
import type { ExperimentData } from "../experiment/data";
import { ExperimentResult, modelResult } from "../experiment/run";
import type { ModelName } from "../experiment/config";
import { bootstrapCi } from "../metrics/bootstrap";
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import { averagePrecision } from "../metrics/curves";
import { LabelSets, LABEL_SET_NAMES } from "./labelSets";

/**
 * The same test predictions scored against each labeling: how much of
 * "precision" and "recall" is a property of the labeler.
 */
export function rescoreAgainstLabelSets(
  result: ExperimentResult,
  model: ModelName,
  s: LabelSets,
  options: { resamples?: number; seed?: number } = {},
): Array<Record<string, string | number>> {
  const m = modelResult(result, model);
  if (s.ids.some((id, i) => id !== result.test.ids[i])) throw new Error("label sets must be aligned with the result's test rows");
  const t = m.threshold.threshold;
  const scores = Array.from(m.scores.test);
  const opts = { resamples: options.resamples ?? result.config.bootstrap.resamples, seed: options.seed ?? result.config.seed, groups: result.test.groups };
  const at = (k: "precision" | "recall") => (y: number[], sc: number[]) => scoresFromConfusion(confusionAt(y, sc, t))[k];
  const fmt = (ci: { estimate: number; low: number; high: number }) => `${ci.estimate.toFixed(3)} [${ci.low.toFixed(2)}, ${ci.high.toFixed(2)}]`;
  return LABEL_SET_NAMES.map((name) => {
    const y = s[name];
    return {
      "scored against": name,
      positives: y.reduce((a, b) => a + b, 0),
      precision: fmt(bootstrapCi(y, scores, at("precision"), { ...opts, seed: opts.seed + 1 })),
      recall: fmt(bootstrapCi(y, scores, at("recall"), { ...opts, seed: opts.seed + 2 })),
      "average precision": fmt(bootstrapCi(y, scores, averagePrecision, { ...opts, seed: opts.seed + 3 })),
    };
  });
}

/** Among the messages a model flags on test: how often the labelers themselves do not stand behind the label. */
export function flaggedDisputeRows(result: ExperimentResult, model: ModelName, s: LabelSets): Array<Record<string, string | number>> {
  const m = modelResult(result, model);
  const flagged = s.ids.map((_, i) => i).filter((i) => m.scores.test[i] >= m.threshold.threshold);
  const share = (pick: (i: number) => boolean) => {
    const n = flagged.filter(pick).length;
    return `${n} (${((100 * n) / Math.max(1, flagged.length)).toFixed(1)}%)`;
  };
  return [
    { "flagged test messages": flagged.length, "original says True": share((i) => s.original[i] === 1), "rerun disagrees with original": share((i) => s.rerun[i] !== s.original[i]), "refined prompt disagrees with original": share((i) => s.refined[i] !== s.original[i]) },
  ];
}

/** The same experiment data with other labels (e.g. the refined prompt's), everything else unchanged. */
export function withLabels(data: ExperimentData, train: number[], test: number[]): ExperimentData {
  if (train.length !== data.train.y.length || test.length !== data.test.y.length) throw new Error("label arrays must match the train and test rows");
  return { ...data, train: { ...data.train, y: [...train] }, test: { ...data.test, y: [...test] } };
}

/**
 * Models trained on one labeling, scored against another: what writing the
 * definition down does to the positive rate, to precision and to recall.
 */
export function crossLabelRows(
  trainedOn: Array<{ name: string; result: ExperimentResult }>,
  testSets: LabelSets,
  model: ModelName = "logreg",
): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  for (const { name, result } of trainedOn) {
    const m = modelResult(result, model);
    for (const scoredAgainst of ["original", "refined"] as const) {
      const c = confusionAt(testSets[scoredAgainst], m.scores.test, m.threshold.threshold);
      const r = scoresFromConfusion(c);
      rows.push({
        "trained and thresholded on": name,
        "scored against": scoredAgainst,
        "flagged": `${c.tp + c.fp} of ${testSets.ids.length}`,
        precision: r.precision.toFixed(3),
        recall: r.recall.toFixed(3),
        "average precision": averagePrecision(testSets[scoredAgainst], Array.from(m.scores.test)).toFixed(3),
      });
    }
  }
  return rows;
}

/**
 * Self-consistency with abstention: keep the label only where two independent
 * runs agree, send the rest to a person. Returns how much is routed and how
 * the model scores on the agreed rows.
 */
export function abstentionRows(result: ExperimentResult, model: ModelName, s: LabelSets): Array<Record<string, string | number>> {
  const m = modelResult(result, model);
  const t = m.threshold.threshold;
  const agreed = s.ids.map((_, i) => i).filter((i) => s.original[i] === s.rerun[i]);
  const score = (rows: number[]) => {
    const y = rows.map((i) => s.original[i]);
    const sc = rows.map((i) => m.scores.test[i]);
    const r = scoresFromConfusion(confusionAt(y, sc, t));
    return { precision: r.precision.toFixed(3), recall: r.recall.toFixed(3), ap: averagePrecision(y, sc).toFixed(3) };
  };
  const all = score(s.ids.map((_, i) => i));
  const kept = score(agreed);
  return [
    { "test rows": "all (original labels)", rows: s.ids.length, "routed to a person": 0, ...all },
    { "test rows": "where original and rerun agree", rows: agreed.length, "routed to a person": s.ids.length - agreed.length, ...kept },
  ];
}

/**
 * How many human-labeled messages a gold set needs so a precision near p is
 * known to ±halfWidth (normal approximation, 95%): n = z²·p(1−p)/h² flagged
 * messages, and flagged/flag-rate messages to review in all.
 */
export function goldSetSize(p: number, halfWidth: number, flagRate: number, z = 1.959963984540054): { flagged: number; reviewed: number } {
  const flagged = Math.ceil((z * z * p * (1 - p)) / (halfWidth * halfWidth));
  return { flagged, reviewed: Math.ceil(flagged / flagRate) };
}
