import type { ExperimentData } from "../experiment/data";
import type { ExperimentResult } from "../experiment/run";
import type { ModelName } from "../experiment/config";
import { bootstrapCi } from "../metrics/bootstrap";
import { confusionAt, scoresFromConfusion } from "../metrics/confusion";
import { averagePrecision } from "../metrics/curves";
import { cohenKappa, percentAgreement } from "./agreement";
import { LabelSetName, LabelSets, LABEL_SET_NAMES } from "./labelSets";
import { themeOf } from "./themes";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const rate = (ys: number[]) => ys.reduce((a, b) => a + b, 0) / ys.length;

/** Percent agreement and Cohen's kappa for each pair of labelings. */
export function agreementRows(s: LabelSets): Array<Record<string, string | number>> {
  const pairs: Array<[LabelSetName, LabelSetName]> = [
    ["original", "rerun"],
    ["original", "refined"],
    ["rerun", "refined"],
  ];
  return pairs.map(([a, b]) => ({
    pair: `${a} vs ${b}`,
    "percent agreement": pct(percentAgreement(s[a], s[b])),
    "Cohen's kappa": Number(cohenKappa(s[a], s[b]).toFixed(3)),
    "disagreements": s[a].filter((v, i) => v !== s[b][i]).length,
  }));
}

/** Positive rate under each labeling. */
export function positiveRateRows(s: LabelSets): Array<Record<string, string | number>> {
  return LABEL_SET_NAMES.map((name) => ({ labels: name, positives: s[name].reduce((a, b) => a + b, 0), "positive rate": pct(rate(s[name])) }));
}

/** Where disagreements sit: per source category, how often the rerun and the refined prompt disagree with the original. */
export function disagreementByCategory(s: LabelSets): Array<Record<string, string | number>> {
  const cats = [...new Set(s.category)];
  return cats
    .map((cat) => {
      const idx = s.category.map((c, i) => (c === cat ? i : -1)).filter((i) => i >= 0);
      const dis = (b: LabelSetName) => idx.filter((i) => s.original[i] !== s[b][i]).length;
      const total = (b: LabelSetName) => Math.max(1, s.original.filter((v, i) => v !== s[b][i]).length);
      return {
        category: cat,
        messages: idx.length,
        "share of messages": pct(idx.length / s.ids.length),
        "original positive rate": pct(rate(idx.map((i) => s.original[i]))),
        "rerun disagrees": dis("rerun"),
        "refined disagrees": dis("refined"),
        "share of rerun disagreements": pct(dis("rerun") / total("rerun")),
        "share of refined disagreements": pct(dis("refined") / total("refined")),
      };
    })
    .sort((a, b) => (b["refined disagrees"] as number) - (a["refined disagrees"] as number));
}

/** Which messages the written definitions flip, and which way, by theme. */
export function flipsByTheme(s: LabelSets): Array<Record<string, string | number>> {
  const table = new Map<string, { n: number; tf: number; ft: number }>();
  s.messages.forEach((m, i) => {
    const theme = themeOf(m);
    const t = table.get(theme) ?? { n: 0, tf: 0, ft: 0 };
    t.n++;
    if (s.original[i] === 1 && s.refined[i] === 0) t.tf++;
    if (s.original[i] === 0 && s.refined[i] === 1) t.ft++;
    table.set(theme, t);
  });
  return [...table.entries()]
    .map(([theme, t]) => ({ theme, messages: t.n, "True → False": t.tf, "False → True": t.ft, "flip rate": pct((t.tf + t.ft) / t.n) }))
    .sort((a, b) => b["True → False"] + b["False → True"] - (a["True → False"] + a["False → True"]));
}

/** Example messages the refined prompt flipped, most of each direction. */
export function flippedExamples(s: LabelSets, direction: "T→F" | "F→T", limit = 8): Array<Record<string, string>> {
  return s.ids
    .map((id, i) => ({ id, i }))
    .filter(({ i }) => (direction === "T→F" ? s.original[i] === 1 && s.refined[i] === 0 : s.original[i] === 0 && s.refined[i] === 1))
    .slice(0, limit)
    .map(({ id, i }) => ({ id, theme: themeOf(s.messages[i]), category: s.category[i], message: s.messages[i] }));
}

/**
 * The same test predictions scored against each labeling: how much of
 * "precision" and "recall" is a property of the labeler.
 */
export function rescoreAgainstLabelSets(
  result: ExperimentResult,
  model: ModelName,
  s: LabelSets,
  options: { resamples?: number; seed?: number } = {},
): Array<Record<string, string | number>> {
  const m = result.models[model];
  if (!m) throw new Error(`model ${model} is not in this result`);
  if (s.ids.some((id, i) => id !== result.test.ids[i])) throw new Error("label sets must be aligned with the result's test rows");
  const t = m.threshold.threshold;
  const scores = Array.from(m.scores.test);
  const opts = { resamples: options.resamples ?? result.config.bootstrap.resamples, seed: options.seed ?? result.config.seed, groups: result.test.groups };
  const at = (k: "precision" | "recall") => (y: number[], sc: number[]) => scoresFromConfusion(confusionAt(y, sc, t))[k];
  const fmt = (ci: { estimate: number; low: number; high: number }) => `${ci.estimate.toFixed(3)} [${ci.low.toFixed(2)}, ${ci.high.toFixed(2)}]`;
  return LABEL_SET_NAMES.map((name) => {
    const y = s[name];
    return {
      "scored against": name,
      positives: y.reduce((a, b) => a + b, 0),
      precision: fmt(bootstrapCi(y, scores, at("precision"), { ...opts, seed: opts.seed + 1 })),
      recall: fmt(bootstrapCi(y, scores, at("recall"), { ...opts, seed: opts.seed + 2 })),
      "average precision": fmt(bootstrapCi(y, scores, averagePrecision, { ...opts, seed: opts.seed + 3 })),
    };
  });
}

