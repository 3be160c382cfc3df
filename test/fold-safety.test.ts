import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { chi2Scores, selectKBest } from "../lib/features/chi2";
import { crossValPredictRows, gridSearchLogreg } from "../lib/experiment/cv";
import { Featurizer, TextRows } from "../lib/features/featurizer";
import { LogregPipeline, MlpPipeline } from "../lib/features/pipelines";
import { featureSpec } from "../lib/features/spec";
import { stratifiedGroupHoldout } from "../lib/split/split";
import { makeRng } from "../lib/util/random";
import { fittingRows, fixture } from "./helpers";

const { y, groups, rows, folds } = fittingRows();

/** The same rows with the texts and vectors of `changed` replaced (labels kept). */
function scramble(r: TextRows, changed: readonly number[]): TextRows {
  const set = new Set(changed);
  const noise = makeRng(77);
  const X = Float32Array.from(r.X.data);
  for (const i of set) for (let j = 0; j < r.X.cols; j++) X[i * r.X.cols + j] = noise() - 0.5;
  return {
    texts: r.texts.map((t, i) => (set.has(i) ? `safety security hazard ${i} ${t.split("").reverse().join("")}` : t)),
    X: { ...r.X, data: X },
  };
}

// Half of fold 0's validation rows change; the other half must keep their out-of-fold scores,
// because fold 0's model (featurizer included) was fitted on folds 1 and 2 alone.
const heldOut = folds[0].validation;
const changed = heldOut.filter((_, k) => k % 2 === 0);
const unchanged = heldOut.filter((_, k) => k % 2 === 1);

for (const lexical of [
  { kind: "tfidf" } as const,
  { kind: "chi2", k: 200 } as const,
  { kind: "lsa", dimension: 16 } as const,
]) {
  test(`logreg pipeline (encoder + ${lexical.kind}): changing validation texts moves no other validation row's out-of-fold score`, async () => {
    const spec = featureSpec(true, lexical, 42);
    const make = () => new LogregPipeline(spec, { C: 1, classWeight: "balanced" });
    const a = await crossValPredictRows(make, rows, y, groups, folds);
    const b = await crossValPredictRows(make, scramble(rows, changed), y, groups, folds);
    for (const i of unchanged) assert.equal(b[i], a[i], `row ${i}`);
    assert.ok(
      changed.some((i) => a[i] !== b[i]),
      "the scramble reached the changed rows",
    );
  });
}

test("grid search: the per-fold featurizer never sees its validation rows (fold scores of unchanged rows stay put)", async () => {
  const spec = featureSpec(true, { kind: "tfidf" });
  const options = { classWeight: "balanced" as const, standardize: false };
  const a = await gridSearchLogreg([0.3, 3], spec, options, rows, y, folds, { workers: 1 });
  const b = await gridSearchLogreg([0.3, 3], spec, options, scramble(rows, changed), y, folds, { workers: 1 });
  a.points.forEach((p, k) =>
    unchanged.forEach((i) => assert.equal(b.points[k].oof[i], p.oof[i], `C=${p.params}, row ${i}`)),
  );
});

test("MLP pipeline: the featurizer is fitted on the early-stopping carve's training rows only", async () => {
  const options = {
    hiddenUnits: [8],
    maxEpochs: 3,
    patience: 1,
    dropout: 0,
    learningRate: 1e-3,
    batchSize: 64,
    l2: 1e-4,
    classWeight: "balanced" as const,
    validationFraction: 0.2,
    seed: 3,
  };
  const spec = featureSpec(true, { kind: "chi2", k: 100 });
  const carve = stratifiedGroupHoldout(y, groups, options.validationFraction, options.seed);
  const a = await new MlpPipeline(spec, options).fit(rows, y, groups);
  const b = await new MlpPipeline(spec, options).fit(scramble(rows, carve.test), y, groups);
  assert.deepEqual(b.featurizer!.toJSON(), a.featurizer!.toJSON(), "vocabulary, idf or selected columns moved");
  const c = await new MlpPipeline(spec, options).fit(scramble(rows, carve.train.slice(0, 50)), y, groups);
  assert.notDeepEqual(c.featurizer!.toJSON(), a.featurizer!.toJSON(), "the check can fail: training texts do move it");
  [a, b, c].forEach((p) => p.dispose());
});

test("featurizer: transform gives the encoder columns then the lexical ones; a saved featurizer transforms identically", () => {
  for (const lexical of [
    null,
    { kind: "tfidf" } as const,
    { kind: "chi2", k: 50 } as const,
    { kind: "lsa", dimension: 8 } as const,
  ]) {
    const spec = featureSpec(true, lexical, 42);
    const { featurizer: f, design: fitted } = Featurizer.fitTransform(spec, rows, y);
    const d = f.transform(rows);
    assert.deepEqual(fitted, d, `${lexical?.kind ?? "encoder only"}: fitTransform differs from fit then transform`);
    assert.equal(d.dense!.data[3], rows.X.data[3], "encoder columns come first, unchanged");
    const again = Featurizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON()))).transform(rows);
    assert.deepEqual(again, d, `${lexical?.kind ?? "encoder only"}: reloaded featurizer differs`);
  }
  assert.throws(() => featureSpec(false, null), /needs the encoder, a lexical step, or both/);
});

test("chi² scores and SelectKBest picks equal scikit-learn's (fixture)", () => {
  const ref = JSON.parse(fs.readFileSync(fixture("sklearn", "chi2.json"), "utf8"));
  const X = {
    rows: ref.rows,
    cols: ref.cols,
    indptr: Int32Array.from(ref.indptr),
    indices: Int32Array.from(ref.indices),
    values: Float64Array.from(ref.values),
  };
  const scores = chi2Scores(X, ref.y);
  ref.scores.forEach((s: number, j: number) =>
    assert.ok(Math.abs(scores[j] - s) < 1e-10 * Math.max(1, s), `column ${j}: ${scores[j]} vs ${s}`),
  );
  for (const [k, picks] of Object.entries(ref.picks)) assert.deepEqual(selectKBest(scores, Number(k)), picks, `k=${k}`);
});
