// The worker pool changes where a fold is fitted, never its numbers: cross-validation on 1 or 2 threads gives the
// same bits. Here, not in test/fold-safety.test.ts, because each case starts worker threads (slow on 2 cores).
import { test } from "node:test";
import assert from "node:assert/strict";
import { crossValPredictMlp, gridSearchLogreg, logregOutOfFoldScores } from "../../lib/experiment/cv";
import { featureSpec } from "../../lib/features/spec";
import { DEFAULT_MLP_OPTIONS } from "../../lib/models/mlp";
import { stratifiedGroupKFold } from "../../lib/split/split";
import { fittingRows } from "../helpers";

const { y, groups, rows, folds } = fittingRows();

test("out-of-fold scores for several fold sets at once equal the grid search's, per set, on 1 or 2 threads", async () => {
  const spec = featureSpec(true, { kind: "lsa", dimension: 16 }, 42);
  const options = { classWeight: "balanced" as const, standardize: false };
  const other = stratifiedGroupKFold(y, groups, 3, 2);
  const one = await logregOutOfFoldScores(3, spec, options, rows, y, [folds, other], { workers: 1 });
  const two = await logregOutOfFoldScores(3, spec, options, rows, y, [folds, other], { workers: 2 });
  assert.deepEqual(two, one);
  for (const [k, set] of [folds, other].entries()) {
    const grid = await gridSearchLogreg([3], spec, options, rows, y, set, { workers: 1 });
    assert.deepEqual(one[k], grid.points[0].oof, `fold set ${k}`);
  }
  assert.notDeepEqual(one[0], one[1], "other folds, other out-of-fold scores");
});

test("cross-validation gives the same numbers on 1 or 2 worker threads", async () => {
  const options = { classWeight: "balanced" as const, standardize: false };
  const spec = featureSpec(true, { kind: "tfidf" });
  const one = await gridSearchLogreg([0.3, 3], spec, options, rows, y, folds, { workers: 1 });
  const two = await gridSearchLogreg([0.3, 3], spec, options, rows, y, folds, { workers: 2 });
  assert.deepEqual(two.points, one.points);
  const mlp = { ...DEFAULT_MLP_OPTIONS, hiddenUnits: [8], maxEpochs: 3, patience: 1 };
  const mlpSpec = featureSpec(true, { kind: "chi2", k: 50 });
  const m1 = await crossValPredictMlp(mlpSpec, mlp, rows, y, groups, folds, { workers: 1 });
  const m2 = await crossValPredictMlp(mlpSpec, mlp, rows, y, groups, folds, { workers: 2 });
  assert.deepEqual(m2, m1);
});
