// Error analysis as numbers: where a model's mistakes fall, whether other labelings back the label, and which
// words the mistakes share. Every function returns typed rows; formatting is the notebook's business.
import type { Relabel, SourceCategory } from "../data/relabels";
import { SOURCE_CATEGORIES } from "../data/relabels";
import { getOrThrow } from "../util/maps";
import type { ModelName } from "../experiment/config";
import { ExperimentResult, modelResult } from "../experiment/run";
import { detectLanguage, Language } from "./language";
import { InvalidInputError } from "../errors";

/** A message's outcome at the threshold: true or false positive, miss (false negative), or true negative. */
export type Outcome = "tp" | "fp" | "fn" | "tn";

/** Messages with their label and one model's scores and threshold: a test split or the out-of-fold training rows. */
export interface ScoredMessages {
  ids: readonly string[];
  texts: readonly string[];
  y: ArrayLike<number>;
  scores: ArrayLike<number>;
  threshold: number;
}

/** One model's test scores (`"test"`) or out-of-fold training scores (`"oof"`), at its chosen threshold. */
export function scoredMessages(result: ExperimentResult, model: ModelName, split: "test" | "oof"): ScoredMessages {
  const m = modelResult(result, model);
  const part = split === "test" ? result.test : result.train;
  return { ids: part.ids, texts: part.texts, y: part.y, scores: m.scores[split], threshold: m.threshold.threshold };
}

/** Each message's outcome: flagged when score ≥ threshold, as everywhere else in the project. */
export function outcomes(s: ScoredMessages): Outcome[] {
  const n = s.ids.length;
  if (s.y.length !== n || s.scores.length !== n || s.texts.length !== n) {
    throw new InvalidInputError(
      "scored",
      `ids (${n}), texts (${s.texts.length}), labels (${s.y.length}) and scores (${s.scores.length}) differ in length`,
    );
  }
  return Array.from({ length: n }, (_, i) => {
    const flagged = s.scores[i] >= s.threshold;
    return s.y[i] === 1 ? (flagged ? "tp" : "fn") : flagged ? "fp" : "tn";
  });
}

function relabelOf(relabels: Map<string, Relabel>, id: string): Relabel {
  const r = relabels.get(id);
  if (!r) throw new InvalidInputError("relabels", `id ${id} has no row in the relabels file`);
  return r;
}

/** Errors in one source category, and how many of them a second run or the refined prompt labels the other way. */
export interface CategoryErrors {
  category: SourceCategory | "all";
  messages: number;
  labeledTrue: number;
  falsePositives: number;
  /** False positives that the rerun or the refined prompt labels True (sides with the model). */
  falsePositivesDisputed: number;
  falseNegatives: number;
  /** False negatives that the rerun or the refined prompt labels False. */
  falseNegativesDisputed: number;
}

/** False positives and false negatives by the category each message was written for, with a total row last. */
export function errorsByCategory(s: ScoredMessages, relabels: Map<string, Relabel>): CategoryErrors[] {
  const out = outcomes(s);
  const empty = (category: CategoryErrors["category"]): CategoryErrors => ({
    category,
    messages: 0,
    labeledTrue: 0,
    falsePositives: 0,
    falsePositivesDisputed: 0,
    falseNegatives: 0,
    falseNegativesDisputed: 0,
  });
  const rows = new Map<CategoryErrors["category"], CategoryErrors>(SOURCE_CATEGORIES.map((c) => [c, empty(c)]));
  const total = empty("all");
  s.ids.forEach((id, i) => {
    const r = relabelOf(relabels, id);
    const disputed = r.rerun !== s.y[i] || r.refined !== s.y[i];
    for (const row of [getOrThrow(rows, r.category, "errors by source category"), total]) {
      row.messages++;
      row.labeledTrue += s.y[i];
      if (out[i] === "fp") {
        row.falsePositives++;
        if (disputed) row.falsePositivesDisputed++;
      }
      if (out[i] === "fn") {
        row.falseNegatives++;
        if (disputed) row.falseNegativesDisputed++;
      }
    }
  });
  return [...[...rows.values()].filter((r) => r.messages > 0), total];
}

