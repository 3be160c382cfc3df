/**
 * Each classic pitfall of a quick take-home notebook, reproduced on purpose and
 * measured next to the clean pipeline, every number with its n and an interval. The faulty patterns live here, in one
 * place, only to be measured; the rest of the library guards against them.
 */
import type { Dataset } from "../data/dataset";
import { parseLabel } from "../data/labels";
import { allRows, ExperimentData } from "../experiment/data";
import { logregOutOfFoldScores } from "../experiment/cv";
import { ExperimentResult, modelResult } from "../experiment/run";
import { Featurizer, takeTextRows, TextRows } from "../features/featurizer";
import { LogregPipeline } from "../features/pipelines";
import { MlpClassifier } from "../models/mlp";
import { describeFeatures, FeatureSpec } from "../features/spec";
import { takeRows } from "../linalg/matrix";
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import { averagePrecision, rocAuc } from "../metrics/curves";
import { chooseThreshold } from "../metrics/threshold";
import { LogisticRegression } from "../models/logisticRegression";
import { stratifiedGroupHoldout, stratifiedGroupKFold } from "../split/split";
import { makeRng, shuffled } from "../util/random";

import { metricAt } from "../metrics/metricAt";
import {
  accuracyAt,
  BootstrapSettings,
  overSeeds,
  pairedArms,
  PitfallMeasure,
  scored,
  seedDifference,
  share,
} from "./measure";

export * from "./measure";

/** Bootstrap settings for rows of the clean run's test split (whole repeat groups resampled). */
const onTest = (clean: ExperimentResult): BootstrapSettings => ({
  resamples: clean.config.bootstrap.resamples,
  seed: clean.config.seed,
  groups: clean.test.groups,
});
/** A metric the clean run must have measured (average precision, ROC-AUC: both classes are on the test split). */
function measured<T>(x: T | null, what: string): T {
  if (x === null) throw new Error(`the clean run has no ${what} (undefined on its test split)`);
  return x;
}
const positives = (ys: number[]) => ys.reduce((a, b) => a + b, 0);

/** 1. Casting label strings to booleans: every non-empty string is truthy, "False" included. */
export function labelCastPitfall(dataset: Dataset): PitfallMeasure[] {
  const raw = dataset.usable.map((r) => r.rawLabel);
  const clean = positives(raw.map((s) => measured(parseLabel(s), `label of a usable row (${s})`).label));
  const lost = raw.filter((s) => s !== "True" && s !== "False").length;
  return [
    {
      pitfall: "label strings cast to booleans",
      metric: "positive rate with Boolean(label)",
      nOf: "usable rows",
      faulty: share(positives(raw.map((s) => (Boolean(s) ? 1 : 0))), raw.length),
      clean: share(clean, raw.length),
      guard: "lib/data/labels.ts parseLabel",
      test: 'test/labels.test.ts › "False" is never truthy',
    },
    {
      pitfall: "label strings compared exactly",
      metric: 'share of rows lost to label === "True"/"False"',
      nOf: "usable rows",
      faulty: share(lost, raw.length),
      clean: share(0, raw.length),
      guard: "lib/data/labels.ts parseLabel",
      test: "test/labels.test.ts › case, surrounding white space and one trailing period are accepted and flagged",
    },
  ];
}

/** The clean run's logistic regression settings: its features and the C cross-validation chose. */
function logregSettings(clean: ExperimentResult): { C: number; features: FeatureSpec } {
  return { C: modelResult(clean, "logreg").selected.C, features: clean.config.features.logreg };
}

/** Fit the logistic regression pipeline (featurizer included) on some rows, score others. */
async function logregScores(
  rows: TextRows,
  y: number[],
  trainIdx: number[],
  testIdx: number[],
  clean: ExperimentResult,
): Promise<Float64Array> {
  const { C, features } = logregSettings(clean);
  const m = await new LogregPipeline(features, { C, classWeight: "balanced" }).fit(
    takeTextRows(rows, trainIdx),
    trainIdx.map((i) => y[i]),
  );
  return m.predictProba(takeTextRows(rows, testIdx));
}