/**
 * Self-consistency with abstention: keep the label only where two independent
 * runs agree, send the rest to a person. Returns how much is routed and how
 * the model scores on the agreed rows.
 */
export function abstentionRows(result: ExperimentResult, model: ModelName, s: LabelSets): Array<Record<string, string | number>> {
  const m = result.models[model]!;
  const t = m.threshold.threshold;
  const agreed = s.ids.map((_, i) => i).filter((i) => s.original[i] === s.rerun[i]);
  const score = (rows: number[]) => {
    const y = rows.map((i) => s.original[i]);
    const sc = rows.map((i) => m.scores.test[i]);
    const r = scoresFromConfusion(confusionAt(y, sc, t));
    return { precision: r.precision.toFixed(3), recall: r.recall.toFixed(3), ap: averagePrecision(y, sc).toFixed(3) };
  };
  const all = score(s.ids.map((_, i) => i));
  const kept = score(agreed);
  return [
    { "test rows": "all (original labels)", rows: s.ids.length, "routed to a person": 0, ...all },
    { "test rows": "where original and rerun agree", rows: agreed.length, "routed to a person": s.ids.length - agreed.length, ...kept },
  ];
}

/**
 * How many human-labeled messages a gold set needs so a precision near p is
 * known to ±halfWidth (normal approximation, 95%): n = z²·p(1−p)/h² flagged
 * messages, and flagged/flag-rate messages to review in all.
 */
export function goldSetSize(p: number, halfWidth: number, flagRate: number, z = 1.959963984540054): { flagged: number; reviewed: number } {
  const flagged = Math.ceil((z * z * p * (1 - p)) / (halfWidth * halfWidth));
  return { flagged, reviewed: Math.ceil(flagged / flagRate) };
}

/** The same experiment data with other labels (e.g. the refined prompt's), everything else unchanged. */
export function withLabels(data: ExperimentData, train: number[], test: number[]): ExperimentData {
  if (train.length !== data.train.y.length || test.length !== data.test.y.length) throw new Error("label arrays must match the train and test rows");
  return { ...data, train: { ...data.train, y: [...train] }, test: { ...data.test, y: [...test] } };
}

/**
 * Models trained on one labeling, scored against another: what writing the
 * definition down does to the positive rate, to precision and to recall.
 */
export function crossLabelRows(
  trainedOn: Array<{ name: string; result: ExperimentResult }>,
  testSets: LabelSets,
  model: ModelName = "logreg",
): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  for (const { name, result } of trainedOn) {
    const m = result.models[model]!;
    for (const scoredAgainst of ["original", "refined"] as const) {
      const c = confusionAt(testSets[scoredAgainst], m.scores.test, m.threshold.threshold);
      const r = scoresFromConfusion(c);
      rows.push({
        "trained and thresholded on": name,
        "scored against": scoredAgainst,
        "flagged": `${c.tp + c.fp} of ${testSets.ids.length}`,
        precision: r.precision.toFixed(3),
        recall: r.recall.toFixed(3),
        "average precision": averagePrecision(testSets[scoredAgainst], Array.from(m.scores.test)).toFixed(3),
      });
    }
  }
  return rows;
}

/** Among the messages a model flags on test: how often the labelers themselves do not stand behind the label. */
export function flaggedDisputeRows(result: ExperimentResult, model: ModelName, s: LabelSets): Array<Record<string, string | number>> {
  const m = result.models[model]!;
  const flagged = s.ids.map((_, i) => i).filter((i) => m.scores.test[i] >= m.threshold.threshold);
  const share = (pick: (i: number) => boolean) => {
    const n = flagged.filter(pick).length;
    return `${n} (${((100 * n) / Math.max(1, flagged.length)).toFixed(1)}%)`;
  };
  return [
    { "flagged test messages": flagged.length, "original says True": share((i) => s.original[i] === 1), "rerun disagrees with original": share((i) => s.rerun[i] !== s.original[i]), "refined prompt disagrees with original": share((i) => s.refined[i] !== s.original[i]) },
  ];
}

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
  const lr = x.result.models.logreg!;
  const at = (labels: number[]) => scoresFromConfusion(confusionAt(labels, lr.scores.test, lr.threshold.threshold));
  const onOriginal = at(x.test.original);
  const onRefined = at(x.test.refined);
  const ci = lr.test.ci.precision;
  const shift = Math.abs(onRefined.precision - onOriginal.precision);
  const half = ci ? (ci.high - ci.low) / 2 : NaN;
  const refinedLr = x.refinedResult.models.logreg!;
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

/** Show-ready HTML list. */
export function htmlList(items: string[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<ul>${items.map((i) => `<li style="margin:0.4em 0">${esc(i)}</li>`).join("")}</ul>`;
}
