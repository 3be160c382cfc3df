/**
 * Each classic pitfall of the original notebook, reproduced on purpose and
 * measured next to the clean pipeline. The faulty patterns live here, in one
 * place, only to be measured; the rest of the library guards against them.
 */
import type { Dataset } from "../data/dataset";
import { parseLabel } from "../data/labels";
import { allRows, ExperimentData } from "../experiment/data";
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

export interface PitfallMeasure {
  pitfall: string;
  metric: string;
  faulty: number | string;
  clean: number | string;
  /** Where the library prevents it, and the test that fails if that guard is removed. */
  guard: string;
  test: string;
}

const r3 = (x: number) => Number(x.toFixed(3));
/** A metric the clean run must have measured (average precision, ROC-AUC: both classes are on the test split). */
function measured<T>(x: T | null, what: string): T {
  if (x === null) throw new Error(`the clean run has no ${what} (undefined on its test split)`);
  return x;
}
const positiveRate = (ys: number[]) => ys.reduce((a, b) => a + b, 0) / ys.length;

/** 1. Casting label strings to booleans: every non-empty string is truthy, "False" included. */
export function labelCastPitfall(dataset: Dataset): PitfallMeasure[] {
  const raw = dataset.usable.map((r) => r.rawLabel);
  const clean = positiveRate(raw.map((s) => measured(parseLabel(s), `label of a usable row (${s})`).label));
  return [
    {
      pitfall: "label strings cast to booleans",
      metric: "positive rate with Boolean(label)",
      faulty: r3(positiveRate(raw.map((s) => (Boolean(s) ? 1 : 0)))),
      clean: r3(clean),
      guard: "lib/data/labels.ts parseLabel",
      test: 'test/labels.test.ts › "False" is never truthy',
    },
    {
      pitfall: "label strings compared exactly",
      metric: 'rows lost to label === "True"/"False"',
      faulty: raw.filter((s) => s !== "True" && s !== "False").length,
      clean: 0,
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
  const recallAt = (positions: number[]) => {
    const positives = positions.filter((k) => all.y[test[k]] === 1);
    return positives.length ? positives.filter((k) => scores[k] >= 0.5).length / positives.length : NaN;
  };
  const positions = test.map((_, k) => k);
  const leakedRecall = recallAt(positions.filter((k) => isLeaked[k]));
  const freshRecall = recallAt(positions.filter((k) => !isLeaked[k]));
  const fmt = (x: number) => (Number.isNaN(x) ? "no such positives" : r3(x));
  return [
    {
      pitfall: "repeats on both sides of the split",
      metric: "test messages with a copy in train",
      faulty: leaked,
      clean: 0,
      guard: "lib/split/split.ts stratifiedGroupHoldout; lib/split/splitFile.ts readSplitFile",
      test: "test/split.test.ts › holdout: no repeat group straddles train and test, on the real data and on synthetic groups",
    },
    {
      pitfall: "repeats on both sides of the split",
      metric: "recall (threshold 0.5) on positives with a copy in train vs without",
      faulty: fmt(leakedRecall),
      clean: fmt(freshRecall),
      guard: "lib/split/split.ts stratifiedGroupHoldout",
      test: "test/split.test.ts › the committed data/split.csv is what `npm run split` regenerates, and it validates",
    },
  ];
}

/** 3. Scoring the rows the model was trained on. */
export async function evaluateOnTrainPitfall(data: ExperimentData, clean: ExperimentResult): Promise<PitfallMeasure[]> {
  const { C, features } = logregSettings(clean);
  const m = await new LogregPipeline(features, { C, classWeight: "balanced" }).fit(data.train, data.train.y);
  const inSample = averagePrecision(data.train.y, Array.from(await m.predictProba(data.train)));
  return [
    {
      pitfall: "evaluating on training data",
      metric: "logreg average precision",
      faulty: r3(inSample),
      clean: r3(measured(modelResult(clean, "logreg").test.averagePrecision, "test average precision")),
      guard: "lib/experiment/cv.ts crossValPredict (out-of-fold only); runExperiment scores test once",
      test: "test/pitfalls.test.ts › crossValPredict never scores a row with a model that saw it",
    },
  ];
}

/** 4. Choosing the threshold (or C) by looking at the test set. */
export async function tunedOnTestPitfall(data: ExperimentData, clean: ExperimentResult): Promise<PitfallMeasure[]> {
  const lr = modelResult(clean, "logreg");
  const onTest = chooseThreshold(data.test.y, lr.scores.test, clean.config.policy);
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
  const apAt = (C: number) =>
    averagePrecision(
      data.test.y,
      Array.from(new LogisticRegression({ C, classWeight: "balanced" }).fit(trainX, data.train.y).predictProba(testX)),
    );
  const bestOnTest = Math.max(...Cs.map(apAt));
  // Like with like: the same refit model, at the C that cross-validation chose on the training split.
  const honest = apAt(logregSettings(clean).C);
  return [
    {
      pitfall: "threshold tuned on test",
      metric: "test F1",
      faulty: r3(onTest.f1),
      clean: r3(lr.test.f1),
      guard: "lib/experiment/run.ts (threshold from out-of-fold training scores)",
      test: "test/experiment.test.ts › C, thresholds, early stopping and every fitted step never see the test split: scrambling test rows changes none of them",
    },
    {
      pitfall: "C tuned on test",
      metric: "test average precision",
      faulty: r3(bestOnTest),
      clean: r3(honest),
      guard: "lib/experiment/cv.ts gridSearchLogreg on the training split",
      test: "test/experiment.test.ts › C, thresholds, early stopping and every fitted step never see the test split: scrambling test rows changes none of them",
    },
  ];
}

/** 5. Early stopping that watches the test set. */
export async function earlyStoppingOnTestPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
): Promise<PitfallMeasure[]> {
  const opts = { ...clean.config.mlp, seed: clean.config.seed };
  const featurizer = Featurizer.fit(clean.config.features.mlp, data.train, data.train.y);
  const [trainX, testX] = [featurizer.transform(data.train), featurizer.transform(data.test)];
  const faulty = await new MlpClassifier(opts).fitWithValidation(trainX, data.train.y, testX, data.test.y);
  const ap = averagePrecision(data.test.y, Array.from(await faulty.predictProba(testX)));
  faulty.dispose();
  return [
    {
      pitfall: "early stopping on test",
      metric: "mlp test average precision",
      faulty: r3(ap),
      clean: r3(measured(modelResult(clean, "mlp").test.averagePrecision, "test average precision")),
      guard: "lib/models/mlp.ts fit carves validation rows from its training rows",
      test: "test/mlp.test.ts › MLP learns a separable signal, with early stopping on its own validation carve",
    },
  ];
}

/** 6. Accuracy on data that is seven-eighths negative. */
export function accuracyPitfall(clean: ExperimentResult): PitfallMeasure[] {
  const maj = modelResult(clean, "majority");
  return [
    {
      pitfall: "accuracy under imbalance",
      metric: "test accuracy: majority class vs logreg",
      faulty: r3(maj.test.accuracy),
      clean: r3(modelResult(clean, "logreg").test.accuracy),
      guard: "reports lead with precision, recall and AP, beside the majority baseline",
      test: "test/experiment.test.ts › baselines: majority flags nothing (precision undefined, not NaN), keyword is a fixed rule",
    },
    {
      pitfall: "accuracy under imbalance",
      metric: "test recall: majority class vs logreg",
      faulty: r3(maj.test.recall),
      clean: r3(modelResult(clean, "logreg").test.recall),
      guard: "reports lead with precision, recall and AP",
      test: "test/experiment.test.ts › baselines: majority flags nothing (precision undefined, not NaN), keyword is a fixed rule",
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
  const apWith = async (order: number[]) =>
    averagePrecision(
      data.test.y,
      Array.from(await m.predictProba({ texts: data.test.texts, X: takeRows(data.test.X, order) })),
    );
  const shuffledAp = await apWith(
    shuffled(
      data.test.ids.map((_, i) => i),
      makeRng(seed),
    ),
  );
  // One dropped row: every embedding after it is paired with the next message.
  const shiftedAp = await apWith(data.test.ids.map((_, i) => Math.min(i + 1, data.test.ids.length - 1)));
  return [
    {
      pitfall: "embeddings misaligned (shuffled)",
      metric: "logreg test average precision",
      faulty: r3(shuffledAp),
      clean: r3(measured(modelResult(clean, "logreg").test.averagePrecision, "test average precision")),
      guard: "lib/embeddings/manifest.ts checkAlignment (ids, order, text hashes)",
      test: "test/embeddings.test.ts › misaligned embeddings are refused with what changed: rows, order, text",
    },
    {
      pitfall: "embeddings misaligned (one row dropped)",
      metric: "logreg test average precision",
      faulty: r3(shiftedAp),
      clean: r3(measured(modelResult(clean, "logreg").test.averagePrecision, "test average precision")),
      guard: "lib/embeddings/manifest.ts checkAlignment",
      test: "test/embeddings.test.ts › misaligned embeddings are refused with what changed: rows, order, text",
    },
  ];
}

/** 8a. The lexical step (TF-IDF vocabulary and idf) fitted on all texts, test included. */
export async function vectorizerOnAllDataPitfall(
  data: ExperimentData,
  clean: ExperimentResult,
): Promise<PitfallMeasure[]> {
  const { C, features } = logregSettings(clean);
  const evalWith = (fitRows: TextRows, fitY: number[]) => {
    const f = Featurizer.fit(features, fitRows, fitY);
    const m = new LogisticRegression({ C, classWeight: "balanced" }).fit(f.transform(data.train), data.train.y);
    return averagePrecision(data.test.y, Array.from(m.predictProba(f.transform(data.test))));
  };
  const all = allRows(data);
  return [
    {
      pitfall: "vectorizer fitted on all data",
      metric: "logreg test AP",
      faulty: r3(evalWith(all, all.y)),
      clean: r3(evalWith(data.train, data.train.y)),
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
): Promise<PitfallMeasure[]> {
  const { C } = logregSettings(clean);
  const { train, test } = data;
  const lr = () => new LogisticRegression({ C, classWeight: "balanced" });
  const folds = stratifiedGroupKFold(train.y, train.groups, clean.config.cvFolds, clean.config.seed);
  const whole = Featurizer.fit(features, train, train.y);
  const testScores = lr().fit(whole.transform(train), train.y).predictProba(whole.transform(test));
  const arm = (insideFolds: boolean) => {
    const oof = new Float64Array(train.y.length);
    for (const f of folds) {
      const fitRows = takeTextRows(train, f.train);
      const yFit = f.train.map((i) => train.y[i]);
      const featurizer = insideFolds ? Featurizer.fit(features, fitRows, yFit) : whole;
      lr()
        .fit(featurizer.transform(fitRows), yFit)
        .predictProba(featurizer.transform(takeTextRows(train, f.validation)))
        .forEach((p, k) => (oof[f.validation[k]] = p));
    }
    const threshold = chooseThreshold(train.y, oof, clean.config.policy).threshold;
    const oofAt = confusionAt(train.y, oof, threshold);
    const testAt = confusionAt(test.y, testScores, threshold);
    const flagged = (c: typeof oofAt) => (c.tp + c.fp) / (c.tp + c.fp + c.tn + c.fn);
    return {
      flagGap: 100 * (flagged(oofAt) - flagged(testAt)),
      precisionGap: scoresFromConfusion(oofAt).precision - scoresFromConfusion(testAt).precision,
    };
  };
  const [faulty, fixed] = [arm(false), arm(true)];
  const name = `vectorizer fitted outside the CV folds (${describeFeatures(features)})`;
  const guard = "lib/experiment/cv.ts gridSearchLogreg and crossValPredictMlp fit the featurizer inside each fold";
  const test_ =
    "test/fold-safety.test.ts › grid search: the per-fold featurizer never sees its validation rows (fold scores of unchanged rows stay put)";
  return [
    {
      pitfall: name,
      metric: "flagged share, out-of-fold minus test (points)",
      faulty: r3(faulty.flagGap),
      clean: r3(fixed.flagGap),
      guard,
      test: test_,
    },
    {
      pitfall: name,
      metric: "precision, out-of-fold minus test",
      faulty: r3(faulty.precisionGap),
      clean: r3(fixed.precisionGap),
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
      metric: "logreg test ROC-AUC",
      faulty: r3(rocAuc(clean.test.y, hard)),
      clean: r3(measured(lr.test.rocAuc, "test ROC-AUC")),
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
  return [
    {
      pitfall: "precision undefined at a high threshold",
      metric: "precision when nothing is flagged",
      faulty: String(naive),
      clean: ours.undefined.includes("precision")
        ? `undefined (reported as ${ours.precision}, flagged)`
        : String(ours.precision),
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
      metric: `logreg test AP over ${seeds.length} split seeds (min–max)`,
      faulty: `${Math.min(...aps).toFixed(3)}–${Math.max(...aps).toFixed(3)}`,
      clean: `${ci.estimate.toFixed(3)} [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}] (bootstrap)`,
      guard: "lib/metrics/bootstrap.ts bootstrapCi on every reported metric",
      test: "test/metrics.test.ts › bootstrap CI: seeded, deterministic, brackets the estimate, counts undefined resamples",
    },
  ];
}
