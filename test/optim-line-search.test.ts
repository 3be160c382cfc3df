import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LineFunction, strongWolfeLineSearch } from "../lib/optim/lineSearch";
import { safeguardedStep, StepInterval } from "../lib/optim/safeguardedStep";

/** A 1-D function φ and its derivative, with a log of the steps the search asked for. */
function traced(value: (a: number) => number, slope: (a: number) => number) {
  const steps: number[] = [];
  const phi: LineFunction = (a) => {
    steps.push(a);
    return { value: value(a), slope: slope(a) };
  };
  return { phi, steps, value0: value(0), slope0: slope(0) };
}

/** Both strong Wolfe conditions at the returned step, recomputed from φ itself. */
function assertStrongWolfe(
  value: (a: number) => number,
  slope: (a: number) => number,
  step: number,
  c1: number,
  c2: number,
  what: string,
) {
  assert.ok(
    value(step) <= value(0) + c1 * step * slope(0),
    `${what}: sufficient decrease fails at ${step} (φ ${value(step)}, φ(0) ${value(0)}, φ'(0) ${slope(0)})`,
  );
  assert.ok(
    Math.abs(slope(step)) <= c2 * Math.abs(slope(0)),
    `${what}: curvature fails at ${step} (|φ'| ${Math.abs(slope(step))} > ${c2}·${Math.abs(slope(0))})`,
  );
}

// The six test functions of Moré & Thuente (1994), section 5, with their (c1, c2) and, per initial step 1e-3, 1e-1,
// 10 and 1e3, the evaluations and final step (2 significant digits) of the paper's tables 1–6. Smooth, nearly flat
// at 0, 39 half-periods of a sine on a kink, and the Yanai et al. functions whose minimizers sit in narrow valleys.
const yanai = (b1: number, b2: number) => {
  const g = (b: number) => Math.sqrt(1 + b * b) - b;
  return {
    value: (a: number) => g(b1) * Math.sqrt((1 - a) ** 2 + b2 * b2) + g(b2) * Math.sqrt(a * a + b1 * b1),
    slope: (a: number) =>
      (g(b1) * (a - 1)) / Math.sqrt((1 - a) ** 2 + b2 * b2) + (g(b2) * a) / Math.sqrt(a * a + b1 * b1),
  };
};
const wiggly = (beta: number, l: number) => {
  const base = (a: number) => (a <= 1 - beta ? 1 - a : a >= 1 + beta ? a - 1 : (a - 1) ** 2 / (2 * beta) + beta / 2);
  const baseSlope = (a: number) => (a <= 1 - beta ? -1 : a >= 1 + beta ? 1 : (a - 1) / beta);
  const k = (2 * (1 - beta)) / (l * Math.PI);
  return {
    value: (a: number) => base(a) + k * Math.sin((l * Math.PI * a) / 2),
    slope: (a: number) => baseSlope(a) + k * ((l * Math.PI) / 2) * Math.cos((l * Math.PI * a) / 2),
  };
};
interface PaperCase {
  table: number;
  name: string;
  value: (a: number) => number;
  slope: (a: number) => number;
  c1: number;
  c2: number;
  evaluations: number[];
  steps: string[];
}
const paper: PaperCase[] = [
  {
    table: 1,
    name: "−α/(α²+2)",
    value: (a) => -a / (a * a + 2),
    slope: (a) => (a * a - 2) / (a * a + 2) ** 2,
    c1: 1e-3,
    c2: 0.1,
    evaluations: [6, 3, 1, 4],
    steps: ["1.4", "1.4", "10", "37"],
  },
  {
    table: 2,
    name: "(α+0.004)⁵ − 2(α+0.004)⁴",
    value: (a) => (a + 0.004) ** 5 - 2 * (a + 0.004) ** 4,
    slope: (a) => 5 * (a + 0.004) ** 4 - 8 * (a + 0.004) ** 3,
    c1: 0.1,
    c2: 0.1,
    evaluations: [12, 8, 8, 11],
    steps: ["1.6", "1.6", "1.6", "1.6"],
  },
  {
    table: 3,
    name: "a sine on a kink (β 0.01, l 39)",
    ...wiggly(0.01, 39),
    c1: 0.1,
    c2: 0.1,
    evaluations: [12, 12, 10, 13],
    steps: ["1.0", "1.0", "1.0", "1.0"],
  },
  {
    table: 4,
    name: "Yanai (0.001, 0.001)",
    ...yanai(0.001, 0.001),
    c1: 0.001,
    c2: 0.001,
    evaluations: [4, 1, 3, 4],
    steps: ["0.085", "0.10", "0.35", "0.83"],
  },
  {
    table: 5,
    name: "Yanai (0.01, 0.001)",
    ...yanai(0.01, 0.001),
    c1: 0.001,
    c2: 0.001,
    evaluations: [6, 3, 7, 8],
    steps: ["0.075", "0.078", "0.073", "0.076"],
  },
  {
    table: 6,
    name: "Yanai (0.001, 0.01)",
    ...yanai(0.001, 0.01),
    c1: 0.001,
    c2: 0.001,
    evaluations: [13, 11, 8, 11],
    steps: ["0.93", "0.93", "0.92", "0.92"],
  },
];

