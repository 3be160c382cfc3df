// Which model to keep, decided by the paired bootstrap on the test split rather than by reading two intervals.
import type { ModelName } from "../experiment/config";
import type { ExperimentResult } from "../experiment/run";
import { compareModels } from "./compare";
import { InvalidInputError } from "../errors";
import type { Interval } from "../metrics/interval";

/** The metrics the paired model comparison reads. */
export type ComparedMetric = "average precision" | "precision" | "recall" | "F1";

/** The difference a − b in one metric on the same test rows, with its paired bootstrap interval. */
export interface PairedDifference {
  metric: ComparedMetric;
  a: ModelName;
  b: ModelName;
  /** a − b with its paired bootstrap interval; n is the test messages both models were scored on. */
  difference: Interval;
  /** The model whose lead the interval supports (it excludes 0), or null. */
  favours: ModelName | null;
}

/**
 * Paired bootstrap of a − b for average precision and, each at its own chosen threshold, precision, recall and
 * F1: the comparison table's numbers (compareModels: whole repeat groups, the experiment's seed, resamples and
 * level), with which model each interval favours. A metric undefined for either model on the test split is left out.
 */
export function pairedDifferences(result: ExperimentResult, a: ModelName, b: ModelName): PairedDifference[] {
  const names: ComparedMetric[] = ["average precision", "precision", "recall", "F1"];
  return compareModels(result, a, b).flatMap((row, k) => {
    const d = row.difference;
    if (!d) return [];
    const favours = d.low > 0 ? a : d.high < 0 ? b : null;
    return [
      {
        metric: names[k],
        a,
        b,
        difference: d,
        favours,
      },
    ];
  });
}

/** The decision and what it rests on. */
export interface ModelChoice {
  chosen: ModelName;
  /** "ahead": some interval favours `chosen` and none the other; otherwise `chosen` is the simpler model. */
  basis: "ahead" | "no detectable difference" | "mixed";
  /** The metrics whose interval excludes 0, and whom each favours. */
  decidingMetrics: Array<{ metric: ComparedMetric; favours: ModelName }>;
}

/**
 * The rule: keep a model if at least one paired interval favours it and none favours the other; if no interval
 * excludes zero, or they point both ways, keep `simpler` (cheaper to run, deterministic, easy to inspect).
 */
export function chooseModel(differences: readonly PairedDifference[], simpler: ModelName): ModelChoice {
  if (!differences.length)
    throw new InvalidInputError("differences", "chooseModel needs at least one paired difference");
  const pair = [differences[0].a, differences[0].b];
  if (!pair.includes(simpler))
    throw new InvalidInputError("simpler", `the simpler model must be one of ${pair.join(", ")}, got ${simpler}`);
  const decidingMetrics = differences.flatMap((d) => (d.favours ? [{ metric: d.metric, favours: d.favours }] : []));
  const winners = new Set(decidingMetrics.map((d) => d.favours));
  if (winners.size === 1) return { chosen: [...winners][0], basis: "ahead", decidingMetrics };
  return { chosen: simpler, basis: winners.size === 0 ? "no detectable difference" : "mixed", decidingMetrics };
}