/** 2. A random row split puts copies of one message on both sides. */
export async function repeatsAcrossSplitPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
  seed: number,
): Promise<PitfallMeasure[]> {
  const all = allRows(data);
  const order = shuffled(
    all.ids.map((_, i) => i),
    makeRng(seed),
  );
  const cut = Math.round(0.8 * order.length);
  const train = order.slice(0, cut);
  const test = order.slice(cut);
  const trainKeys = new Set(train.map((i) => all.keys[i]));
  const scores = await logregScores(all, all.y, train, test, clean);
  // Same model, same threshold: recall on positives that have a copy in train against those that do not.
  const isLeaked = test.map((i) => trainKeys.has(all.keys[i]));
  const leaked = isLeaked.filter(Boolean).length;
  // Recall as k/n: caught positives out of the positives in that part of the test rows.
  const recallAmong = (leakedPart: boolean) => {
    const pos = test.map((_, k) => k).filter((k) => isLeaked[k] === leakedPart && all.y[test[k]] === 1);
    if (!pos.length)
      throw new Error(`seed ${seed}: the row split left no ${leakedPart ? "leaked" : "fresh"} positives`);
    return share(pos.filter((k) => scores[k] >= 0.5).length, pos.length);
  };
  return [
    {
      pitfall: "repeats on both sides of the split",
      metric: "share of test messages with a copy in train",
      nOf: "test rows of a random row split (clean: the group split's test rows)",
      faulty: share(leaked, test.length),
      clean: share(0, clean.test.y.length),
      guard: "lib/split/split.ts stratifiedGroupHoldout; lib/split/splitFile.ts readSplitFile",
      test: "test/split.test.ts › holdout: no repeat group straddles train and test, on the real data and on synthetic groups",
    },
    {
      pitfall: "repeats on both sides of the split",
      metric: "recall (threshold 0.5) on positives with a copy in train vs without",
      nOf: "test positives (with a copy in train | without)",
      arms: { faulty: "leaked positives", clean: "fresh positives" },
      faulty: recallAmong(true),
      clean: recallAmong(false),
      guard: "lib/split/split.ts stratifiedGroupHoldout",
      test: "test/split.test.ts › the committed data/split.csv is what `npm run split` regenerates, and it validates",
    },
  ];
}

/** 3. Scoring the rows the model was trained on. */
export async function evaluateOnTrainPitfall(data: ExperimentData, clean: ExperimentResult): Promise<PitfallMeasure[]> {
  const { C, features } = logregSettings(clean);
  const m = await new LogregPipeline(features, { C, classWeight: "balanced" }).fit(data.train, data.train.y);
  const inSample = await m.predictProba(data.train);
  const b = onTest(clean);
  return [
    {
      pitfall: "evaluating on training data",
      metric: "logreg average precision",
      nOf: "rows scored (faulty: training rows, in-sample; clean: test rows)",
      faulty: scored(data.train.y, inSample, averagePrecision, { ...b, groups: data.train.groups }),
      clean: scored(clean.test.y, modelResult(clean, "logreg").scores.test, averagePrecision, b),
      guard: "lib/experiment/cv.ts crossValPredict (out-of-fold only); runExperiment scores test once",
      test: "test/pitfalls.test.ts › crossValPredict never scores a row with a model that saw it",
    },
  ];
}