/** Lower-cased word tokens of a message, each counted once (document frequency). */
export function messageTokens(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []).map((w) => w.replace(/'s$/, "")));
}

/** How much more often a word occurs in one group of messages than in another. */
export interface TokenContrast {
  token: string;
  /** Messages in the first group containing the token, and the group's size. */
  inGroup: number;
  groupSize: number;
  inReference: number;
  referenceSize: number;
  /** log((inGroup + ½)/(groupSize + 1)) − log((inReference + ½)/(referenceSize + 1)): smoothed so unseen words stay finite. */
  logRatio: number;
  /** With `options.positives`: how many of those messages (e.g. all labeled True) contain the word, and how many there are. */
  inPositives?: number;
  positivesSize?: number;
}

/**
 * Words over-represented in `group` (e.g. a model's false positives) against `reference` (e.g. its true
 * negatives), by the smoothed log ratio of the shares of messages containing them; only words in at least
 * `minCount` messages of the group count, so one message's vocabulary cannot top the list. Given `positives`
 * (the messages labeled True), each word also gets its count there: a word common in both the false positives
 * and the positives is a cue the model learned from the positives and applies out of context.
 */
export function overRepresentedTokens(
  group: readonly string[],
  reference: readonly string[],
  options: { minCount?: number; top?: number; positives?: readonly string[] } = {},
): TokenContrast[] {
  const { minCount = 3, top = 15, positives } = options;
  if (!group.length || !reference.length)
    throw new InvalidInputError("reference", `both groups need messages (got ${group.length} and ${reference.length})`);
  const count = (texts: readonly string[]) => {
    const c = new Map<string, number>();
    for (const t of texts) for (const w of messageTokens(t)) c.set(w, (c.get(w) ?? 0) + 1);
    return c;
  };
  const g = count(group);
  const r = count(reference);
  const p = positives ? count(positives) : undefined;
  const share = (k: number, n: number) => (k + 0.5) / (n + 1);
  return [...g.entries()]
    .filter(([, k]) => k >= minCount)
    .map(([token, k]) => {
      const kr = r.get(token) ?? 0;
      return {
        token,
        inGroup: k,
        groupSize: group.length,
        inReference: kr,
        referenceSize: reference.length,
        logRatio: Math.log(share(k, group.length)) - Math.log(share(kr, reference.length)),
      };
    })
    .sort((a, b) => b.logRatio - a.logRatio || b.inGroup - a.inGroup || a.token.localeCompare(b.token))
    .slice(0, top)
    .map((t) => (p && positives ? { ...t, inPositives: p.get(t.token) ?? 0, positivesSize: positives.length } : t));
}

/** The texts of the messages with a given outcome. */
export function textsWithOutcome(s: ScoredMessages, outcome: Outcome): string[] {
  const out = outcomes(s);
  return s.texts.filter((_, i) => out[i] === outcome);
}

/** The texts of the messages with a given label (1: labeled True). */
export function textsWithLabel(s: ScoredMessages, label: 0 | 1): string[] {
  return s.texts.filter((_, i) => s.y[i] === label);
}

/** A message the crude stop-word test takes for non-English, with the model's score and outcome. */
export interface ForeignMessage {
  id: string;
  language: Language;
  label: number;
  score: number;
  outcome: Outcome;
  message: string;
}

/** The non-English messages (by `detectLanguage`), highest label first, then by score. */
export function nonEnglishMessages(s: ScoredMessages): ForeignMessage[] {
  const out = outcomes(s);
  return s.ids
    .map((id, i) => ({
      id,
      language: detectLanguage(s.texts[i]),
      label: s.y[i],
      score: s.scores[i],
      outcome: out[i],
      message: s.texts[i],
    }))
    .filter((m) => m.language !== "en")
    .sort((a, b) => b.label - a.label || b.score - a.score);
}

/** Outcome counts among non-English and English messages: does the model treat the two alike? */
export interface LanguageOutcomes {
  group: "English" | "not English";
  messages: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** True positives, false positives and misses for English and non-English messages (by detectLanguage). */
export function outcomesByLanguage(s: ScoredMessages): LanguageOutcomes[] {
  const out = outcomes(s);
  const rows: LanguageOutcomes[] = (["English", "not English"] as const).map((group) => ({
    group,
    messages: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
  }));
  s.texts.forEach((t, i) => {
    const row = rows[detectLanguage(t) === "en" ? 0 : 1];
    row.messages++;
    row[out[i]]++;
  });
  return rows;
}

/** One category's share of a kind of error. */
export interface ErrorShare {
  category: SourceCategory;
  count: number;
  disputed: number;
  /** count / all errors of this kind (0 when there are none). */
  share: number;
  /** The category's messages that could make this error: labeled False for false positives, True for misses. */
  eligible: number;
  /** count / eligible (0 when none are eligible): how error-prone a message of this category is. */
  rate: number;
}

/** The categories' shares of the false positives (or negatives), largest first; `rows` as from `errorsByCategory`. */
export function errorShares(rows: readonly CategoryErrors[], kind: "falsePositives" | "falseNegatives"): ErrorShare[] {
  const disputedKey = kind === "falsePositives" ? "falsePositivesDisputed" : "falseNegativesDisputed";
  const perCategory = rows.filter((r): r is CategoryErrors & { category: SourceCategory } => r.category !== "all");
  const total = perCategory.reduce((a, r) => a + r[kind], 0);
  return perCategory
    .map((r) => {
      const eligible = kind === "falsePositives" ? r.messages - r.labeledTrue : r.labeledTrue;
      return {
        category: r.category,
        count: r[kind],
        disputed: r[disputedKey],
        share: total ? r[kind] / total : 0,
        eligible,
        rate: eligible ? r[kind] / eligible : 0,
      };
    })
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}
