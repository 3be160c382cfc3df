import { ExperimentResult, modelResult } from "../experiment/run";
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import { cohenKappa, percentAgreement } from "./agreement";
import { LabelSetName, LabelSets } from "./labelSets";
import { pct } from "../present/format";
import { rate } from "../util/stats";

export interface TalkingPointInputs {
  all: LabelSets;
  test: LabelSets;
  result: ExperimentResult;
  refinedResult: ExperimentResult;
  auditTop: { n: number; hitRate: number; baseRate: number };
}

/** Short sentences to say out loud, every number (and every comparison word) computed from the inputs. */
export function talkingPoints(x: TalkingPointInputs): string[] {
  const { all } = x;
  const kappa = (b: LabelSetName) => cohenKappa(all.original, all[b]);
  const changed = (b: LabelSetName) => all.original.filter((v, i) => v !== all[b][i]).length;
  const tf = all.original.filter((v, i) => v === 1 && all.refined[i] === 0).length;
  const ft = all.original.filter((v, i) => v === 0 && all.refined[i] === 1).length;
  const cats = [...new Set(all.category)].map((c) => {
    const idx = all.category.map((k, i) => (k === c ? i : -1)).filter((i) => i >= 0);
    return { c, messages: idx.length / all.ids.length, flips: idx.filter((i) => all.original[i] !== all.refined[i]).length / Math.max(1, changed("refined")) };
  });
  const top = cats.reduce((a, b) => (b.flips > a.flips ? b : a));
  const lr = modelResult(x.result, "logreg");
  const at = (labels: number[]) => scoresFromConfusion(confusionAt(labels, lr.scores.test, lr.threshold.threshold));
  const onOriginal = at(x.test.original);
  const onRefined = at(x.test.refined);
  const ci = lr.test.ci.precision;
  const shift = Math.abs(onRefined.precision - onOriginal.precision);
  const half = ci ? (ci.high - ci.low) / 2 : NaN;
  const refinedLr = modelResult(x.refinedResult, "logreg");
  const flagged = (m: typeof lr) => m.test.confusion.tp + m.test.confusion.fp;
  return [
    `Self-consistency: the same prompt run twice agrees on ${pct(percentAgreement(all.original, all.rerun))} of messages (Cohen's kappa ${kappa("rerun").toFixed(2)}). Consistency is not correctness: a labeler can be consistently wrong about a whole kind of message.`,
    `The prompt is the definition: written definitions change ${changed("refined")} labels (kappa ${kappa("refined").toFixed(2)}) where a plain rerun changes ${changed("rerun")} (kappa ${kappa("rerun").toFixed(2)}). The flips go both ways (${tf} True → False, ${ft} False → True, positive rate ${pct(rate(all.original))} → ${pct(rate(all.refined))}), and ${pct(top.flips)} of them sit in the "${top.c}" category, which holds ${pct(top.messages)} of the messages.`,
    `Same predictions, another ruler: precision ${onOriginal.precision.toFixed(3)} against the original labels, ${onRefined.precision.toFixed(3)} against the refined ones (recall ${onOriginal.recall.toFixed(3)} vs ${onRefined.recall.toFixed(3)}). The shift is ${Number.isNaN(half) ? "not comparable (no interval)" : shift < half ? `smaller than the bootstrap half-width (±${half.toFixed(2)})` : `as large as the bootstrap half-width (±${half.toFixed(2)})`}; unlike sampling noise, it would not shrink with a bigger test set.`,
    `The model follows its labels: trained on the refined labels it flags ${flagged(refinedLr)} test messages, against ${flagged(lr)} when trained on the original ones. Changing the prompt changes the product.`,
    `Confident learning's top ${x.auditTop.n} suspects are ${pct(x.auditTop.hitRate)} disputed by a rerun or the refined prompt, against ${pct(x.auditTop.baseRate)} of all messages: ${(x.auditTop.hitRate / x.auditTop.baseRate).toFixed(1)}× better than reviewing at random.`,
    `So a precision of 0.9 would mean "agrees with this LLM, under this prompt, 90% of the time". To claim more: a small human gold set, adjudication of disputed labels, and agreement monitoring whenever the prompt or the model version changes.`,
  ];
}
