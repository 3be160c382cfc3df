/**
 * Pitfall 8b: the lexical step fitted once on the whole training split, then cross-validated. Validation rows are
 * then featurized in-sample while test rows are not, so a threshold chosen on out-of-fold scores promises an
 * operating point (a share of messages flagged, a precision) the test split does not get. This project had it.
 */
import { modelResult } from "../experiment/run";
import { deriveSeed } from "../experiment/seeds";
import { confusionAt } from "../metrics/confusion";
import { metricAt } from "../metrics/metricAt";
import { averagePrecision } from "../metrics/curves";
import { chooseThreshold } from "../metrics/threshold";
import type { Interval } from "../metrics/interval";
import type { Fold } from "../split/split";
import { describeFeatures, FeatureSpec, withSeed } from "../features/spec";
import { cleanFolds, configOf, logregSettings, onTest, onTrain, PitfallContext } from "./context";
import {
  bounded,
  flaggedShareAt,
  Metric,
  moverDifference,
  pairedDifference,
  PitfallMeasure,
  PitfallValue,
  share,
} from "./measure";
import type { PitfallInfo, PitfallResult } from "./pitfall";
import { ensembleOf, logregTaskOptions, outOfFoldOf, runRefits } from "./refits";
import type { LogregFoldTask } from "./tasks";
import { UndefinedMetricError } from "../errors";

export const info: PitfallInfo = {
  id: "8b-featurizer-outside-folds",
  title: "A vectorizer fitted outside the CV folds",
  headline: "flag-gap",
  flatters: null,
  guard:
    "lib/experiment/cv.ts gridSearchLogreg and crossValPredictMlp fit the featurizer inside each fold (the MLP on " +
    "the training part of its early-stopping carve)",
  reference:
    "The clean run's protocol: its folds, C path, threshold policy and a fold ensemble as the test-time model. On " +
    "the run's own features the clean arm is the clean run itself; on another representation it is the same " +
    "protocol refitted, C chosen by its own cross-validation. The faulty arm fits one featurizer on the whole " +
    "training split before the same folds, and is read at the clean arm's C.",
};

/** One arm: out-of-fold and test scores, and the threshold the policy chose on the out-of-fold scores. */
interface Arm {
  oof: ArrayLike<number>;
  test: ArrayLike<number>;
  threshold: number;
}

/** Out-of-fold minus test for one arm: two independent samples, each with its Wilson interval, combined by MOVER. */
function gap(arm: Arm, y: { train: readonly number[]; test: readonly number[] }, what: "flagged" | "precision") {
  const count = (labels: readonly number[], scores: ArrayLike<number>): PitfallValue => {
    const c = confusionAt(labels, scores, arm.threshold);
    if (what === "flagged") return share(c.tp + c.fp, labels.length);
    if (c.tp + c.fp === 0)
      throw new UndefinedMetricError(`nothing flagged at threshold ${arm.threshold}: precision is undefined`);
    return share(c.tp, c.tp + c.fp);
  };
  const d = moverDifference(bounded(count(y.train, arm.oof), "out-of-fold"), bounded(count(y.test, arm.test), "test"));
  return { value: d.estimate, n: y.train.length, interval: d };
}

/** The C the grid search would choose from these out-of-fold scores: best mean fold AP, first best on ties. */
function chooseC(y: readonly number[], folds: readonly Fold[], oofByC: readonly Float64Array[]): number {
  const meanAp = oofByC.map(
    (oof) =>
      folds.reduce(
        (sum, f) =>
          sum +
          averagePrecision(
            f.validation.map((i) => y[i]),
            f.validation.map((i) => oof[i]),
          ),
        0,
      ) / folds.length,
  );
  return meanAp.reduce((best, ap, c) => (ap > meanAp[best] ? c : best), 0);
}

export async function measure(ctx: PitfallContext, features?: FeatureSpec): Promise<PitfallResult> {
  const { train, test } = ctx.data;
  const config = configOf(ctx);
  const { C: runC, features: runFeatures } = logregSettings(ctx);
  // A representation given without a seed gets the one the run derives for features (an lsa step needs it).
  const spec = features ? withSeed(features, features.seed ?? deriveSeed(config.seed, "features")) : runFeatures;
  const folds = cleanFolds(ctx);
  const isRunFeatures = JSON.stringify(spec) === JSON.stringify(runFeatures);
  // On the run's own features the clean arm is the clean run, C included. On another representation the clean arm
  // is the same protocol refitted, C chosen by its own cross-validation; the faulty arm is then read at that C.
  const Cs = config.logreg.Cs;
  const options = logregTaskOptions(ctx, isRunFeatures ? runC : Cs[Cs.length - 1]);
  const cleanTasks: LogregFoldTask[] = isRunFeatures
    ? []
    : folds.map((fold) => ({
        kind: "logreg-fold",
        rows: train,
        y: train.y,
        fold,
        extra: test,
        featurizerSeesExtra: null,
        features: spec,
        options,
      }));
  const [faultyResult, ...cleanResults] = await runRefits(ctx, [
    { kind: "logreg-outside-folds", rows: train, y: train.y, folds, extra: test, features: spec, options },
    ...cleanTasks,
  ]);
  const armOf = (oof: ArrayLike<number>, testScores: ArrayLike<number>): Arm => ({
    oof,
    test: testScores,
    threshold: chooseThreshold(train.y, oof, config.policy).threshold,
  });
  const lr = modelResult(ctx.clean, "logreg");
  const at = isRunFeatures
    ? Cs.indexOf(runC)
    : chooseC(
        train.y,
        folds,
        Cs.map((_, c) => outOfFoldOf(train.y.length, folds, cleanResults, c)),
      );
  const clean = isRunFeatures
    ? { ...armOf(lr.scores.oof, lr.scores.test), threshold: lr.threshold.threshold }
    : armOf(outOfFoldOf(train.y.length, folds, cleanResults, at), ensembleOf(cleanResults, at));
  const faulty = armOf(faultyResult.validation[at], faultyResult.extra[at]);

  // faulty − clean = (their out-of-fold difference) − (their test difference): each part paired on its own rows,
  // the two parts independent, combined by MOVER.
  const difference = (at: (t: number) => Metric): Interval => {
    const part = (yPart: readonly number[], f: ArrayLike<number>, c: ArrayLike<number>, onRows: typeof onTest) =>
      pairedDifference(yPart, f, c, at(faulty.threshold), onRows(ctx, "pitfall-8b"), at(clean.threshold));
    const [oofPart, testPart] = [
      part(train.y, faulty.oof, clean.oof, onTrain),
      part(test.y, faulty.test, clean.test, onTest),
    ];
    return moverDifference(oofPart, testPart);
  };
  const y = { train: train.y, test: test.y };
  const nOf = "training rows scored out-of-fold, each gap against the test split";
  const measures: PitfallMeasure[] = [
    {
      key: "flag-gap",
      metric: "flagged share, out-of-fold minus test",
      nOf,
      faulty: gap(faulty, y, "flagged"),
      clean: gap(clean, y, "flagged"),
      difference: difference(flaggedShareAt),
    },
    {
      key: "precision-gap",
      metric: "precision, out-of-fold minus test",
      nOf,
      faulty: gap(faulty, y, "precision"),
      clean: gap(clean, y, "precision"),
      difference: difference((t) => metricAt("precision", t)),
    },
  ];
  return {
    ...info,
    variant: describeFeatures(spec),
    measures,
    warnings: [faultyResult, ...cleanResults].flatMap((r) => r.warnings),
  };
}
