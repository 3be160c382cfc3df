// The numbers notebook 03's verdict cites, gathered from the analyses (present/labelVerdict.ts words them).
import { outcomesByLanguage, scoredMessages } from "../analysis/errors";
import type { ModelName } from "../experiment/config";
import { ExperimentResult, findModelResult } from "../experiment/run";
import { wilson } from "../metrics/proportion";
import type { Interval } from "../metrics/interval";
import { cohenKappa, percentAgreement } from "./agreement";
import type { LabelChange } from "./deltas";
import type { Assumed } from "./economics";
import type { PrecisionRecall } from "./intent";
import type { LabelSets } from "./labelSets";
import { GoldSetPlan, HumanLabelPlan, humanLabelPlan } from "./sizing";
import type { TruePrecisionComparison } from "./truePrecision";
import { InternalError, InvalidInputError } from "../errors";

/** Where the labeler is unsure: one source category's share of the messages, the positives and a rerun's flips. */
export interface Concentration {
  category: string;
  messages: number;
  shareOfMessages: number;
  /** Original labels True in the category, of all positives (Wilson). */
  shareOfPositives: Interval;
  /** Rerun disagreements in the category, of all rerun disagreements (Wilson; n: all disagreements). */
  shareOfRerunFlips: Interval;
}

/** How much of the labeler's own inconsistency one category (by default the borderline one) holds. */
export function rerunFlipConcentration(s: LabelSets, category = "ambiguous"): Concentration {
  const rows = s.ids.map((_, i) => i);
  const inCategory = (i: number) => s.category[i] === category;
  const messages = rows.filter(inCategory).length;
  if (!messages) throw new InvalidInputError("category", `no messages in source category "${category}"`);
  const positives = rows.filter((i) => s.original[i] === 1);
  const flips = rows.filter((i) => s.original[i] !== s.rerun[i]);
  if (!positives.length || !flips.length)
    throw new InvalidInputError(
      "evidence",
      `need positives and rerun disagreements (got ${positives.length} and ${flips.length})`,
    );
  return {
    category,
    messages,
    shareOfMessages: messages / rows.length,
    shareOfPositives: wilson(positives.filter(inCategory).length, positives.length),
    shareOfRerunFlips: wilson(flips.filter(inCategory).length, flips.length),
  };
}

/** One model's out-of-fold catch rate on the non-English positives (notebook 01's language analysis). */
export interface LanguageLoss {
  model: ModelName;
  /** Non-English training messages, and those the labeler called True. */
  messages: number;
  positives: number;
  /** Non-English positives flagged out-of-fold, and that count over all of them (Wilson; null when there are none). */
  caught: number;
  recall: Interval | null;
}

/**
 * What distilling into an English encoder costs the labeler's other languages: the out-of-fold outcomes of the
 * non-English training messages (lib/analysis's language test), per learned model in the run.
 */
export function languageLoss(
  result: ExperimentResult,
  models: readonly ModelName[] = ["logreg", "mlp"],
): LanguageLoss[] {
  return models
    .filter((m) => findModelResult(result, m))
    .map((model) => {
      const other = outcomesByLanguage(scoredMessages(result, model, "oof")).find((r) => r.group === "not English");
      if (!other) throw new InternalError("the language analysis returned no non-English row");
      const positives = other.tp + other.fn;
      return {
        model,
        messages: other.messages,
        positives,
        caught: other.tp,
        recall: positives ? wilson(other.tp, positives) : null,
      };
    });
}

/** What verdictEvidence gathers from: the labelings and the analyses notebook 03 ran. */
export interface VerdictInputs {
  /** The three labelings of every usable message. */
  all: LabelSets;
  /** The labeler against the writers' intent (all messages with one). */
  labelerVsIntent: PrecisionRecall;
  /** Original → rerun. */
  rerun: LabelChange;
  llmPerThousand: Assumed;
  humanPerThousand: Assumed;
  /** The run on the original labels (out-of-fold scores for the language loss). */
  result: ExperimentResult;
  /** The kept model on the test split, measured against the labeler (n: flagged, positives; rows: test messages). */
  modelVsLabeler: { name: string; pr: PrecisionRecall; rows: number };
  /** The gold-set plan the verdict recommends buying. */
  gold: GoldSetPlan;
  truePrecision: TruePrecisionComparison;
}

/** Everything the verdict cites, as numbers. */
export interface VerdictEvidence extends Omit<VerdictInputs, "all" | "result"> {
  messages: number;
  rerunAgreement: { percent: number; kappa: number };
  borderline: Concentration;
  languages: LanguageLoss[];
  humans: HumanLabelPlan;
}

/** The numbers the LLM-labeling verdict rests on, gathered in one place. */
export function verdictEvidence(x: VerdictInputs): VerdictEvidence {
  const { all, result, ...rest } = x;
  return {
    ...rest,
    messages: all.ids.length,
    rerunAgreement: { percent: percentAgreement(all.original, all.rerun), kappa: cohenKappa(all.original, all.rerun) },
    borderline: rerunFlipConcentration(all),
    languages: languageLoss(result),
    humans: humanLabelPlan(x.gold, x.humanPerThousand),
  };
}
