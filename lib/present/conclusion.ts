// Notebook 01's conclusion: the findings, each a sentence with its numbers, n and interval.
import type { CalibrationCheck } from "../analysis/calibration";
import type { ErrorPatterns } from "../analysis/errorThemes";
import type { ModelChoice, PairedDifference } from "../analysis/modelChoice";
import type { ShippedOperatingPoint } from "../analysis/operatingPoint";
import type { RecallGapEvidence } from "../analysis/recallGap";
import type { AblationRow } from "../experiment/ablation";
import type { LedgerSummary } from "../experiment/ledger";
import type { ModelResult } from "../experiment/run";
import type { Interval } from "../metrics/interval";
import { ablationGains } from "./ablation";
import { recallGapCause } from "./operatingPoint";
import { count, fixed, pct, withInterval } from "./format";

/** What the conclusion is computed from. */
export interface Findings {
  ablation: readonly AblationRow[];
  choice: ModelChoice;
  differences: readonly PairedDifference[];
  /** The kept model's result (its test metrics at the configured policy's threshold). */
  kept: ModelResult;
  op: ShippedOperatingPoint;
  gap: RecallGapEvidence;
  patterns: readonly ErrorPatterns[];
  onLine: Interval & { k: number };
  calibration: CalibrationCheck;
  ledger: LedgerSummary;
}

const f3 = (x: number) => fixed(x, 3);
const signed = (x: number) => fixed(x, 3, true);
const NAMES: Record<string, string> = { logreg: "logistic regression", mlp: "MLP" };

/** The conclusion as bullet points, each a finding with its number. */
export function conclusionList(f: Findings): string[] {
  const gains = ablationGains(f.ablation)
    .map(
      (g) =>
        `${NAMES[g.model] ?? g.model} ${f3(g.from.mean)} → ${f3(g.to.mean)} ` +
        `(${signed(g.gain.estimate)} [${signed(g.gain.low)}, ${signed(g.gain.high)}], ${g.gain.n} folds)`,
    )
    .join("; ");
  const ap = f.differences.find((d) => d.metric === "average precision");
  const t = f.kept.test;
  const op = f.op;
  const misses = f.patterns.find((k) => k.kind === "misses");
  const foreign = misses?.patterns.find((p) => p.pattern === "not in English");
  const overstating = f.calibration.bins.filter((b) => b.verdict === "scores overstate");
  return [
    `What our changes bought, by grouped CV on the training split: word and character TF-IDF beside the sentence ` +
      `encoder lifts average precision from the assignment's encoder-only setup: ${gains}.`,
    `The model kept: the ${NAMES[f.choice.chosen] ?? f.choice.chosen}, by the rule fixed before the comparison ` +
      (f.choice.basis === "ahead"
        ? `(a paired interval favours it).`
        : `(no paired interval excludes 0${ap ? `; average precision ${signed(ap.difference.estimate)} [${signed(ap.difference.low)}, ${signed(ap.difference.high)}]` : ""}, ${count(ap?.difference.n ?? t.rows)} test messages), so the simpler model stays.`),
    `On the test split, at the threshold its policy chose out-of-fold (${f3(f.kept.threshold.threshold)}): precision ` +
      `${withInterval(t.ci.precision)}, recall ${withInterval(t.ci.recall)}, average precision ` +
      `${withInterval(t.ci.averagePrecision)} (${count(t.rows)} messages, ${t.positives} labeled True).`,
    `To ship for ${op.use.name} (a miss counted as ${op.use.missCost / op.use.falseAlarmCost} false alarms): ` +
      `threshold ${f3(op.choice.threshold)}. Promised on new messages: recall ${withInterval(op.recall.oof)}, ` +
      `precision ${withInterval(op.precision.oof)}, ${pct(op.flagged.oof?.estimate ?? NaN)} flagged; in a month of ` +
      `${count(op.use.messagesPerMonth)} messages ${count(op.perMonth.flagged.low)}–${count(op.perMonth.flagged.high)} ` +
      `in the queue and ${count(op.perMonth.missed.low)}–${count(op.perMonth.missed.high)} missed. Checked once on ` +
      `the test split: recall ${withInterval(op.recall.test)}, precision ${withInterval(op.precision.test)}.`,
    `Test recall (${f3(f.gap.test.recall)}) beat the out-of-fold promise (${f3(f.gap.oof.recall)}): ` +
      `${recallGapCause(f.gap)}. Expect the out-of-fold recall on new data; one batch of ` +
      `${count(f.gap.test.rows)} messages may land in ${fixed(f.gap.splitRecall.low, 2)}–` +
      `${fixed(f.gap.splitRecall.high, 2)}.`,
    `The errors: ${f.onLine.k} of ${f.onLine.n} out-of-fold errors (${pct(f.onLine.estimate)} ` +
      `[${pct(f.onLine.low)}, ${pct(f.onLine.high)}]) sit where the labeler's own line is blurry (doubtful labels, account ` +
      `help, health and wellbeing)` +
      (foreign
        ? foreign.rate.k === foreign.rate.n
          ? `; all ${foreign.rate.n} non-English positives are missed`
          : `; ${foreign.rate.k} of ${foreign.rate.n} non-English positives are missed`
        : "") +
      `.`,
    `The scores are not probabilities: in ${overstating.length} of ${f.calibration.bins.length} test bins they ` +
      `overstate the share labeled True (mean score ${f3(f.calibration.meanScore)} against ` +
      `${pct(f.calibration.positiveRate)} labeled True); the threshold, chosen on these scores, is unaffected.`,
    `The test split: ${f.ledger.looks} recorded looks during development (at least ${f.ledger.scoredAtLeast} ` +
      `scorings); ${f.ledger.possiblySteered} of the ${f.ledger.followedByChange} changes that followed a look could ` +
      `have been steered by it (the ledger above says which and why).`,
    `Every number is agreement with one LLM labeler, on synthetic messages, whose settings were not recorded: ` +
      `notebook 03 measures what that means for precision and recall. At the review queue's threshold, precision ` +
      `(${withInterval(op.precision.oof)}) is the share of flagged messages the labeler agrees with, not the share ` +
      `that matter to the safety team.`,
  ];
}
