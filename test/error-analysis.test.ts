import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { detectLanguage } from "../lib/analysis/language";
import {
  errorsByCategory,
  errorShares,
  messageTokens,
  nonEnglishMessages,
  outcomes,
  outcomesByLanguage,
  overRepresentedTokens,
  ScoredMessages,
  scoredMessages,
  textsWithLabel,
  textsWithOutcome,
} from "../lib/analysis/errors";
import { chooseModel, PairedDifference, pairedDifferences } from "../lib/analysis/modelChoice";
import type { Relabel } from "../lib/data/relabels";
import type { ExperimentResult } from "../lib/experiment/run";

test("detectLanguage: the data's Spanish, German, French, Portuguese and Italian thank-yous; English stays English", () => {
  assert.equal(detectLanguage("Gracias a Lupe por ayudarme con el cambio de turno. ¡Te debo una!"), "es");
  assert.equal(detectLanguage("Danke, Katrin, für die super organisierte Evakuierungsübung im Lager."), "de");
  assert.equal(detectLanguage("Merci Chloé pour le café et les croissants ce matin !"), "fr");
  assert.equal(detectLanguage("Obrigada, Luana, por toda a ajuda com a festa de Natal dos residentes."), "pt");
  assert.equal(detectLanguage("Grazie mille a Giulia per il supporto, sei molto brava"), "it");
  assert.equal(detectLanguage("Thanks Sam for fixing the fire door and checking every hard hat"), "en");
  // Code-mixed messages with more English function words than foreign ones count as English.
  assert.equal(detectLanguage("Gracias Mateo, you saved the demo!"), "en");
  assert.equal(detectLanguage(""), "en");
});

// Six test messages: ids a..f, labels, scores around a threshold of 0.5.
const part: ScoredMessages = {
  ids: ["a", "b", "c", "d", "e", "f"],
  texts: [
    "Thanks for spotting the leak",
    "Thanks for spotting my typo",
    "Danke für die Hilfe und den Kaffee",
    "Thanks for the evacuation drill",
    "Thanks for the cake",
    "Thanks for noticing I was tired",
  ],
  y: [1, 0, 1, 1, 0, 0],
  scores: [0.9, 0.8, 0.2, 0.5, 0.1, 0.7],
  threshold: 0.5,
};
const rl = (rerun: 0 | 1, refined: 0 | 1, category: Relabel["category"]): Relabel => ({ rerun, refined, category });
const relabels = new Map<string, Relabel>([
  ["a", rl(1, 1, "safety")],
  ["b", rl(0, 0, "general")],
  ["c", rl(1, 0, "safety")], // refined prompt disputes the True label of a missed message
  ["d", rl(1, 1, "safety")],
  ["e", rl(0, 0, "general")],
  ["f", rl(0, 1, "ambiguous")], // refined prompt sides with the model's flag
]);

describe("outcomes and error patterns", () => {
  test("outcomes: a score equal to the threshold is flagged; lengths must agree", () => {
    assert.deepEqual(outcomes(part), ["tp", "fp", "fn", "tp", "tn", "fp"]);
    assert.throws(() => outcomes({ ...part, scores: [0.1] }), /differ in length/);
  });

  test("errorsByCategory counts errors per category, the disputed ones, and a total row", () => {
    const rows = errorsByCategory(part, relabels);
    assert.deepEqual(
      rows.map((r) => r.category),
      ["safety", "ambiguous", "general", "all"],
    );
    const by = Object.fromEntries(rows.map((r) => [r.category, r]));
    assert.deepEqual(by.safety, {
      category: "safety",
      messages: 3,
      labeledTrue: 3,
      falsePositives: 0,
      falsePositivesDisputed: 0,
      falseNegatives: 1,
      falseNegativesDisputed: 1,
    });
    assert.equal(by.general.falsePositives, 1);
    assert.equal(by.general.falsePositivesDisputed, 0);
    assert.equal(by.ambiguous.falsePositivesDisputed, 1);
    assert.deepEqual(by.all, {
      category: "all",
      messages: 6,
      labeledTrue: 3,
      falsePositives: 2,
      falsePositivesDisputed: 1,
      falseNegatives: 1,
      falseNegativesDisputed: 1,
    });
    const fpShares = errorShares(rows, "falsePositives");
    assert.deepEqual(fpShares.slice(0, 2), [
      { category: "ambiguous", count: 1, disputed: 1, share: 0.5, eligible: 1, rate: 1 },
      { category: "general", count: 1, disputed: 0, share: 0.5, eligible: 2, rate: 0.5 },
    ]);
    assert.deepEqual(errorShares(rows, "falseNegatives")[0], {
      category: "safety",
      count: 1,
      disputed: 1,
      share: 1,
      eligible: 3,
      rate: 1 / 3,
    });
    const partial = new Map(relabels);
    partial.delete("e");
    assert.throws(() => errorsByCategory(part, partial), /id e has no row/);
  });

  test("overRepresentedTokens ranks words shared by the group and rare in the reference, above minCount", () => {
    const fps = [
      "thanks for spotting the typo",
      "spotting the missing invoice, thanks",
      "kudos for noticing",
      "great spotting",
    ];
    const tns = ["thanks for the cake", "thanks for the typo fix", "thanks for covering", "noticing the small things"];
    const top = overRepresentedTokens(fps, tns, { minCount: 2, top: 3 });
    assert.equal(top[0].token, "spotting");
    assert.deepEqual([top[0].inGroup, top[0].groupSize, top[0].inReference, top[0].referenceSize], [3, 4, 0, 4]);
    assert.ok(Math.abs(top[0].logRatio - Math.log(3.5 / 0.5)) < 1e-12);
    // "noticing" is in one false positive only: below minCount 2, it is left out.
    assert.ok(!top.some((t) => t.token === "noticing"));
    // "thanks" is as common in the reference: ranked below "spotting".
    assert.ok(top.findIndex((t) => t.token === "thanks") !== 0);
    assert.equal(top[0].inPositives, undefined);
    const withPositives = overRepresentedTokens(fps, tns, {
      minCount: 2,
      top: 1,
      positives: ["spotting a leak", "a leak"],
    });
    assert.deepEqual(
      [withPositives[0].token, withPositives[0].inPositives, withPositives[0].positivesSize],
      ["spotting", 1, 2],
    );
    assert.throws(() => overRepresentedTokens([], tns), /both groups need messages/);
    assert.deepEqual([...messageTokens("Sam's fire-door, Sam's!")], ["sam", "fire-door"]);
  });

  test("textsWithOutcome, nonEnglishMessages and outcomesByLanguage read the same outcomes", () => {
    assert.deepEqual(textsWithOutcome(part, "fp"), [part.texts[1], part.texts[5]]);
    assert.deepEqual(textsWithLabel(part, 1), [part.texts[0], part.texts[2], part.texts[3]]);
    const foreign = nonEnglishMessages(part);
    assert.deepEqual(
      foreign.map((m) => [m.id, m.language, m.label, m.outcome]),
      [["c", "de", 1, "fn"]],
    );
    assert.deepEqual(outcomesByLanguage(part), [
      { group: "English", messages: 5, tp: 2, fp: 2, fn: 0, tn: 1 },
      { group: "not English", messages: 1, tp: 0, fp: 0, fn: 1, tn: 0 },
    ]);
  });
});