/** 4. Choosing the threshold (or C) by looking at the test set. */
export async function tunedOnTestPitfall(data: ExperimentData, clean: ExperimentResult): Promise<PitfallMeasure[]> {
  const lr = modelResult(clean, "logreg");
  const tuned = chooseThreshold(data.test.y, lr.scores.test, clean.config.policy);
  const Cs = clean.config.logreg.Cs;
  const trainIdx = data.train.ids.map((_, i) => i);
  const all = allRows(data);
  const testIdx = data.test.ids.map((_, i) => data.train.ids.length + i);
  const features = clean.config.features.logreg;
  const featurizer = Featurizer.fit(features, data.train, data.train.y);
  const [trainX, testX] = [
    featurizer.transform(takeTextRows(all, trainIdx)),
    featurizer.transform(takeTextRows(all, testIdx)),
  ];
  const scoresAt = (C: number) =>
    new LogisticRegression({ C, classWeight: "balanced" }).fit(trainX, data.train.y).predictProba(testX);
  const byC = Cs.map(scoresAt);
  const aps = byC.map((s) => averagePrecision(data.test.y, Array.from(s)));
  const bestOnTest = byC[aps.indexOf(Math.max(...aps))];
  // Like with like: the same refit model, at the C that cross-validation chose on the training split.
  const honest = scoresAt(logregSettings(clean).C);
  const b = onTest(clean);
  const f1At = (t: number) => metricAt("f1", t);
  return [
    {
      pitfall: "threshold tuned on test",
      metric: "test F1 (same scores, threshold chosen on test vs on out-of-fold scores)",
      nOf: "test rows",
      ...pairedArms(
        data.test.y,
        lr.scores.test,
        lr.scores.test,
        f1At(tuned.threshold),
        b,
        f1At(lr.threshold.threshold),
      ),
      guard: "lib/experiment/run.ts (threshold from out-of-fold training scores)",
      test: "test/experiment.test.ts › C, thresholds, early stopping and every fitted step never see the test split: scrambling test rows changes none of them",
    },
    {
      pitfall: "C tuned on test",
      metric: "test average precision (best C on test vs the C cross-validation chose)",
      nOf: "test rows",
      ...pairedArms(data.test.y, bestOnTest, honest, averagePrecision, b),
      guard: "lib/experiment/cv.ts gridSearchLogreg on the training split",
      test: "test/experiment.test.ts › C, thresholds, early stopping and every fitted step never see the test split: scrambling test rows changes none of them",
    },
  ];
}

/**
 * 5. Early stopping that watches the test set. Like with like: per seed, one MLP that stops on the test split
 * against one that stops on a validation carve of its own training rows; everything else equal.
 */
export async function earlyStoppingOnTestPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
  seeds: number[],
): Promise<PitfallMeasure[]> {
  const featurizer = Featurizer.fit(clean.config.features.mlp, data.train, data.train.y);
  const [trainX, testX] = [featurizer.transform(data.train), featurizer.transform(data.test)];
  const testAp = async (m: MlpClassifier) => {
    const ap = averagePrecision(data.test.y, Array.from(await m.predictProba(testX)));
    m.dispose();
    return ap;
  };
  const [faulty, fixed]: number[][] = [[], []];
  for (const seed of seeds) {
    const opts = { ...clean.config.mlp, seed };
    faulty.push(
      await testAp(await new MlpClassifier(opts).fitWithValidation(trainX, data.train.y, testX, data.test.y)),
    );
    fixed.push(await testAp(await new MlpClassifier(opts).fit(trainX, data.train.y, data.train.groups)));
  }
  return [
    {
      pitfall: "early stopping on test",
      metric: `mlp test average precision, mean over ${seeds.length} seeds (min–max)`,
      nOf: "test rows",
      faulty: overSeeds(faulty, data.test.y.length),
      clean: overSeeds(fixed, data.test.y.length),
      difference: seedDifference(faulty, fixed),
      guard: "lib/models/mlp.ts fit carves validation rows from its training rows",
      test: "test/mlp.test.ts › MLP learns a separable signal, with early stopping on its own validation carve",
    },
  ];
}

/**
 * 6. Accuracy on data that is seven-eighths negative. Not a faulty-vs-clean pair: the same two models (majority
 * class and logreg) on three metrics, to show which metric can tell them apart.
 */
