// The operating point to ship for a stated product use: the use's costs pick a threshold policy, the policy picks a
// threshold on out-of-fold training scores, and the promise for new data comes from those scores alone (bootstrap
// intervals for the rates, predictive intervals for a month of messages). The test split checks it once.
import type { ModelName } from "../experiment/config";
import type { ExperimentResult } from "../experiment/run";
import { modelResult } from "../experiment/run";
import { predictiveInterval, PredictiveInterval } from "../experiment/transfer";
import { bootstrapCi } from "../metrics/bootstrap";
import type { Interval } from "../metrics/interval";
import { intervalAt } from "../metrics/metricAt";
import { chooseThreshold, ThresholdChoice, ThresholdPolicy } from "../metrics/threshold";

/** What the flags are for, what each kind of error costs, and how many messages a month it will see. */
export interface ProductUse {
  name: string;
  /** What happens to a flagged message. */
  flow: string;
  /** What a false alarm costs ("about 30 seconds of…"), and what a miss means ("a hazard … never reaches…"). */
  falseAlarm: string;
  miss: string;
  /** Relative costs: only their ratio matters to the threshold. */
  missCost: number;
  falseAlarmCost: number;
  /** Assumed volume of recognition messages a month, for the counts a team can plan with. */
  messagesPerMonth: number;
}

/** The stated use of notebook 01: flagged messages go to the safety team's review queue. */
export const REVIEW_QUEUE: ProductUse = {
  name: "the safety team's review queue",
  flow: "every flagged message lands in a queue the safety team reads each week",
  falseAlarm: "about 30 seconds of a reviewer's time, to read it and dismiss it",
  miss: "a hazard, near miss or security lapse that someone praised a colleague for never reaches the safety team",
  missCost: 10,
  falseAlarmCost: 1,
  messagesPerMonth: 10000,
};

/** One rate at the shipped threshold: out-of-fold estimate with its bootstrap interval, and a month's range. */
export interface PromisedRate {
  oof: Interval | null;
  month: PredictiveInterval;
  /** The range for a batch the size of the test split: the yardstick for the test check. */
  testSized: PredictiveInterval;
  /** What the test split got, with its bootstrap interval (the check, never an input). */
  test: Interval | null;
}

/** The operating point to ship for a product use: its policy, threshold, and the rates it promises on new data. */
export interface ShippedOperatingPoint {
  use: ProductUse;
  model: ModelName;
  policy: ThresholdPolicy;
  choice: ThresholdChoice;
  precision: PromisedRate;
  recall: PromisedRate;
  flagged: PromisedRate;
  /** A month of `use.messagesPerMonth` messages: how many are flagged, and how many positives are missed. */
  perMonth: { flagged: PredictiveInterval; missed: PredictiveInterval };
  /** Out-of-fold positive rate: with the volume, how many messages a month are safety/security by the labeler. */
  positiveRate: number;
}

/**
 * The operating point for `use`: the lowest-cost threshold on the model's out-of-fold scores, what it promises
 * (out-of-fold, with intervals, and over a month of `use.messagesPerMonth` messages), and the test split's check.
 */
export function shippedOperatingPoint(
  result: ExperimentResult,
  model: ModelName,
  use: ProductUse = REVIEW_QUEUE,
): ShippedOperatingPoint {
  const m = modelResult(result, model);
  const { train, test, config } = result;
  const policy: ThresholdPolicy = { kind: "minCost", missCost: use.missCost, falseAlarmCost: use.falseAlarmCost };
  const choice = chooseThreshold(train.y, m.scores.oof, policy);
  const t = choice.threshold;
  const boot = { seed: config.seed, resamples: config.bootstrap.resamples, level: config.bootstrap.level };
  const flaggedShare = (_y: number[], s: number[]) => s.filter((x) => x >= t).length / s.length;
  const rate = (metric: "precision" | "recall" | "flagged"): PromisedRate => {
    const oofAt = (): Interval | null =>
      metric === "flagged"
        ? bootstrapCi(train.y, m.scores.oof, flaggedShare, { ...boot, seed: boot.seed + 5, groups: train.groups })
        : intervalAt(train.y, m.scores.oof, metric, t, { ...boot, groups: train.groups });
    const testAt = (): Interval | null =>
      metric === "flagged"
        ? bootstrapCi(test.y, m.scores.test, flaggedShare, { ...boot, seed: boot.seed + 5, groups: test.groups })
        : intervalAt(test.y, m.scores.test, metric, t, { ...boot, groups: test.groups });
    return {
      oof: oofAt(),
      month: predictiveInterval(train.y, m.scores.oof, train.groups, t, metric, use.messagesPerMonth, boot),
      testSized: predictiveInterval(train.y, m.scores.oof, train.groups, t, metric, test.y.length, boot),
      test: testAt(),
    };
  };
  return {
    use,
    model,
    policy,
    choice,
    precision: rate("precision"),
    recall: rate("recall"),
    flagged: rate("flagged"),
    perMonth: {
      flagged: predictiveInterval(
        train.y,
        m.scores.oof,
        train.groups,
        t,
        "flaggedMessages",
        use.messagesPerMonth,
        boot,
      ),
      missed: predictiveInterval(train.y, m.scores.oof, train.groups, t, "missedMessages", use.messagesPerMonth, boot),
    },
    positiveRate: train.y.reduce((a, b) => a + b, 0) / train.y.length,
  };
}

/** The operating point at other cost ratios (a miss costing `ratio` false alarms), on out-of-fold scores only. */
export interface CostSensitivity {
  ratio: number;
  threshold: number;
  precision: number | null;
  recall: number | null;
  flagged: number;
}

/** The threshold, precision and recall the cost policy chooses at each miss : false-alarm cost ratio. */
export function costSensitivity(
  result: ExperimentResult,
  model: ModelName,
  ratios: readonly number[] = [3, 5, 10, 20, 50],
): CostSensitivity[] {
  const m = modelResult(result, model);
  const y = result.train.y;
  return ratios.map((ratio) => {
    const c = chooseThreshold(y, m.scores.oof, { kind: "minCost", missCost: ratio, falseAlarmCost: 1 });
    let flagged = 0;
    for (let i = 0; i < y.length; i++) if (m.scores.oof[i] >= c.threshold) flagged++;
    return { ratio, threshold: c.threshold, precision: c.precision, recall: c.recall, flagged: flagged / y.length };
  });
}
