import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  configRecord,
  DEFAULT_CONFIG,
  ExperimentConfig,
  featureSpecOf,
  makeConfig,
  mlpOptionsOf,
  parseConfig,
} from "../lib/experiment/config";
import { deriveSeed, experimentSeeds, SEED_OFFSETS } from "../lib/experiment/seeds";
import { evaluateScores, NO_INTERVALS } from "../lib/experiment/evaluate";
import { operatingPointTransfer } from "../lib/experiment/transfer";
import type { ExperimentResult, ModelResult } from "../lib/experiment/run";
import { featureSpec } from "../lib/features/spec";
import { Featurizer } from "../lib/features/featurizer";
import { intervalsCaption, summaryTable, transferTable } from "../lib/present/summary";
import { bootstrapCi } from "../lib/metrics/bootstrap";
import { ConfigError, InvalidInputError } from "../lib/errors";

/** makeConfig(overrides) must throw a ConfigError for `setting` whose message is exactly `message`. */
function refused(overrides: unknown, setting: string, message: string | RegExp): void {
  assert.throws(
    () => makeConfig(overrides as Parameters<typeof makeConfig>[0]),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.subject.setting, setting);
      if (typeof message === "string") assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    },
  );
}

describe("the configuration schema", () => {
  test("a bad value names its path, what is allowed and what was given", () => {
    refused({ mlp: { patience: 0 } }, "mlp.patience", "mlp.patience must be an integer ≥ 1, got 0");
    refused(
      { bootstrap: { resamples: -3 } },
      "bootstrap.resamples",
      /^bootstrap\.resamples must be an integer ≥ 0, got -3$/,
    );
    refused({ cvFolds: "5" }, "cvFolds", 'cvFolds must be an integer ≥ 2, got "5"');
    refused({ bootstrap: { level: 1 } }, "bootstrap.level", "bootstrap.level must be a number in (0, 1), got 1");
    refused({ logreg: { Cs: [1, 0] } }, "logreg.Cs[1]", "logreg.Cs[1] must be a number > 0, got 0");
    refused({ logreg: { Cs: [] } }, "logreg.Cs", /^logreg\.Cs must be a list of positive numbers of at least one item/);
    refused({ mlp: { dropout: 1 } }, "mlp.dropout", "mlp.dropout must be a number in [0, 1), got 1");
    refused({ mlp: { hiddenUnits: [16, 2.5] } }, "mlp.hiddenUnits[1]", /must be an integer ≥ 1, got 2\.5/);
    refused(
      { mlp: { classWeight: "even" } },
      "mlp.classWeight",
      /must be "balanced", null or \{ 0: weight, 1: weight \}/,
    );
    refused({ finalModel: "bagging" }, "finalModel", 'finalModel must be "fold-ensemble" or "refit", got "bagging"');
    refused(
      { models: ["logreg", "svm"] },
      "models[1]",
      /^models\[1\] must be "logreg" or "mlp" or "majority" or "keyword"/,
    );
    refused({ models: ["logreg", "logreg"] }, "models", "models must name each model once");
    refused({ keywords: ["fire", ""] }, "keywords[1]", 'keywords[1] must be a non-empty string, got ""');
  });

  test("nested settings are checked in full: policies, feature steps, n-gram blocks", () => {
    refused(
      { policy: { kind: "recallAtPrecision", minPrecision: 1.5 } },
      "policy.minPrecision",
      /in \(0, 1\], got 1\.5/,
    );
    refused({ policy: { kind: "best" } }, "policy.kind", /^policy\.kind must be one of "maxF1", "recallAtPrecision"/);
    refused({ policy: { kind: "maxF1", threshold: 0.5 } }, "policy.threshold", /^policy\.threshold is not a setting/);
    const spec = featureSpec(true, { kind: "chi2", k: 0 });
    refused(
      { features: { mlp: spec } },
      "features.mlp.lexical.k",
      "features.mlp.lexical.k must be an integer ≥ 1, got 0",
    );
    const lexicalOnly = featureSpec(false, { kind: "chi2", k: 100 });
    refused({ features: { mlp: lexicalOnly } }, "features.mlp", /needs dense input for the MLP/);
    const badBlock = {
      ...featureSpec(true, null),
      ngrams: [{ analyzer: "word", ngramRange: [3, 1], minDf: 2, maxFeatures: 10 }],
    };
    refused({ features: { logreg: badBlock } }, "features.logreg.ngrams[0].ngramRange", /smallest ≤ largest/);
  });

  test("unknown keys are refused at every level, with the known ones listed", () => {
    refused(JSON.parse('{"seeds": 7}'), "seeds", /^seeds is not a setting \(known: seed, cvFolds, policy,/);
    refused({ mlp: { patiense: 3 } }, "mlp.patiense", /^mlp\.patiense is not a setting \(known: hiddenUnits, dropout,/);
    refused({ bootstrap: { samples: 3 } }, "bootstrap.samples", /known: resamples, level/);
  });

  test("a seed beside the one seed is refused (it used to be silently overridden)", () => {
    refused({ mlp: { seed: 5 } }, "mlp.seed", /^mlp\.seed is not a setting: every seed derives from the one `seed`/);
    const seeded = featureSpec(false, { kind: "lsa", dimension: 8 }, 5);
    refused({ features: { logreg: seeded } }, "features.logreg.seed", /derives from the one `seed`/);
  });

  test("overrides merge one level deep; undefined keeps the base; a full config passes through unchanged", () => {
    const c = makeConfig({ logreg: { Cs: [1] }, mlp: { patience: undefined, maxEpochs: 7 } });
    assert.deepEqual(c.logreg, { ...DEFAULT_CONFIG.logreg, Cs: [1] });
    assert.deepEqual(c.mlp, { ...DEFAULT_CONFIG.mlp, maxEpochs: 7 });
    assert.deepEqual(makeConfig(c), c);
    assert.deepEqual(parseConfig(JSON.parse(JSON.stringify(c))), c, "a configuration read back from JSON");
    // Spreading a whole configuration and changing its seed changes every derived seed with it.
    const seven = makeConfig({ ...c, seed: 7 });
    assert.equal(mlpOptionsOf(seven).seed, 7);
  });
});

describe("seeds derived from the one seed", () => {
  test("every purpose's seed comes from deriveSeed, offsets as they always were", () => {
    assert.equal(deriveSeed(42, "mlp"), 42);
    assert.equal(deriveSeed(42, "label-change-rerun"), 53, "notebook 03's + 11");
    assert.equal(deriveSeed(7, "transfer-outer-folds"), 1007);
    assert.equal(new Set(Object.keys(SEED_OFFSETS)).size, Object.keys(SEED_OFFSETS).length);
    const c = makeConfig({ seed: 9 });
    assert.deepEqual(experimentSeeds(c), { cvFolds: 9, mlp: 9, bootstrap: 9, features: 9 });
    assert.equal(mlpOptionsOf(c).seed, deriveSeed(9, "mlp"));
    assert.equal(featureSpecOf(c, "logreg").seed, deriveSeed(9, "features"));
  });

  test("metrics.json records each derived seed where the settings are, keys in the order they always had", () => {
    const c: ExperimentConfig = makeConfig({ seed: 11 });
    const record = configRecord(c);
    assert.deepEqual(Object.keys(record), Object.keys(c));
    assert.equal(record.mlp.seed, 11);
    assert.deepEqual(Object.keys(record.mlp).slice(-1), ["seed"]);
    assert.deepEqual(Object.keys(record.features.mlp), ["encoder", "lexical", "ngrams", "seed"]);
    assert.equal(record.features.logreg.seed, 11);
    assert.equal("seed" in c.mlp, false, "the configuration itself holds one seed");
  });

  test("a standalone lsa step has no default seed: it asks for one", () => {
    const rows = { texts: ["a b c", "b c d", "c d e", "d e f"], X: { rows: 4, cols: 1, data: new Float32Array(4) } };
    const unseeded = {
      ...featureSpec(false, { kind: "lsa", dimension: 1 }),
      ngrams: [{ analyzer: "word" as const, ngramRange: [1, 1] as [number, number], minDf: 1, maxFeatures: 10 }],
    };
    assert.throws(() => Featurizer.fit(unseeded, rows, [0, 1, 0, 1]), /features\.seed is needed by an lsa step/);
    assert.doesNotThrow(() => Featurizer.fit({ ...unseeded, seed: 3 }, rows, [0, 1, 0, 1]));
  });
});

describe("bootstrap.resamples 0 means no intervals, and says so", () => {
  const y = [0, 0, 1, 1, 0, 1, 0, 0];
  const s = [0.1, 0.4, 0.8, 0.7, 0.2, 0.35, 0.6, 0.05];
  const options = { probabilistic: true, seed: 1, resamples: 0, level: 0.95 };

  test("the metric set carries the reason, never a bare null", () => {
    const m = evaluateScores(y, s, 0.5, options);
    assert.equal(m.noIntervals, NO_INTERVALS);
    assert.deepEqual(m.ci, { precision: null, recall: null, f1: null, averagePrecision: null });
    const withIntervals = evaluateScores(y, s, 0.5, { ...options, resamples: 20 });
    assert.equal(
      "noIntervals" in withIntervals,
      false,
      "a run with intervals has no such field (metrics.json unchanged)",
    );
    assert.ok(withIntervals.ci.recall !== null);
  });

  test("a bootstrap of zero resamples is refused rather than silently undefined", () => {
    assert.throws(
      () => bootstrapCi(y, s, () => 1, { resamples: 0 }),
      (e: unknown) => e instanceof InvalidInputError && /resamples/.test(e.message),
    );
  });

  test("tables and captions say there are no intervals; the transfer check says it was not checked", () => {
    const metrics = evaluateScores(y, s, 0.5, options);
    const model = {
      name: "logreg",
      threshold: { threshold: 0.5 },
      test: metrics,
      oof: metrics,
    } as unknown as ModelResult;
    const result = {
      config: makeConfig({ bootstrap: { resamples: 0 } }),
      models: [model],
    } as unknown as ExperimentResult;
    assert.equal(intervalsCaption(result), "no intervals: bootstrap.resamples is 0");
    const row = summaryTable(result)[0];
    assert.equal(row.precision, "0.667 (no interval)", "2 of the 3 flagged are positive");
    const [check] = operatingPointTransfer(result);
    assert.equal(check.holds, null);
    const shown = transferTable([check])[0];
    assert.match(shown["test recall"], /\(no interval\) not checked$/);
    assert.equal(intervalsCaption({ ...result, config: DEFAULT_CONFIG }), "95% bootstrap intervals, 1000 resamples");
  });
});
