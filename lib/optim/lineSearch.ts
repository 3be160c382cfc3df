import { LinePoint, safeguardedStep, StepInterval } from "./safeguardedStep";
import { InvalidInputError } from "../errors";

/** φ(α) = f(x + α·d) and its slope φ'(α) = ∇f(x + α·d)·d along a descent direction d. */
export type LineFunction = (step: number) => { value: number; slope: number };

export interface LineSearchOptions {
  /** Sufficient decrease: φ(α) ≤ φ(0) + c1·α·φ'(0) (MINPACK's ftol; L-BFGS-B uses 1e-3). */
  c1?: number;
  /** Curvature, strong form: |φ'(α)| ≤ c2·|φ'(0)| (MINPACK's gtol; 0.9 suits quasi-Newton directions). */
  c2?: number;
  /** Stop when the interval of uncertainty is narrower than xtol relative to its upper end. */
  xtol?: number;
  stepMin?: number;
  stepMax?: number;
  /** At most this many evaluations of φ (L-BFGS-B's maxls is 20). */
  maxEvaluations?: number;
}

export type LineSearchStatus =
  /** Both strong Wolfe conditions hold at the returned step. */
  | "strong-wolfe"
  /** The interval of uncertainty shrank below xtol before the conditions held. */
  | "interval-too-narrow"
  /** Rounding errors stopped progress (the trial step fell outside the interval). */
  | "rounding"
  | "step-at-max"
  | "step-at-min"
  | "max-evaluations"
  /** φ was not finite at every step tried. */
  | "not-finite";

export interface LineSearchResult extends LinePoint {
  evaluations: number;
  status: LineSearchStatus;
}

/**
 * Find a step satisfying the strong Wolfe conditions, by the Moré–Thuente method (the MINPACK-2 `dcsrch` rule,
 * scipy's L-BFGS-B line search): bracket a minimizer by extrapolating, then shrink the bracket by safeguarded
 * cubic/quadratic interpolation (safeguardedStep). While no trial point has both a sufficient decrease and a
 * non-negative slope, it works on ψ(α) = φ(α) − φ(0) − c1·α·φ'(0), whose minimizers satisfy sufficient decrease.
 *
 * The returned point is always the last one evaluated (so a caller's buffers hold its gradient). When the status is
 * not "strong-wolfe" the point may still be usable: the caller decides (e.g. whether φ decreased).
 */
export function strongWolfeLineSearch(
  phi: LineFunction,
  value0: number,
  slope0: number,
  initialStep: number,
  options: LineSearchOptions = {},
): LineSearchResult {
  const { c1 = 1e-3, c2 = 0.9, xtol = 0.1, stepMin = 0, maxEvaluations = 20 } = options;
  let { stepMax = 1e10 } = options;
  if (!(slope0 < 0))
    throw new InvalidInputError(
      "direction",
      `the line search needs a descent direction: φ'(0) = ${slope0} is not negative`,
    );
  if (!(initialStep > stepMin && initialStep <= stepMax))
    throw new InvalidInputError("initialStep", `the initial step ${initialStep} is outside (${stepMin}, ${stepMax}]`);

  const decreaseSlope = c1 * slope0;
  const origin = { step: 0, value: value0, slope: slope0 };
  const interval: StepInterval = { best: { ...origin }, other: { ...origin }, bracketed: false };
  // Stage 1 searches ψ, stage 2 (once a point has sufficient decrease and a non-negative ψ slope) searches φ.
  let useModified = true;
  let width = stepMax - stepMin;
  let previousWidth = 2 * width;
  // Bounds on the next trial: the bracket once there is one, else a window ahead of the best point.
  let lower = 0;
  let upper = initialStep * 5;
  let step = initialStep;
  let evaluations = 0;

  for (;;) {
    const { value, slope } = phi(step);
    evaluations++;
    const done = (status: LineSearchStatus): LineSearchResult => ({ step, value, slope, evaluations, status });
    if (!Number.isFinite(value) || !Number.isFinite(slope)) {
      // Too far (overflow): step back halfway towards the best point; this step becomes the hard upper limit.
      if (evaluations >= maxEvaluations) return done("not-finite");
      stepMax = step;
      upper = Math.min(upper, step);
      step = interval.best.step + 0.5 * (step - interval.best.step);
      continue;
    }
    const sufficientBound = value0 + step * decreaseSlope;

    // Success first, then the ways to stop short of it (MINPACK tests them in the reverse order, the last one
    // that holds naming the outcome).
    if (value <= sufficientBound && Math.abs(slope) <= c2 * -slope0) return done("strong-wolfe");
    if (step === stepMin && (value > sufficientBound || slope >= decreaseSlope)) return done("step-at-min");
    if (step === stepMax && value <= sufficientBound && slope <= decreaseSlope) return done("step-at-max");
    if (interval.bracketed && upper - lower <= xtol * upper) return done("interval-too-narrow");
    if (interval.bracketed && (step <= lower || step >= upper)) return done("rounding");
    if (evaluations >= maxEvaluations) return done("max-evaluations");

    if (useModified && value <= sufficientBound && slope >= Math.min(c1, c2) * slope0) useModified = false;
    const trial: LinePoint = { step, value, slope };
    if (useModified && value <= interval.best.value && value > sufficientBound) {
      // A lower value without sufficient decrease: interpolate ψ, whose values and slopes are shifted by the
      // sufficient-decrease line, then shift the interval's points back.
      const shift = (p: LinePoint): LinePoint => ({
        step: p.step,
        value: p.value - p.step * decreaseSlope,
        slope: p.slope - decreaseSlope,
      });
      const unshift = (p: LinePoint): LinePoint => ({
        step: p.step,
        value: p.value + p.step * decreaseSlope,
        slope: p.slope + decreaseSlope,
      });
      const modified: StepInterval = {
        best: shift(interval.best),
        other: shift(interval.other),
        bracketed: interval.bracketed,
      };
      step = safeguardedStep(modified, shift(trial), lower, upper);
      interval.best = unshift(modified.best);
      interval.other = unshift(modified.other);
      interval.bracketed = modified.bracketed;
    } else {
      step = safeguardedStep(interval, trial, lower, upper);
    }

    const { best, other } = interval;
    if (interval.bracketed) {
      // Bisect when two steps have not shrunk the interval to a third of its width (guaranteed progress).
      if (Math.abs(other.step - best.step) >= 0.66 * previousWidth) step = best.step + 0.5 * (other.step - best.step);
      previousWidth = width;
      width = Math.abs(other.step - best.step);
      lower = Math.min(best.step, other.step);
      upper = Math.max(best.step, other.step);
    } else {
      // Extrapolate at least 1.1 and at most 4 times the last stretch beyond the best point.
      lower = step + 1.1 * (step - best.step);
      upper = step + 4 * (step - best.step);
    }
    step = Math.max(stepMin, Math.min(stepMax, step));
    // Unless a better step is found, settle on the best point when the interval allows no further progress.
    if (interval.bracketed && (step <= lower || step >= upper || upper - lower <= xtol * upper)) step = best.step;
  }
}
