import { InvalidInputError, UndefinedMetricError } from "../errors";

/** A metric that has no value for these inputs (defined with the project's other errors). */
export { UndefinedMetricError };

/** The one 0/1 label check (metrics and model fits): returns the number of positives. */
export function checkLabels01(y: ArrayLike<number>, what = "y_true"): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new InvalidInputError(what, `${what}[${i}] is ${y[i]}; labels must be 0 or 1`);
    positives += y[i];
  }
  return positives;
}

/** Check y (0/1) and scores line up and are finite; return the number of positives. */
export function checkBinaryInputs(yTrue: ArrayLike<number>, scores: ArrayLike<number>, what = "scores"): number {
  if (yTrue.length !== scores.length)
    throw new InvalidInputError(what, `y_true has ${yTrue.length} rows but ${what} has ${scores.length}`);
  if (yTrue.length === 0) throw new UndefinedMetricError("no rows to score");
  const positives = checkLabels01(yTrue);
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(scores[i]))
      throw new InvalidInputError(what, `${what}[${i}] is ${scores[i]}; scores must be finite`);
  }
  return positives;
}

/** Both classes must be present for ranking metrics. */
export function requireBothClasses(yTrue: ArrayLike<number>, scores: ArrayLike<number>, metric: string): number {
  const positives = checkBinaryInputs(yTrue, scores);
  if (positives === 0 || positives === yTrue.length) {
    throw new UndefinedMetricError(
      `${metric} is undefined when y_true has only one class (all ${positives === 0 ? 0 : 1}, ${yTrue.length} rows)`,
    );
  }
  return positives;
}