describe("strongWolfeLineSearch", () => {
  for (const f of paper)
    test(`reproduces table ${f.table} of Moré & Thuente (${f.name}): strong Wolfe steps from far too short to far too long`, () => {
      [1e-3, 1e-1, 10, 1e3].forEach((initialStep, k) => {
        const { phi, steps, value0, slope0 } = traced(f.value, f.slope);
        // xtol small enough that only the two conditions stop the search, as in the paper's runs.
        const r = strongWolfeLineSearch(phi, value0, slope0, initialStep, { c1: f.c1, c2: f.c2, xtol: 1e-12 });
        const what = `${f.name} from ${initialStep}`;
        assert.equal(r.status, "strong-wolfe", `${what}: ${r.status} after ${r.evaluations} evaluations`);
        assertStrongWolfe(f.value, f.slope, r.step, f.c1, f.c2, what);
        assert.equal(r.evaluations, f.evaluations[k], `${what}: evaluations`);
        assert.equal(Number(r.step.toPrecision(2)), Number(f.steps[k]), `${what}: step ${r.step}`);
        assert.equal(r.evaluations, steps.length);
        assert.equal(steps.at(-1), r.step, `${what}: the returned step is the last one evaluated`);
        assert.equal(r.value, f.value(r.step));
      });
    });

  test("searches ψ = φ − c1·α·φ'(0) until a point has sufficient decrease and a rising slope (the Yanai functions from 1)", () => {
    // Starting at x = 1 and going downhill with (c1, c2) = (0.1, 0.9) exercises the first stage, which the tables
    // above barely touch. Steps and evaluations of O'Leary's MATLAB translation of MINPACK's dcsrch, as tabulated
    // in the tests of the R package mize (jlmelville/mize, test_more_thuente.R, "Function modification").
    const cases: Array<[number, number, number, number]> = [
      [0.001, 0.001, 0.0038522, 6],
      [0.01, 0.001, 0.0040126, 6],
      [0.001, 0.01, 0.043447, 4],
    ];
    for (const [b1, b2, expectedStep, expectedEvaluations] of cases) {
      const f = yanai(b1, b2);
      const dir = -Math.sign(f.slope(1));
      const value = (a: number) => f.value(1 + a * dir);
      const slope = (a: number) => f.slope(1 + a * dir) * dir;
      const r = strongWolfeLineSearch(traced(value, slope).phi, value(0), slope(0), 1, { c1: 0.1, c2: 0.9 });
      const what = `Yanai (${b1}, ${b2})`;
      assert.equal(r.status, "strong-wolfe", what);
      assertStrongWolfe(value, slope, r.step, 0.1, 0.9, what);
      assert.ok(Math.abs(r.step - expectedStep) <= 5e-7, `${what}: step ${r.step}, reference ${expectedStep}`);
      assert.equal(r.evaluations, expectedEvaluations, what);
    }
  });

  test("extrapolates from a step far too short, growing it at most 4× the last stretch at a time", () => {
    // φ(α) = (α − 100)²: the first trial, 0.01, has a slope still almost as steep as at 0.
    const value = (a: number) => (a - 100) ** 2;
    const slope = (a: number) => 2 * (a - 100);
    const { phi, steps } = traced(value, slope);
    const r = strongWolfeLineSearch(phi, value(0), slope(0), 0.01);
    assert.equal(r.status, "strong-wolfe");
    assertStrongWolfe(value, slope, r.step, 1e-3, 0.9, "far quadratic");
    assert.ok(r.step > 10, `step ${r.step}`);
    for (let k = 1; k < steps.length; k++)
      assert.ok(steps[k] <= steps[k - 1] + 4 * (steps[k - 1] - (steps[k - 2] ?? 0)) + 1e-12);
    assert.ok(steps.length >= 3, `it took ${steps.length} evaluations: it extrapolated`);
  });

  test("zooms back from a step far too long (a higher value brackets the minimizer)", () => {
    const value = (a: number) => a ** 4 / 4 - a; // minimizer at 1
    const slope = (a: number) => a ** 3 - 1;
    const { phi, steps } = traced(value, slope);
    const r = strongWolfeLineSearch(phi, value(0), slope(0), 50, { c2: 0.1 });
    assert.equal(r.status, "strong-wolfe");
    assertStrongWolfe(value, slope, r.step, 1e-3, 0.1, "quartic");
    assert.ok(r.step < 50 && Math.abs(r.step - 1) < 0.1, `step ${r.step}`);
    assert.ok(steps.every((s) => s <= 50));
  });

  test("a step meeting both conditions at once costs one evaluation; on a quadratic the next is exact", () => {
    const value = (a: number) => (a - 2) ** 2;
    const slope = (a: number) => 2 * (a - 2);
    const loose = strongWolfeLineSearch(traced(value, slope).phi, 4, -4, 1);
    assert.deepEqual([loose.step, loose.evaluations, loose.status], [1, 1, "strong-wolfe"]);
    // With c2 = 0.1 the step 1 (slope −2) is not flat enough; the cubic through φ(0), φ(1) and their slopes is the
    // quadratic itself, so the next trial is its minimizer.
    const tight = strongWolfeLineSearch(traced(value, slope).phi, 4, -4, 1, { c2: 0.1 });
    assert.deepEqual([tight.step, tight.evaluations, tight.status], [2, 2, "strong-wolfe"]);
  });

  test("steps back from a region where φ is not finite", () => {
    const value = (a: number) => (a < 1 ? (a - 0.5) ** 2 : Infinity);
    const slope = (a: number) => (a < 1 ? 2 * (a - 0.5) : NaN);
    const r = strongWolfeLineSearch(traced(value, slope).phi, 0.25, -1, 8);
    assert.equal(r.status, "strong-wolfe");
    assertStrongWolfe(value, slope, r.step, 1e-3, 0.9, "finite region");
  });

  test("stops at the evaluation budget and says so", () => {
    const f = paper[2];
    const r = strongWolfeLineSearch(traced(f.value, f.slope).phi, f.value(0), f.slope(0), 1e3, {
      c1: 0.1,
      c2: 1e-6,
      maxEvaluations: 3,
    });
    assert.deepEqual([r.status, r.evaluations], ["max-evaluations", 3]);
  });

  test("refuses an ascent direction and a step outside its bounds", () => {
    const phi: LineFunction = (a) => ({ value: a, slope: 1 });
    assert.throws(() => strongWolfeLineSearch(phi, 0, 1, 1), /descent direction: φ'\(0\) = 1 is not negative/);
    assert.throws(() => strongWolfeLineSearch(phi, 0, -1, 0), /initial step 0 is outside/);
    assert.throws(() => strongWolfeLineSearch(phi, 0, -1, 5, { stepMax: 2 }), /initial step 5 is outside \(0, 2\]/);
  });
});

describe("safeguardedStep", () => {
  const start = (): StepInterval => ({
    best: { step: 0, value: 1, slope: -1 },
    other: { step: 0, value: 1, slope: -1 },
    bracketed: false,
  });

  test("a higher value brackets the minimizer: the next step lies between the best point and the trial", () => {
    const interval = start();
    const next = safeguardedStep(interval, { step: 2, value: 3, slope: 4 }, 0, 10);
    assert.ok(interval.bracketed);
    assert.ok(next > 0 && next < 2, `next ${next}`);
    assert.deepEqual(interval.other, { step: 2, value: 3, slope: 4 });
    assert.equal(interval.best.step, 0);
  });

  test("a lower value with the slope turning positive brackets it too, and becomes the best point", () => {
    const interval = start();
    const next = safeguardedStep(interval, { step: 1, value: 0.5, slope: 0.5 }, 0, 10);
    assert.ok(interval.bracketed);
    assert.ok(next > 0 && next < 1, `next ${next}`);
    assert.equal(interval.best.step, 1);
    assert.equal(interval.other.step, 0);
  });

  test("a lower value still falling as steeply extrapolates to the upper bound", () => {
    const interval = start();
    const next = safeguardedStep(interval, { step: 1, value: -0.5, slope: -1.5 }, 1.1, 4);
    assert.equal(interval.bracketed, false);
    assert.equal(next, 4);
    assert.equal(interval.best.step, 1);
  });
});
