import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExperimentData, Part } from "../../lib/experiment/data";
import { DEFAULT_CONFIG, makeConfig } from "../../lib/experiment/config";
import { disposeResult, ExperimentResult, modelResult, ProgressEvent, runExperiment } from "../../lib/experiment/run";
import { featureSpec } from "../../lib/features/spec";
import { PipelineJSON, pipelineFromJSON } from "../../lib/features/pipelines";
import { metricsJson } from "../../lib/runs/outputs";
import { makeRng } from "../../lib/util/random";

const data = loadExperimentData();
// Small but complete: every model, every fitted step (TF-IDF vocabulary and idf inside each fold, chi² selection,
// the MLP's carve). The logreg's default all-TF-IDF input is tested fold by fold in fold-safety.test.ts.
const quick = makeConfig({
  models: ["logreg", "mlp", "majority", "keyword"],
  bootstrap: { resamples: 50, level: 0.95 },
  logreg: { Cs: [0.3, 3] },
  mlp: { maxEpochs: 6, patience: 2, hiddenUnits: [16] },
  features: { logreg: featureSpec(true, { kind: "chi2", k: 3000 }), mlp: featureSpec(true, { kind: "chi2", k: 500 }) },
  cvFolds: 3,
});

// One run of the quick configuration on two workers, shared by the tests below (each experiment costs seconds).
const events: ProgressEvent[] = [];
let baseRun: Promise<ExperimentResult> | null = null;
const base = () => (baseRun ??= runExperiment(data, quick, (e) => events.push(e), { workers: 2 }));

/** The same test rows with every label flipped, every embedding replaced by noise and every text changed. */
function scrambledTest(t: Part): Part {
  const rng = makeRng(99);
  return {
    ...t,
    y: t.y.map((v) => 1 - v),
    texts: t.texts.map((s) => `safety security ${s}`),
    X: { ...t.X, data: Float32Array.from(t.X.data, () => rng() - 0.5) },
  };
}

test("C, thresholds, early stopping and every fitted step never see the test split: scrambling test rows changes none of them", async () => {
  const a = await base();
  const b = await runExperiment({ ...data, test: scrambledTest(data.test) }, quick);
  for (const name of quick.models) {
    const ma = modelResult(a, name);
    const mb = modelResult(b, name);
    assert.deepEqual(mb.selected, ma.selected, `${name}: what CV selected changed`);
    assert.equal(mb.threshold.threshold, ma.threshold.threshold, `${name}: threshold changed`);
    assert.deepEqual(mb.scores.oof, ma.scores.oof, `${name}: out-of-fold scores changed`);
    // The final pipeline (vocabulary, idf, selected columns, weights, early-stopping epochs) is the same too.
    assert.deepEqual(mb.fitted.toJSON(), ma.fitted.toJSON(), `${name}: the final pipeline changed`);
  }
  assert.notEqual(
    modelResult(a, "logreg").test.averagePrecision,
    modelResult(b, "logreg").test.averagePrecision,
    "the scramble did reach the test evaluation",
  );
  disposeResult(b);
});

test("same seed, same metrics.json byte for byte, on 1 or 2 worker threads; another seed, other folds", async () => {
  const a = await base();
  const one = await runExperiment(data, quick, () => {}, { workers: 1 });
  assert.equal(JSON.stringify(metricsJson(one)), JSON.stringify(metricsJson(a)));
  for (const name of ["logreg", "mlp"] as const)
    assert.deepEqual(modelResult(one, name).scores.test, modelResult(a, name).scores.test, `${name} test scores`);
  const c = await runExperiment(data, makeConfig({ ...quick, seed: 7, models: ["logreg"], logreg: { Cs: [3] } }));
  assert.notDeepEqual(modelResult(c, "logreg").scores.oof, modelResult(a, "logreg").scores.oof);
  [one, c].forEach(disposeResult);
});

test("the final model is the fold models averaged (or, when asked, a refit on all training rows)", async () => {
  const r = await base();
  const saved = modelResult(r, "logreg").fitted.toJSON() as PipelineJSON;
  assert.equal(saved.kind, "fold-ensemble");
  const members = await Promise.all((saved as { members: PipelineJSON[] }).members.map(pipelineFromJSON));
  assert.equal(members.length, quick.cvFolds);
  const each = await Promise.all(members.map((m) => m.predictProba(data.test)));
  modelResult(r, "logreg").scores.test.forEach((s, i) =>
    assert.ok(Math.abs(s - each.reduce((a, p) => a + p[i], 0) / each.length) < 1e-12, `row ${i}`),
  );
  const refit = await runExperiment(data, makeConfig({ ...quick, models: ["logreg"], finalModel: "refit" }));
  assert.equal((modelResult(refit, "logreg").fitted.toJSON() as PipelineJSON).kind, "logreg-pipeline");
  assert.deepEqual(
    modelResult(refit, "logreg").scores.oof,
    modelResult(r, "logreg").scores.oof,
    "the final model never changes out-of-fold scores",
  );
  disposeResult(refit);
});

