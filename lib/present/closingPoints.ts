// The closing talking points of notebook 03: every number and every comparison word computed from the inputs.
import type { PolicyScore } from "../labels/abstention";
import type { LabelChange, ShareFalse } from "../labels/deltas";
import type { Assumed } from "../labels/economics";
import type { Estimate } from "../metrics/proportion";
import { fmtEstimate } from "./labelEvidence";
import type { NoiseCorrected, PrecisionRecall } from "../labels/intent";
import type { RankingRow } from "../labels/ranking";
import type { GoldSetPlan } from "../labels/sizing";

export interface ClosingInputs {
  labelerVsIntent: PrecisionRecall;
  modelVsIntent: { name: string; pr: PrecisionRecall };
  noise: NoiseCorrected;
  undefinedCases: ShareFalse[];
  rerun: LabelChange;
  refined: LabelChange;
  extraFlips: Estimate;
  flagged: Estimate & { flaggedA: number; flaggedB: number };
  gold: GoldSetPlan;
  abstention: PolicyScore[];
  ranking: RankingRow[];
  rankingNames: [string, string];
  llmPerThousand: Assumed;
  humanPerThousand: Assumed;
}

const covers0 = (e: Estimate) => e.lo <= 0 && e.hi >= 0;
const f3 = (e: Estimate) => fmtEstimate(e);

export function closingPoints(x: ClosingInputs): string[] {
  const undefinedFalse = x.undefinedCases.map((g) => `${g.labeledFalse} of ${g.shareFalse.n} ${g.group}`).join(", ");
  const moved = (c: LabelChange) => c.trueToFalse + c.falseToTrue;
  const byPolicy = (p: PolicyScore["policy"]) => {
    const row = x.abstention.find((r) => r.policy === p);
    if (!row) throw new Error(`closingPoints: no abstention row for the policy "${p}"`);
    return row;
  };
  const disputed = byPolicy("labeler runs disagree");
  const random = byPolicy("random rows");
  const [a, b] = x.rankingNames;
  const verdicts = new Set(x.ranking.map((r) => (r.difference.lo > 0 ? a : r.difference.hi < 0 ? b : "none")));
  const rankingSentence =
    verdicts.size === 1 && verdicts.has("none")
      ? `no metric under any of the ${new Set(x.ranking.map((r) => r.labeling)).size} labelings separates ${a} from ${b} (every paired interval covers 0), so "which model is better" is not decided by this test set, whichever labeler scores it`
      : `the paired intervals pick ${[...verdicts].filter((v) => v !== "none").join(" / ")} on some metric and labeling; read the table for which`;
  const ratio = x.humanPerThousand.central / x.llmPerThousand.central;
  return [
    `The labeler against the writer's intent (borderline messages left out): precision ${f3(x.labelerVsIntent.precision)} (n=${x.labelerVsIntent.precision.n}), recall ${f3(x.labelerVsIntent.recall)} (n=${x.labelerVsIntent.recall.n}). Outside the borderline category it is close to what the writers meant; inside it, nothing here can say who is right.`,
    `${x.modelVsIntent.name} against intent: precision ${f3(x.modelVsIntent.pr.precision)}, recall ${f3(x.modelVsIntent.pr.recall)}. Corrected for the labeler's estimated errors, its precision is ${f3(x.noise.corrected.precision)} and recall ${f3(x.noise.corrected.recall)}, against ${f3(x.noise.measured.precision)} and ${f3(x.noise.measured.recall)} measured: the correction assumes the labeler errs as often on borderline messages as elsewhere, which it surely does not.`,
    `The prompt never defines the undefined cases, yet the original labels already say False for ${undefinedFalse}. For these, "the LLM decides silently" overstates it; the open question is the borderline category.`,
    `A plain rerun moved ${moved(x.rerun)} labels; the refined prompt moved ${moved(x.refined)} (difference ${fmtEstimate(x.extraFlips, 0, true)}, 95% paired bootstrap, n=${x.extraFlips.n} messages). ${covers0(x.extraFlips) ? "The interval covers 0: on this data the prompt change is not shown to move more labels than rerunning the same prompt." : "The interval excludes 0: the prompt change moves more labels than rerunning the same prompt."}`,
    `Trained on the refined labels the model flags ${x.flagged.flaggedB} test messages against ${x.flagged.flaggedA} (difference ${fmtEstimate(x.flagged, 0, true)}, n=${x.flagged.n} test messages): ${covers0(x.flagged) ? "no change in how much it flags is shown" : "it flags a different number of messages"}.`,
    `Knowing precision to ±${x.gold.halfWidth} takes ${x.gold.precisionFlaggedToLabel} labeled flagged messages; recall to ±${x.gold.halfWidth} takes ${x.gold.recallMessagesToLabel} labels on a random sample, or ${x.gold.recallUnflaggedToLabel} on unflagged messages to find about ${x.gold.recallMissesFound.toFixed(0)} misses (one in ${(1 / x.gold.missRate).toFixed(0)} unflagged messages is a positive). Recall is the expensive half.`,
    `Abstaining where two labeling runs disagree sets aside ${disputed.abstained} test rows; precision on the rest moves ${fmtEstimate(disputed.precisionGain, 3, true)}, against ${fmtEstimate(random.precisionGain, 3, true)} for ${random.abstained} random rows. It cleans the ruler, not the model, and it needs a second LLM call for every new message.`,
    `Ranking: ${rankingSentence}.`,
    `Cost, on assumptions stated above: about $${x.llmPerThousand.central.toFixed(2)} per 1,000 LLM labels against $${x.humanPerThousand.central.toFixed(0)} for a person (${ratio.toFixed(0)}× at the central values). The LLM is cheap; its definition and its errors are what cost.`,
  ];
}
