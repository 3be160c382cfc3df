import { z } from "zod";
import { asDesign, checkFinite, Design } from "../linalg/design";
import type { Matrix } from "../linalg/matrix";
import { checkLabels01 } from "../metrics/validate";
import { InvalidInputError } from "../errors";
import { exactly, number, record } from "../util/schema";

/**
 * The one contract every model keeps, baselines included (scikit-learn's estimator shape, checked for each
 * model by test/estimator-contract.test.ts): `fit` returns the model; `predictProba` returns P(y = 1) per row
 * (scikit-learn's `predict_proba(X)[:, 1]`) and throws NotFittedError before `fit`; `toJSON` and a static
 * `fromJSON` round-trip a fitted model to the same scores. X is a design matrix for the classifiers and text
 * rows for the baselines and the pipelines.
 */
export interface Estimator<X> {
  readonly name: string;
  readonly isFitted: boolean;
  /** `groups` (repeat-group id per row) lets a model carve internal validation rows without splitting repeats. */
  fit(X: X, y: ArrayLike<number>, groups?: readonly number[]): this | Promise<this>;
  predictProba(X: X): Float64Array | Promise<Float64Array>;
  toJSON(): unknown;
  /** Release resources (tensors) held by the model. */
  dispose?(): void;
}

/** A classifier on a design matrix (dense, or dense beside sparse). */
export type BinaryClassifier = Estimator<Matrix>;

/** The one error for "predict before fit", whatever the model (defined with the project's other errors). */
export { NotFittedError } from "../errors";

/** Per-class weights: "balanced" (n / (2 · n_class)), explicit weights, or none (declared; the type is inferred). */
export const classWeightSchema = z.union(
  [exactly("balanced"), z.null(), record({ 0: number({ gt: 0 }), 1: number({ gt: 0 }) })],
  { errorMap: () => ({ message: 'must be "balanced", null or { 0: weight, 1: weight }' }) },
);
/** Class weights: "balanced" (n / (2 · nₖ), as scikit-learn) or none. */
export type ClassWeight = z.infer<typeof classWeightSchema>;

/** Per-row weights for a class-weight setting; "balanced" is n / (2 · n_class), as scikit-learn defines it. */
export function sampleWeights(y: ArrayLike<number>, classWeight: ClassWeight): Float64Array {
  const n = y.length;
  const w = new Float64Array(n).fill(1);
  if (classWeight === null) return w;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i];
  const weights = classWeight === "balanced" ? { 0: n / (2 * (n - pos)), 1: n / (2 * pos) } : classWeight;
  if (classWeight === "balanced" && (pos === 0 || pos === n))
    throw new InvalidInputError("y", "class_weight='balanced' needs both classes in y");
  for (let i = 0; i < n; i++) w[i] = y[i] === 1 ? weights[1] : weights[0];
  return w;
}

/** Check a design matrix and labels before fitting. */
export function checkFitInputs(X: Matrix | Design, y: ArrayLike<number>): number {
  if (X.rows !== y.length) throw new InvalidInputError("y", `X has ${X.rows} rows but y has ${y.length}`);
  if (X.rows === 0) throw new InvalidInputError("X", "cannot fit on zero rows");
  const pos = checkLabels01(y, "y");
  if (pos === 0 || pos === y.length)
    throw new InvalidInputError(
      "y",
      `y has only one class (${pos === 0 ? "all 0" : "all 1"}); a classifier needs both`,
    );
  checkFinite(asDesign(X));
  return pos;
}
