/** A metric that has no value for these inputs (e.g. ROC-AUC with one class). */
export class UndefinedMetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndefinedMetricError";
  }
}

/** Check y (0/1) and scores line up and are finite; return the number of positives. */
export function checkBinaryInputs(yTrue: ArrayLike<number>, scores: ArrayLike<number>, what = "scores"): number {
  if (yTrue.length !== scores.length) throw new Error(`y_true has ${yTrue.length} rows but ${what} has ${scores.length}`);
  if (yTrue.length === 0) throw new UndefinedMetricError("no rows to score");
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) throw new Error(`y_true[${i}] is ${y}; labels must be 0 or 1`);
    if (!Number.isFinite(scores[i])) throw new Error(`${what}[${i}] is ${scores[i]}; scores must be finite`);
    positives += y;
  }
  return positives;
}

/** Both classes must be present for ranking metrics. */
export function requireBothClasses(yTrue: ArrayLike<number>, scores: ArrayLike<number>, metric: string): number {
  const positives = checkBinaryInputs(yTrue, scores);
  if (positives === 0 || positives === yTrue.length) {
    throw new UndefinedMetricError(`${metric} is undefined when y_true has only one class (all ${positives === 0 ? 0 : 1}, ${yTrue.length} rows)`);
  }
  return positives;
}