/** Just enough of an ExperimentResult for the analysis functions: test rows, two models' scores and thresholds. */
function fakeResult(y: number[], scoresA: number[], scoresB: number[]): ExperimentResult {
  const ids = y.map((_, i) => `m${i}`);
  const model = (name: string, scores: number[]) => ({
    name,
    threshold: { threshold: 0.5 },
    scores: { test: Float64Array.from(scores), oof: Float64Array.from(scores) },
  });
  return {
    config: { seed: 7, bootstrap: { resamples: 300, level: 0.95 } },
    train: { ids, y, texts: ids, groups: ids.map((_, i) => i) },
    test: { ids, y, texts: ids, groups: ids.map((_, i) => i) },
    models: [model("logreg", scoresA), model("mlp", scoresB)],
  } as unknown as ExperimentResult;
}

describe("model choice", () => {
  test("pairedDifferences: a perfect model is favoured over a coin; identical models are not separated", () => {
    const y = Array.from({ length: 120 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const perfect = y.map((v, i) => (v ? 0.9 : 0.1) + (i % 7) * 0.001);
    const coin = y.map((_, i) => ((i * 37) % 101) / 101);
    const diffs = pairedDifferences(fakeResult(y, perfect, coin), "logreg", "mlp");
    assert.deepEqual(
      diffs.map((d) => d.metric),
      ["average precision", "precision", "recall", "F1"],
    );
    const ap = diffs[0];
    assert.equal(ap.favours, "logreg");
    const { low, estimate, high } = ap.difference;
    assert.ok(low > 0 && low <= estimate && estimate <= high, JSON.stringify(ap));
    assert.equal(ap.difference.n, 120);
    assert.equal(ap.difference.method, "paired bootstrap");
    const same = pairedDifferences(fakeResult(y, coin, coin), "logreg", "mlp");
    for (const d of same)
      assert.deepEqual([d.difference.estimate, d.difference.low, d.difference.high, d.favours], [0, 0, 0, null]);
    assert.throws(() => pairedDifferences(fakeResult(y, coin, coin), "logreg", "keyword"), /is not in this result/);
    assert.equal(scoredMessages(fakeResult(y, perfect, coin), "mlp", "test").scores[5], coin[5]);
  });

  test("chooseModel: a one-sided lead decides; none, or leads both ways, fall back to the simpler model", () => {
    const d = (metric: PairedDifference["metric"], favours: PairedDifference["favours"]): PairedDifference => ({
      metric,
      a: "logreg",
      b: "mlp",
      difference: { estimate: 0, low: 0, high: 0, level: 0.95, method: "paired bootstrap", n: 10 },
      favours,
    });
    assert.deepEqual(chooseModel([d("average precision", null), d("recall", "mlp")], "logreg"), {
      chosen: "mlp",
      basis: "ahead",
      decidingMetrics: [{ metric: "recall", favours: "mlp" }],
    });
    assert.equal(
      chooseModel([d("average precision", null), d("F1", null)], "logreg").basis,
      "no detectable difference",
    );
    assert.equal(chooseModel([d("average precision", null), d("F1", null)], "logreg").chosen, "logreg");
    const mixed = chooseModel([d("precision", "logreg"), d("recall", "mlp")], "logreg");
    assert.deepEqual([mixed.chosen, mixed.basis], ["logreg", "mixed"]);
    assert.throws(() => chooseModel([d("F1", null)], "keyword"), /must be one of logreg, mlp/);
  });
});
