// What our changes bought (notebook 01, section 5): the feature ablation and the C rule, as titles, tables and notes.
import type { AblationRow, FoldDifference } from "../experiment/ablation";
import { foldDifference } from "../experiment/ablation";
import type { CachedAblation } from "../experiment/ablationCache";
import type { CChoice } from "../experiment/cRule";
import { count, fixed, speakerNotes } from "./format";

type Row = Record<string, string | number>;
const f3 = (x: number) => fixed(x, 3);

const ROLE_TEXT: Record<AblationRow["role"], string> = {
  "assignment setup": "the assignment's setup",
  "lexical alone": "lexical features alone",
  chosen: "chosen",
  alternative: "alternative",
};
const FEATURE_TEXT: Record<string, string> = {
  encoder: "sentence encoder",
  tfidf: "TF-IDF words + characters",
  "encoder + tfidf": "encoder + TF-IDF",
};
const featureText = (f: string) =>
  FEATURE_TEXT[f] ?? f.replace(/chi2-(\d+)/, (_, k) => `TF-IDF, ${count(Number(k))} χ² columns`);

/** Each model's chosen combination against its encoder-only setup, paired by fold. */
export function ablationGains(
  rows: readonly AblationRow[],
): Array<{ model: string; from: AblationRow; to: AblationRow; gain: FoldDifference }> {
  return (["logreg", "mlp"] as const).flatMap((model) => {
    const from = rows.find((r) => r.model === model && r.role === "assignment setup");
    const to = rows.find((r) => r.model === model && r.role === "chosen");
    return from && to ? [{ model, from, to, gain: foldDifference(to, from) }] : [];
  });
}

const signed3 = (x: number) => fixed(x, 3, true);
const diffText = (d: FoldDifference) => `${signed3(d.estimate)} [${signed3(d.low)}, ${signed3(d.high)}]`;
const MODEL_TEXT: Record<string, string> = { logreg: "the logistic regression", mlp: "the MLP" };

/** The takeaway title of the ablation: what the lexical features add to each model's cross-validated AP. */
export function ablationTitle(rows: readonly AblationRow[]): string {
  const parts = ablationGains(rows).map(
    (g) => `${f3(g.from.mean)} → ${f3(g.to.mean)} for ${MODEL_TEXT[g.model] ?? g.model}`,
  );
  return `## Word and character features lift the assignment's encoder-only setup: CV average precision ${parts.join(", ")}`;
}

/** The ablation's setups side by side: CV average precision (mean ± sd over folds), the paired gain over the encoder alone, and what was chosen inside CV. */
export function ablationTable(rows: readonly AblationRow[]): Row[] {
  const setups = new Map(rows.filter((r) => r.role === "assignment setup").map((r) => [r.model, r]));
  return rows.map((r) => {
    const base = setups.get(r.model);
    const gain = base && base !== r ? diffText(foldDifference(r, base)) : "";
    return {
      model: r.model,
      features: featureText(r.features),
      "in the table as": ROLE_TEXT[r.role],
      [`CV average precision (mean ± sd, ${r.foldAveragePrecision.length} folds)`]: `${f3(r.mean)} ± ${f3(r.sd)}`,
      "gain over the encoder alone [95%]": gain,
      "chosen inside CV":
        "C" in r.selected ? `C = ${r.selected.C}` : `best epochs ${r.selected.bestEpochPerFold.join("/")}`,
    };
  });
}

/** Where the table came from: the committed cache (its key matched) or a fresh computation, and why. */
export function ablationSource(c: CachedAblation): string {
  const first = c.rows[0];
  const what = first
    ? `${count(first.rows)} training messages (${count(first.positives)} labeled True), grouped folds, the test split never read`
    : "no candidates";
  if (c.fromCache)
    return `From ${c.file}: its key (settings, candidates, training data, folds, encoder vectors) matches this run. ${what}.`;
  const why = c.stale.length ? `the cache's ${c.stale.join(", ")} no longer matched` : "there was no cache";
  return `Computed now (${why}) and written to ${c.file}. ${what}.`;
}

