/**
 * One step of the Moré–Thuente line search ("Line search algorithms with guaranteed sufficient decrease",
 * ACM TOMS 20(3), 1994, the MINPACK-2 `dcstep` rule): given the interval of uncertainty and a new trial point,
 * shrink the interval so it still holds a point satisfying the search's conditions, and pick the next trial step
 * by cubic or quadratic interpolation, safeguarded so it stays inside the interval and makes progress.
 */

/** A point on the line: the step α, the function value φ(α) and the slope φ'(α). */
export interface LinePoint {
  step: number;
  value: number;
  slope: number;
}

/**
 * The interval of uncertainty. `best` is the point with the least value seen so far (MINPACK's stx), `other` the
 * opposite end (sty). Until `bracketed`, `other` is not yet a proper end and the search is extrapolating.
 */
export interface StepInterval {
  best: LinePoint;
  other: LinePoint;
  bracketed: boolean;
}

/** The minimizer of the cubic through (a, φ(a), φ'(a)) and (b, φ(b), φ'(b)), written as an offset from `from`. */
function cubicMinimizer(a: LinePoint, b: LinePoint, from: LinePoint, to: LinePoint, clampAtZero: boolean): number {
  const theta = (3 * (a.value - b.value)) / (b.step - a.step) + a.slope + b.slope;
  // Scaled by the largest term so the square root neither overflows nor loses every digit.
  const scale = Math.max(Math.abs(theta), Math.abs(a.slope), Math.abs(b.slope));
  const radicand = (theta / scale) ** 2 - (a.slope / scale) * (b.slope / scale);
  let gamma = scale * Math.sqrt(clampAtZero ? Math.max(0, radicand) : radicand);
  if (to.step < from.step) gamma = -gamma;
  const p = gamma - from.slope + theta;
  const q = gamma - from.slope + gamma + to.slope;
  return from.step + (p / q) * (to.step - from.step);
}

/** The minimizer of the quadratic through φ(a), φ'(a) and φ(b). */
const quadraticByValues = (a: LinePoint, b: LinePoint): number =>
  a.step + (a.slope / ((a.value - b.value) / (b.step - a.step) + a.slope) / 2) * (b.step - a.step);

/** The zero of the secant through the slopes at a and b (the quadratic through φ'(a) and φ'(b)). */
const secant = (a: LinePoint, b: LinePoint): number => b.step + (b.slope / (b.slope - a.slope)) * (a.step - b.step);

/**
 * Update `interval` with the trial point and return the next trial step, kept within [stepMin, stepMax] when
 * the interval is not yet bracketed. The four cases are those of the paper (section 4).
 */
export function safeguardedStep(interval: StepInterval, trial: LinePoint, stepMin: number, stepMax: number): number {
  const { best, other } = interval;
  const slopesDisagree = trial.slope * Math.sign(best.slope) < 0;
  let next: number;
  if (trial.value > best.value) {
    // Case 1: a higher value. The minimizer is bracketed; take the cubic step if it is nearer to the best point,
    // else the midpoint of the cubic and quadratic steps.
    const cubic = cubicMinimizer(best, trial, best, trial, false);
    const quadratic = quadraticByValues(best, trial);
    next = Math.abs(cubic - best.step) < Math.abs(quadratic - best.step) ? cubic : cubic + (quadratic - cubic) / 2;
    interval.bracketed = true;
  } else if (slopesDisagree) {
    // Case 2: a lower value and slopes of opposite sign: bracketed; the step farther from the trial point.
    const cubic = cubicMinimizer(best, trial, trial, best, false);
    const sec = secant(best, trial);
    next = Math.abs(cubic - trial.step) > Math.abs(sec - trial.step) ? cubic : sec;
    interval.bracketed = true;
  } else if (Math.abs(trial.slope) < Math.abs(best.slope)) {
    // Case 3: a lower value, same slope sign, the slope shrinking. The cubic may have no minimizer in the
    // direction of travel; then extrapolate to the bound.
    const theta = (3 * (best.value - trial.value)) / (trial.step - best.step) + best.slope + trial.slope;
    const scale = Math.max(Math.abs(theta), Math.abs(best.slope), Math.abs(trial.slope));
    let gamma = scale * Math.sqrt(Math.max(0, (theta / scale) ** 2 - (best.slope / scale) * (trial.slope / scale)));
    if (trial.step > best.step) gamma = -gamma;
    const r = (gamma - trial.slope + theta) / (gamma + (best.slope - trial.slope) + gamma);
    const cubic =
      r < 0 && gamma !== 0 ? trial.step + r * (best.step - trial.step) : trial.step > best.step ? stepMax : stepMin;
    const sec = secant(best, trial);
    if (interval.bracketed) {
      // The step nearer to the trial point, but no more than 66% of the way to the interval's other end.
      next = Math.abs(cubic - trial.step) < Math.abs(sec - trial.step) ? cubic : sec;
      const limit = trial.step + 0.66 * (other.step - trial.step);
      next = trial.step > best.step ? Math.min(limit, next) : Math.max(limit, next);
    } else {
      next = Math.abs(cubic - trial.step) > Math.abs(sec - trial.step) ? cubic : sec;
      next = Math.max(stepMin, Math.min(stepMax, next));
    }
  } else {
    // Case 4: a lower value, same slope sign, the slope not shrinking. Bracketed: the cubic through the trial
    // point and the other end; not bracketed: extrapolate to the bound.
    if (interval.bracketed) next = cubicMinimizer(trial, other, trial, other, false);
    else next = trial.step > best.step ? stepMax : stepMin;
  }

  // The new interval: a higher value closes it at the trial point; else the trial point becomes the best one,
  // and the old best becomes the other end when the slopes disagree (the minimizer lies between them).
  if (trial.value > best.value) interval.other = { ...trial };
  else {
    if (slopesDisagree) interval.other = { ...best };
    interval.best = { ...trial };
  }
  return next;
}