test("the threshold comes from out-of-fold training scores under the configured policy", async () => {
  const r = await runExperiment(
    data,
    makeConfig({
      ...quick,
      models: ["logreg"],
      logreg: { Cs: [3] },
      policy: { kind: "recallAtPrecision", minPrecision: 0.8 },
    }),
  );
  const m = modelResult(r, "logreg");
  assert.equal(m.threshold.policy.kind, "recallAtPrecision");
  assert.ok((m.oof.precision ?? NaN) >= 0.8, `OOF precision at the chosen threshold ${m.oof.precision}`);
  assert.equal(m.oof.threshold, m.threshold.threshold);
});

test("baselines: majority flags nothing (precision undefined, not NaN), keyword is a fixed rule", async () => {
  const r = await base();
  const maj = modelResult(r, "majority");
  assert.equal(maj.test.confusion.tp + maj.test.confusion.fp, 0);
  assert.equal(maj.test.precision, null, "no value, not a 0 that looks measured");
  assert.deepEqual(Object.keys(maj.test.undefinedMetrics), ["precision"]);
  assert.match(maj.test.undefinedMetrics.precision ?? "", /nothing was flagged/);
  assert.equal(maj.test.ci.precision, null);
  assert.equal(maj.oof.precision, null, "out-of-fold too");
  assert.equal(maj.threshold.precision, null, "and in the threshold choice");
  assert.equal(maj.test.recall, 0, "recall is defined: every positive was missed");
  assert.ok(maj.test.accuracy > 0.85, "high accuracy that means nothing");
  assert.equal(maj.test.rocAuc, 0.5);
  assert.equal(modelResult(r, "keyword").threshold.threshold, 0.5);
  assert.equal(modelResult(r, "keyword").test.logLoss, null, "no log-loss for a 0/1 rule");
});

test("config validation names the bad setting", () => {
  assert.throws(() => makeConfig({ models: ["svm" as never] }), /models\[0\] must be "logreg" or "mlp"/);
  assert.throws(() => makeConfig({ cvFolds: 1 }), /cvFolds/);
  assert.throws(() => makeConfig({ finalModel: "bagging" as never }), /finalModel/);
  assert.throws(() => makeConfig({ policy: { kind: "recallAtPrecision", minPrecision: 1.5 } }), /minPrecision/);
  // A misspelt setting (say, from a notebook) is refused, not silently ignored.
  const misspelt = JSON.parse('{"seeds": 7}');
  assert.throws(() => makeConfig(misspelt), /seeds is not a setting \(known: seed, cvFolds/);
});

test("config overrides merge one level deep and leave the base untouched", () => {
  const c = makeConfig({ logreg: { Cs: [1] }, bootstrap: { resamples: 50 } });
  assert.deepEqual(c.logreg, { ...DEFAULT_CONFIG.logreg, Cs: [1] });
  assert.deepEqual(c.bootstrap, { resamples: 50, level: DEFAULT_CONFIG.bootstrap.level });
  assert.deepEqual(c.mlp, DEFAULT_CONFIG.mlp);
  assert.deepEqual(makeConfig({ seed: undefined }).seed, DEFAULT_CONFIG.seed, "an undefined override keeps the base");
  assert.notEqual(DEFAULT_CONFIG.logreg.Cs.length, 1, "the default was not changed in place");
  assert.deepEqual(makeConfig(c), c, "a full configuration passes through unchanged");
});

test("progress callbacks report every stage of every model, ending at done = total", async () => {
  await base();
  const last = events[events.length - 1];
  assert.equal(last.done, last.total);
  assert.equal(last.total, quick.models.length * 5);
  for (const model of ["logreg", "mlp"]) {
    for (const stage of ["cross-validation", "threshold", "refit", "test", "bootstrap"]) {
      assert.ok(
        events.some((e) => e.model === model && e.stage === stage),
        `no ${stage} event for ${model}`,
      );
    }
  }
  assert.ok(
    events.every((e, k) => k === 0 || e.done >= events[k - 1].done),
    "done never goes backwards",
  );
});