export function accuracyPitfall(clean: ExperimentResult): PitfallMeasure[] {
  const [maj, lr] = [modelResult(clean, "majority"), modelResult(clean, "logreg")];
  const y = clean.test.y;
  const b = onTest(clean);
  const common = {
    pitfall: "accuracy under imbalance",
    nOf: "test rows",
    arms: { faulty: "majority class", clean: "logreg" },
    test: "test/experiment.test.ts › baselines: majority flags nothing (precision undefined, not NaN), keyword is a fixed rule",
  };
  const at = (metric: "recall" | "accuracy", m: typeof maj | typeof lr) =>
    metric === "accuracy" ? accuracyAt(m.threshold.threshold) : metricAt(metric, m.threshold.threshold);
  return [
    {
      ...common,
      metric: "test accuracy",
      ...pairedArms(y, maj.scores.test, lr.scores.test, at("accuracy", maj), b, at("accuracy", lr)),
      guard: "reports lead with precision, recall and AP, beside the majority baseline",
    },
    {
      ...common,
      metric: "test recall",
      ...pairedArms(y, maj.scores.test, lr.scores.test, at("recall", maj), b, at("recall", lr)),
      guard: "reports lead with precision, recall and AP",
    },
    {
      ...common,
      metric: "test average precision",
      ...pairedArms(y, maj.scores.test, lr.scores.test, averagePrecision, b),
      guard: "reports lead with precision, recall and AP",
    },
  ];
}

/** 7. Embeddings that no longer line up with their rows (a shuffle, a dropped row). */
export async function misalignedEmbeddingsPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
  seed: number,
): Promise<PitfallMeasure[]> {
  const { C, features } = logregSettings(clean);
  const m = await new LogregPipeline(features, { C, classWeight: "balanced" }).fit(data.train, data.train.y);
  // The texts stay in place; only the encoder's rows move, as when a .npy no longer matches its CSV.
  const scoresWith = (order: number[]) => m.predictProba({ texts: data.test.texts, X: takeRows(data.test.X, order) });
  const aligned = await scoresWith(data.test.ids.map((_, i) => i));
  const shuffledScores = await scoresWith(
    shuffled(
      data.test.ids.map((_, i) => i),
      makeRng(seed),
    ),
  );
  // One dropped row: every embedding after it is paired with the next message.
  const shifted = await scoresWith(data.test.ids.map((_, i) => Math.min(i + 1, data.test.ids.length - 1)));
  const b = onTest(clean);
  return [
    {
      pitfall: "embeddings misaligned (shuffled)",
      metric: "logreg test average precision (same fitted model, aligned rows as clean)",
      nOf: "test rows",
      ...pairedArms(data.test.y, shuffledScores, aligned, averagePrecision, b),
      guard: "lib/embeddings/manifest.ts checkAlignment (ids, order, text hashes)",
      test: "test/embeddings.test.ts › misaligned embeddings are refused with what changed: rows, order, text",
    },
    {
      pitfall: "embeddings misaligned (one row dropped)",
      metric: "logreg test average precision (same fitted model, aligned rows as clean)",
      nOf: "test rows",
      ...pairedArms(data.test.y, shifted, aligned, averagePrecision, b),
      guard: "lib/embeddings/manifest.ts checkAlignment",
      test: "test/embeddings.test.ts › misaligned embeddings are refused with what changed: rows, order, text",
    },
  ];
}

/**
 * 8a. The lexical step (TF-IDF vocabulary and idf; with a chi² selection, also its label statistics) fitted on all
 * texts, test included. The fit is deterministic, so
 * the only draw is the split: each seed re-splits all rows by repeat group, and both arms score that seed's test rows.
 */
export async function vectorizerOnAllDataPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
  seeds: number[],
): Promise<PitfallMeasure[]> {
  const { C, features } = logregSettings(clean);
  const all = allRows(data);
  const [faulty, fixed]: number[][] = [[], []];
  let testRows = 0;
  for (const seed of seeds) {
    const split = stratifiedGroupHoldout(all.y, all.groups, 0.2, seed);
    const [train, test] = [takeTextRows(all, split.train), takeTextRows(all, split.test)];
    const [yTrain, yTest] = [split.train.map((i) => all.y[i]), split.test.map((i) => all.y[i])];
    const apWhenFittedOn = (fitRows: TextRows, fitY: number[]) => {
      const f = Featurizer.fit(features, fitRows, fitY);
      const m = new LogisticRegression({ C, classWeight: "balanced" }).fit(f.transform(train), yTrain);
      return averagePrecision(yTest, Array.from(m.predictProba(f.transform(test))));
    };
    faulty.push(apWhenFittedOn(all, all.y));
    fixed.push(apWhenFittedOn(train, yTrain));
    testRows = split.test.length;
  }
  // A chi² selection is fitted with labels: on all rows it also sees the test labels, a second leak on top.
  const labelsToo = features.lexical?.kind === "chi2" ? " (chi² selection included: it also sees test labels)" : "";
  return [
    {
      pitfall: `vectorizer fitted on all data${labelsToo}`,
      metric: `logreg test AP, mean over ${seeds.length} group splits (min–max)`,
      nOf: "test rows per split (last split)",
      faulty: overSeeds(faulty, testRows),
      clean: overSeeds(fixed, testRows),
      difference: seedDifference(faulty, fixed),
      guard: "lib/features/pipelines.ts: the featurizer is fitted inside fit(), on the rows the model trains on",
      test: "test/experiment.test.ts › C, thresholds, early stopping and every fitted step never see the test split: scrambling test rows changes none of them",
    },
  ];
}

