import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseC, standardErrorOfMean } from "../lib/experiment/cRule";
import { makeConfig } from "../lib/experiment/config";

// A plateau like the real grid: the mean rises to C = 100, then falls; folds spread about ±0.02.
const grid = [
  { C: 1, foldScores: [0.877, 0.903, 0.9, 0.857, 0.872] },
  { C: 3, foldScores: [0.888, 0.92, 0.909, 0.874, 0.873] },
  { C: 10, foldScores: [0.895, 0.929, 0.911, 0.883, 0.876] },
  { C: 100, foldScores: [0.9, 0.933, 0.911, 0.888, 0.876] },
  { C: 1000, foldScores: [0.893, 0.931, 0.909, 0.878, 0.875] },
];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test("standardErrorOfMean is the sample standard deviation over √n", () => {
  assert.ok(Math.abs(standardErrorOfMean([1, 2, 3, 4]) - Math.sqrt(5 / 3) / 2) < 1e-12);
  assert.throws(() => standardErrorOfMean([1]), /at least 2/);
});

test('"best" takes the highest mean; "oneStandardError" the smallest C within one standard error of it', () => {
  const best = chooseC(grid, "best");
  assert.equal(best.C, 100);
  assert.equal(best.bestAtEdge, false, "100 is inside a grid that reaches 1000");
  const se = standardErrorOfMean(grid[3].foldScores);
  const oneSe = chooseC(grid, "oneStandardError");
  assert.ok(Math.abs(oneSe.standardError - se) < 1e-15);
  assert.ok(Math.abs(oneSe.floor - (mean(grid[3].foldScores) - se)) < 1e-15);
  // Brute force: the smallest C whose mean clears the floor.
  const expected = Math.min(...grid.filter((p) => mean(p.foldScores) >= oneSe.floor).map((p) => p.C));
  assert.equal(oneSe.C, expected);
  assert.equal(oneSe.C, 3);
  assert.equal(grid[oneSe.index].C, oneSe.C);
  assert.equal(oneSe.bestC, 100);
});

test("the rule does not depend on the grid's order; ties go to the smaller C; an edge maximum is reported", () => {
  const reversed = [...grid].reverse();
  assert.equal(chooseC(reversed, "oneStandardError").C, 3);
  assert.equal(chooseC(reversed, "best").C, 100);
  const tie = [
    { C: 10, foldScores: [0.5, 0.7] },
    { C: 1, foldScores: [0.7, 0.5] },
  ];
  assert.equal(chooseC(tie, "best").C, 1);
  assert.equal(chooseC(grid.slice(0, 4), "best").bestAtEdge, true, "C = 100 at the top of a grid that stops there");
  assert.throws(() => chooseC([], "best"), /at least one grid point/);
});

test("config.logreg.cRule is checked, and the default grid reaches past its best C", () => {
  assert.throws(
    () => makeConfig({ logreg: { cRule: "median" as never } }),
    /cRule must be "best" or "oneStandardError"/,
  );
  const c = makeConfig();
  assert.equal(c.logreg.cRule, "oneStandardError");
  assert.ok(Math.max(...c.logreg.Cs) >= 1000);
});