/** "excludes 0 in its favour", "covers 0": what a fold-difference interval says. */
const verdictOf = (d: FoldDifference) => (d.low > 0 ? "above 0" : d.high < 0 ? "below 0" : "covers 0");

/** Speaker notes for the ablation slide. */
export function ablationNotes(rows: readonly AblationRow[]): string {
  const gains = ablationGains(rows);
  const lexical = rows.find((r) => r.role === "lexical alone");
  const setup = lexical && rows.find((r) => r.model === lexical.model && r.role === "assignment setup");
  const lexicalGain = lexical && setup ? foldDifference(lexical, setup) : null;
  const allAbove = gains.length > 0 && gains.every((g) => g.gain.low > 0);
  return speakerNotes(
    [
      `The first question an interviewer asks: what did your changes buy? The assignment fed a sentence encoder's ` +
        `vectors to a logistic regression and an MLP. Measured the same way, by grouped cross-validation on the training ` +
        `split only (each row validated once, ${rows[0]?.foldAveragePrecision.length ?? 0} folds), adding word and ` +
        `character TF-IDF fitted inside every fold changes average precision by ` +
        gains.map((g) => `${diffText(g.gain)} (${g.model})`).join(" and ") +
        `; each interval is over folds, widened for their overlap (corrected resampled t).`,
      lexical && setup && lexicalGain
        ? `Lexical features alone score ${f3(lexical.mean)} against ${f3(setup.mean)} for the encoder alone ` +
          `(${diffText(lexicalGain)}, an interval that ${verdictOf(lexicalGain)}): ` +
          (lexicalGain.low > 0
            ? `the words that decide this task are blurred in a general-purpose sentence vector.`
            : `neither alone is shown better than the other.`)
        : "",
      `The assignment's encoder, paraphrase-mpnet-base-v2, was not run here: its weights cannot be downloaded on this ` +
        `machine, so the encoder is USE-lite (512 dimensions, offline). \`npm run embed -- --method mpnet\` on a machine ` +
        `that can download it would replace the vectors; every row with the encoder would be measured again (the cache ` +
        `key holds the vectors' hash, so it goes stale by itself), and the lexical-only row would not move.`,
      `What the protocol fixes bought (a vectorizer fitted outside the folds, tuning on test, a split that leaks ` +
        `repeats…) is notebook 02's subject: each pitfall measured against the clean pipeline.`,
      `Expect: "Is the gain real?" (` +
        (allAbove
          ? `both intervals lie above 0`
          : gains.map((g) => `${g.model}: the interval ${verdictOf(g.gain)}`).join("; ")) +
        `). "Why not fine-tune the encoder?" (${count(rows[0]?.positives ?? 0)} positives is little to fine-tune on; ` +
        `lexical features are the cheap fix). "Why χ²-selected columns for the MLP?" (its sparse first layer takes ` +
        `them; \`npm run bench:embedding-choice\` compares other inputs).`,
    ].filter(Boolean),
  );
}

/** How C was chosen, in a sentence: the rule, the grid, and whether the best C sat at its edge. */
export function cChoiceText(c: CChoice, grid: readonly number[], folds: number): string {
  const range = `${Math.min(...grid)}–${Math.max(...grid)}`;
  const edge = c.bestAtEdge
    ? `It sits at the grid's edge (${range}): the grid may stop too soon.`
    : `It lies inside the grid (${range}), so the grid no longer stops at its maximum.`;
  if (c.rule === "best") return `C = ${c.C}: the best mean CV average precision, ${f3(c.bestMean)}. ${edge}`;
  return (
    `C = ${c.C}, by the one-standard-error rule. The best mean CV average precision is ${f3(c.bestMean)} at ` +
    `C = ${c.bestC}. ${edge} One standard error over the ${folds} folds is ${f3(c.standardError)}; the most ` +
    `regularized C whose mean clears ${f3(c.floor)} is C = ${c.C}. On a plateau the argmax is noise: the rule keeps ` +
    `the simplest model cross-validation cannot tell apart from the best, and it was fixed before the test split was ` +
    `scored with it.`
  );
}