/**
 * 8b. The same mistake inside cross-validation: the lexical step fitted once on the whole training split, then
 * cross-validated. Validation rows are then featurized in-sample while test rows are out-of-sample, so a threshold
 * chosen on out-of-fold scores flags another share of test messages than it promised. Both arms use the same
 * features, C, policy and final model; only where the featurizer is fitted during cross-validation differs.
 */
export async function vectorizerInCvPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
  features = clean.config.features.logreg,
  seeds: number[] = [clean.config.seed],
): Promise<PitfallMeasure[]> {
  const { C } = logregSettings(clean);
  const { train, test } = data;
  const lr = () => new LogisticRegression({ C, classWeight: "balanced" });
  const whole = Featurizer.fit(features, train, train.y);
  const testScores = lr().fit(whole.transform(train), train.y).predictProba(whole.transform(test));
  // Each seed draws other folds (the test-time model does not depend on them).
  const foldSets = seeds.map((seed) => stratifiedGroupKFold(train.y, train.groups, clean.config.cvFolds, seed));
  // Faulty: every fold reuses the featurizer fitted on the whole training split (cheap: only the LR is refitted).
  const faultyOof = foldSets.map((folds) => {
    const oof = new Float64Array(train.y.length);
    for (const f of folds) {
      const yFit = f.train.map((i) => train.y[i]);
      lr()
        .fit(whole.transform(takeTextRows(train, f.train)), yFit)
        .predictProba(whole.transform(takeTextRows(train, f.validation)))
        .forEach((p, k) => (oof[f.validation[k]] = p));
    }
    return oof;
  });
  // Clean: the featurizer fitted inside each fold (the costly part with an SVD), all folds on the worker pool.
  const balanced = { classWeight: "balanced" as const, standardize: false };
  const fixedOof = await logregOutOfFoldScores(C, features, balanced, train, train.y, foldSets);
  const gapsOf = (oof: Float64Array) => {
    const threshold = chooseThreshold(train.y, oof, clean.config.policy).threshold;
    const oofAt = confusionAt(train.y, oof, threshold);
    const testAt = confusionAt(test.y, testScores, threshold);
    const flagged = (c: typeof oofAt) => (c.tp + c.fp) / (c.tp + c.fp + c.tn + c.fn);
    return {
      flagGap: 100 * (flagged(oofAt) - flagged(testAt)),
      precisionGap: scoresFromConfusion(oofAt).precision - scoresFromConfusion(testAt).precision,
    };
  };
  const runs = seeds.map((_, k) => ({ faulty: gapsOf(faultyOof[k]), fixed: gapsOf(fixedOof[k]) }));
  const gaps = (key: "flagGap" | "precisionGap") => ({
    faulty: runs.map((r) => r.faulty[key]),
    fixed: runs.map((r) => r.fixed[key]),
  });
  const [flag, precision] = [gaps("flagGap"), gaps("precisionGap")];
  const n = train.y.length;
  const name = `vectorizer fitted outside the CV folds (${describeFeatures(features)})`;
  const guard = "lib/experiment/cv.ts gridSearchLogreg and crossValPredictMlp fit the featurizer inside each fold";
  const test_ =
    "test/fold-safety.test.ts › grid search: the per-fold featurizer never sees its validation rows (fold scores of unchanged rows stay put)";
  return [
    {
      pitfall: name,
      metric: `flagged share, out-of-fold minus test (points), mean over ${seeds.length} fold seeds (min–max)`,
      nOf: "training rows scored out-of-fold",
      faulty: overSeeds(flag.faulty, n),
      clean: overSeeds(flag.fixed, n),
      difference: seedDifference(flag.faulty, flag.fixed),
      guard,
      test: test_,
    },
    {
      pitfall: name,
      metric: `precision, out-of-fold minus test, mean over ${seeds.length} fold seeds (min–max)`,
      nOf: "training rows scored out-of-fold",
      faulty: overSeeds(precision.faulty, n),
      clean: overSeeds(precision.fixed, n),
      difference: seedDifference(precision.faulty, precision.fixed),
      guard,
      test: test_,
    },
  ];
}

