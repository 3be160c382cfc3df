import { InvalidInputError } from "../errors";
/**
 * Confident learning (Northcutt, Jiang & Chuang, "Confident Learning:
 * Estimating Uncertainty in Dataset Labels", JAIR 2021), binary case.
 *
 * From out-of-fold predicted probabilities:
 *  1. per-class thresholds t_j = mean predicted probability of class j over the
 *     examples labeled j (the model's average self-confidence for that class);
 *  2. the confident joint C[i][j]: examples labeled i whose predicted
 *     probability for j reaches t_j (the larger one if both do);
 *  3. off-diagonal entries are the likely label errors; they are ranked by
 *     self-confidence (the predicted probability of the given label), lowest first.
 */

export interface Suspect {
  /** Row index into the arrays given. */
  index: number;
  givenLabel: 0 | 1;
  suggestedLabel: 0 | 1;
  /** Predicted probability of the given label: the lower, the more suspect. */
  selfConfidence: number;
  /** p(suggested) − p(given). */
  margin: number;
}

/** What confident learning finds in a labeling: its thresholds, joints, estimated errors and suspects. */
export interface LabelAudit {
  /** t_0, t_1. */
  thresholds: [number, number];
  /** confidentJoint[given][suggested] counts. */
  confidentJoint: [[number, number], [number, number]];
  /** The confident joint calibrated to the label counts and normalized: an estimate of P(given, true). */
  estimatedJoint: [[number, number], [number, number]];
  /** Estimated number of label errors, n · (Q[0][1] + Q[1][0]). */
  estimatedErrors: number;
  /** Off-diagonal examples of the confident joint, most suspect first. */
  suspects: Suspect[];
  /** Every example, most suspect first (by self-confidence): a review queue past the flagged ones. */
  ranking: Suspect[];
}

/**
 * Confident learning (Northcutt et al. 2021) on binary labels and out-of-sample probabilities of the positive class:
 * per-class thresholds, the confident joint, the estimated joint and the suspects, most suspect first.
 */
export function confidentLearning(labels: ArrayLike<number>, probPositive: ArrayLike<number>): LabelAudit {
  const n = labels.length;
  if (probPositive.length !== n)
    throw new InvalidInputError(
      "probPositive",
      `labels (${n}) and probabilities (${probPositive.length}) differ in length`,
    );
  const p = (i: number, k: number) => (k === 1 ? probPositive[i] : 1 - probPositive[i]);
  const counts = [0, 0];
  const sums = [0, 0];
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new InvalidInputError("labels", `label[${i}] is ${y}; expected 0 or 1`);
    if (!(probPositive[i] >= 0 && probPositive[i] <= 1))
      throw new InvalidInputError(
        "probPositive",
        `probability[${i}] is ${probPositive[i]}; expected a value in [0, 1]`,
      );
    counts[y]++;
    sums[y] += p(i, y);
  }
  if (!counts[0] || !counts[1])
    throw new InvalidInputError("labels", "confident learning needs examples of both labels");
  const t: [number, number] = [sums[0] / counts[0], sums[1] / counts[1]];

  const joint: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  const all: Suspect[] = [];
  const flagged: Suspect[] = [];
  for (let i = 0; i < n; i++) {
    const given = labels[i] as 0 | 1;
    const other = (1 - given) as 0 | 1;
    const s: Suspect = {
      index: i,
      givenLabel: given,
      suggestedLabel: other,
      selfConfidence: p(i, given),
      margin: p(i, other) - p(i, given),
    };
    all.push(s);
    const above = ([0, 1] as const).filter((k) => p(i, k) >= t[k]);
    if (!above.length) continue;
    const j = above.length === 1 ? above[0] : p(i, 1) >= p(i, 0) ? 1 : 0;
    joint[given][j]++;
    if (j !== given) flagged.push(s);
  }
  // Calibrate each row of the joint to the observed label count, then normalize to a distribution.
  const q = joint.map((row, i) => {
    const total = row[0] + row[1];
    return row.map((c) => (total ? (c / total) * counts[i] : 0) / n);
  }) as [[number, number], [number, number]];
  const bySuspicion = (a: Suspect, b: Suspect) => a.selfConfidence - b.selfConfidence || a.index - b.index;
  return {
    thresholds: t,
    confidentJoint: joint,
    estimatedJoint: q,
    estimatedErrors: n * (q[0][1] + q[1][0]),
    suspects: flagged.sort(bySuspicion),
    ranking: all.sort(bySuspicion),
  };
}

/** Recall of known-bad indices among the top k of a ranking. */
export function recallAtK(ranking: ReadonlyArray<{ index: number }>, bad: ReadonlySet<number>, k: number): number {
  if (!bad.size) throw new InvalidInputError("bad", "recallAtK needs at least one known-bad index");
  return ranking.slice(0, k).filter((s) => bad.has(s.index)).length / bad.size;
}