/** 9. ROC-AUC from hard 0/1 predictions. */
export function rocFromHardLabelsPitfall(clean: ExperimentResult): PitfallMeasure[] {
  const lr = modelResult(clean, "logreg");
  const hard = Array.from(lr.scores.test, (s) => (s >= lr.threshold.threshold ? 1 : 0));
  return [
    {
      pitfall: "ROC-AUC from hard labels",
      metric: "logreg test ROC-AUC (hard 0/1 predictions vs scores)",
      nOf: "test rows",
      ...pairedArms(clean.test.y, hard, lr.scores.test, rocAuc, onTest(clean)),
      guard: "lib/experiment/evaluate.ts evaluateScores passes scores to rocAuc",
      test: "test/pitfalls.test.ts › reported ROC-AUC is computed from scores, not from hard predictions",
    },
  ];
}

/** 10. Precision when nothing is flagged: 0/0. */
export function undefinedPrecisionPitfall(clean: ExperimentResult): PitfallMeasure[] {
  const lr = modelResult(clean, "logreg");
  const high = Math.max(...lr.scores.test) + 1e-9;
  const c = confusionAt(clean.test.y, lr.scores.test, high);
  const naive = c.tp / (c.tp + c.fp);
  const ours = scoresFromConfusion(c);
  const n = c.tp + c.fp;
  return [
    {
      pitfall: "precision undefined at a high threshold",
      metric: "precision when nothing is flagged",
      nOf: "flagged test rows",
      faulty: { value: naive, n },
      // null: undefined, and listed as such; a number only if the metric were defined after all.
      clean: { value: ours.undefined.includes("precision") ? null : ours.precision, n },
      guard: "lib/metrics/confusion.ts scoresFromConfusion zero-division rule",
      test: "test/metrics.test.ts › zero denominators follow the documented rule and are flagged, never NaN",
    },
  ];
}

/** 11. One split is one draw: how much the test AP moves when only the split's seed changes. */
export async function splitVariancePitfall(
  data: ExperimentData,
  clean: ExperimentResult,
  seeds: number[],
): Promise<PitfallMeasure[]> {
  const all = allRows(data);
  const aps: number[] = [];
  for (const seed of seeds) {
    const s = stratifiedGroupHoldout(all.y, all.groups, 0.2, seed);
    aps.push(
      averagePrecision(
        s.test.map((i) => all.y[i]),
        Array.from(await logregScores(all, all.y, s.train, s.test, clean)),
      ),
    );
  }
  const ci = measured(modelResult(clean, "logreg").test.ci.averagePrecision, "test AP interval");
  return [
    {
      pitfall: "a single split's variance",
      metric: "logreg test AP: spread over re-splits vs the committed split's bootstrap interval",
      nOf: "test rows (clean: the committed split)",
      arms: { faulty: `${seeds.length} split seeds, mean (min–max)`, clean: "one split, 95% bootstrap" },
      faulty: overSeeds(aps, Math.round(0.2 * all.y.length)),
      clean: {
        value: ci.estimate,
        n: clean.test.y.length,
        interval: { lo: ci.low, hi: ci.high, method: "bootstrap" },
      },
      guard: "lib/metrics/bootstrap.ts bootstrapCi on every reported metric",
      test: "test/metrics.test.ts › bootstrap CI: seeded, deterministic, brackets the estimate, counts undefined resamples",
    },
  ];
}
