// Notebook 03's evidence modules: intent proxy, label deltas, gold-set sizing, abstention, economics, ranking.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { mcnemarExactP } from "../lib/labels/estimate";
import { bootstrapRows } from "../lib/metrics/bootstrap";
import { wilson } from "../lib/metrics/proportion";
import { againstIntent, intentOf, noiseCorrected } from "../lib/labels/intent";
import { extraFlips, flaggedDelta, labelChange, shareLabeledFalse } from "../lib/labels/deltas";
import { goldSetPlan, itemsForProportion } from "../lib/labels/sizing";
import { abstentionAtEqualCoverage } from "../lib/labels/abstention";
import {
  approxTokens,
  humanCostPerThousand,
  readPrompts,
  llmCostPerThousand,
  promptsFromMarkdown,
} from "../lib/labels/economics";
import { rankingUnderLabelings } from "../lib/labels/ranking";
import { makeRng } from "../lib/util/random";
import { ROOT } from "./helpers";

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

describe("against the writer's intent", () => {
  test("intent maps categories to 1, 0 or no answer, and an unknown category is an error naming it", () => {
    assert.deepEqual(["safety", "security", "wordsense", "general", "ambiguous", "empty"].map(intentOf), [
      1,
      1,
      0,
      0,
      null,
      null,
    ]);
    assert.throws(() => intentOf("borderline"), /unknown source_category "borderline"/);
  });

  test("precision and recall against intent skip borderline rows and count n on the rest", () => {
    const categories = ["safety", "safety", "security", "general", "general", "wordsense", "ambiguous", "ambiguous"];
    const pred = [1, 0, 1, 1, 0, 0, 1, 1];
    const pr = againstIntent(pred, categories, { seed: 1, resamples: 200 });
    // Rows with intent: TP 2 (rows 0, 2), FN 1 (row 1), FP 1 (row 3); the two ambiguous flags do not count.
    assert.equal(pr.precision.estimate, 2 / 3);
    assert.equal(pr.precision.n, 3);
    assert.equal(pr.recall.estimate, 2 / 3);
    assert.equal(pr.recall.n, 3);
    assert.ok(pr.precision.low <= pr.precision.estimate && pr.precision.estimate <= pr.precision.high);
  });

  test("the noise correction recovers a perfect model's precision from a labeler with known error rates", () => {
    // 200 intended positives, 800 negatives; the labeler misses every 10th positive and flags every 20th negative.
    const categories = [...Array(200).fill("safety"), ...Array(800).fill("general")];
    const truth = categories.map((c) => (c === "safety" ? 1 : 0));
    const labels = truth.map((t, i) => (t === 1 ? (i % 10 === 0 ? 0 : 1) : i % 20 === 0 ? 1 : 0));
    const x = noiseCorrected(truth, labels, categories, { seed: 3, resamples: 200 });
    close(x.labelerSensitivity.estimate, 0.9, 1e-12, "sensitivity");
    close(x.labelerSpecificity.estimate, 0.95, 1e-12, "specificity");
    close(x.measured.precision.estimate, 0.9, 1e-12, "measured precision");
    assert.ok(
      x.measured.recall.estimate < 0.85,
      `a perfect model looks worse against a noisy labeler: ${x.measured.recall.estimate}`,
    );
    close(x.corrected.precision.estimate, 1, 1e-12, "corrected precision");
    close(x.corrected.recall.estimate, 1, 1e-12, "corrected recall");
    // With a labeler equal to intent, the correction changes nothing.
    const same = noiseCorrected(labels, truth, categories, { seed: 3, resamples: 50 });
    close(same.corrected.precision.estimate, same.measured.precision.estimate, 1e-12, "no correction");
    assert.throws(() => noiseCorrected([1], [1, 0], ["safety"]), /must align/);
  });
});

describe("intervals and tests", () => {
  test("Wilson intervals and the exact McNemar test match known values", () => {
    const w = wilson(0, 10);
    assert.equal(w.low, 0);
    close(w.high, 0.2775, 1e-4, "Wilson upper bound for 0/10");
    close(wilson(5, 10).low, 0.2366, 1e-4, "Wilson lower bound for 5/10");
    assert.throws(() => wilson(3, 2), /0 ≤ k ≤ n/);
    assert.equal(mcnemarExactP(0, 5), 2 / 32);
    assert.equal(mcnemarExactP(4, 4), 1);
    assert.equal(mcnemarExactP(0, 0), 1);
    close(mcnemarExactP(10, 9), 1, 1e-12, "10 vs 9");
  });

  test("the row bootstrap is seeded, and group resampling keeps repeats together", () => {
    const x = Array.from({ length: 50 }, (_, i) => i % 7);
    const mean = (idx: number[]) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
    assert.deepEqual(
      bootstrapRows(50, mean, 50, { seed: 5, resamples: 100 }),
      bootstrapRows(50, mean, 50, { seed: 5, resamples: 100 }),
    );
    // All rows in one group: every resample is the whole sample, so the interval collapses.
    const one = bootstrapRows(50, mean, 50, { seed: 5, resamples: 100, groups: Array(50).fill(0) });
    assert.equal(one.low, one.estimate);
    assert.equal(one.high, one.estimate);
    assert.throws(() => bootstrapRows(3, () => NaN, 3, { resamples: 10 }), /undefined in all 10/);
  });
});

describe("label changes, gold sets and abstention", () => {
  test("label changes count flips each way and put an interval on the change in positives", () => {
    const a = [1, 1, 0, 0, 1, 0, 0, 0];
    const b = [0, 1, 1, 1, 1, 0, 0, 0];
    const c = labelChange(a, b, { seed: 2, resamples: 200 });
    assert.equal(c.trueToFalse, 1);
    assert.equal(c.falseToTrue, 2);
    assert.equal(c.positivesDelta.estimate, 1);
    assert.equal(c.n, 8);
    assert.ok(c.positivesDelta.low <= 1 && c.positivesDelta.high >= 1);
    const rerun = [1, 1, 0, 0, 1, 0, 0, 1];
    assert.equal(extraFlips(a, rerun, b, { seed: 2, resamples: 50 }).estimate, 3 - 1);
    const f = flaggedDelta([0.9, 0.1, 0.6], 0.5, [0.9, 0.7, 0.2], 0.5, { seed: 1, resamples: 50 });
    assert.deepEqual([f.flaggedA, f.flaggedB, f.estimate], [2, 2, 0]);
    assert.throws(() => labelChange([1], [1, 0]), /same length/);
    const groups = shareLabeledFalse([0, 0, 1, 0], [{ group: "even rows", member: (i) => i % 2 === 0 }]);
    assert.equal(groups[0].labeledFalse, 1);
    assert.equal(groups[0].shareFalse.n, 2);
    assert.throws(
      () => shareLabeledFalse([0], [{ group: "nobody", member: () => false }]),
      /no messages in group "nobody"/,
    );
  });

  test("gold-set sizes: precision from flagged messages, recall needs many unflagged ones, checked by simulation", () => {
    assert.equal(itemsForProportion(0.5, 0.1), 97);
    const op = { precision: 0.9, recall: 0.9, flagRate: 0.13 };
    const plan = goldSetPlan(op, 0.05);
    assert.equal(plan.precisionFlaggedToLabel, itemsForProportion(0.9, 0.05));
    // The miss rate is consistent with the operating point: recall recomputed from it is the input.
    const prevalence = (op.flagRate * op.precision) / op.recall;
    close(
      (op.flagRate * op.precision) / (op.flagRate * op.precision + (1 - op.flagRate) * plan.missRate),
      op.recall,
      1e-12,
      "recall",
    );
    assert.ok(
      plan.recallMessagesToLabel > plan.precisionMessagesSeen / 2 &&
        plan.recallMessagesToLabel === Math.ceil(plan.recallPositivesNeeded / prevalence),
    );
    // Simulate the stratified design with the flagged side known: the spread of the recall estimate ≈ half-width / z.
    const rng = makeRng(11);
    const estimates: number[] = [];
    for (let r = 0; r < 2000; r++) {
      let found = 0;
      for (let k = 0; k < plan.recallUnflaggedToLabel; k++) if (rng() < plan.missRate) found++;
      const q = found / plan.recallUnflaggedToLabel;
      estimates.push((op.flagRate * op.precision) / (op.flagRate * op.precision + (1 - op.flagRate) * q));
    }
    const m = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - m) ** 2, 0) / estimates.length);
    close(sd, 0.05 / 1.96, 0.2 * (0.05 / 1.96), "simulated standard deviation of recall");
    assert.throws(() => goldSetPlan({ precision: 0.9, recall: 0.9, flagRate: 0 }, 0.05), /flag rate/);
  });

  test("abstention policies set aside the same number of rows; random removal leaves the metric where it was", () => {
    const n = 400;
    const rng = makeRng(4);
    const y = Array.from({ length: n }, () => Number(rng() < 0.2));
    const scores = y.map((v) => v * 0.4 + rng() * 0.6);
    // The disputed rows are exactly the rows the model gets wrong: dropping them must raise precision to 1.
    const disputed = scores.map((s, i) => Number(s >= 0.5) !== y[i]);
    const rows = abstentionAtEqualCoverage(y, scores, 0.5, disputed, { seed: 1, draws: 300, resamples: 200 });
    const k = disputed.filter(Boolean).length;
    assert.ok(k > 5);
    assert.deepEqual(
      rows.map((r) => r.abstained),
      [0, k, k, k],
    );
    const byPolicy = Object.fromEntries(rows.map((r) => [r.policy, r]));
    assert.equal(byPolicy["labeler runs disagree"].precision.estimate, 1);
    assert.equal(byPolicy["labeler runs disagree"].errorRateSetAside, 1);
    assert.ok(byPolicy["labeler runs disagree"].precisionGain.low > 0);
    const none = byPolicy["none"].precision.estimate;
    const random = byPolicy["random rows"].precision;
    assert.ok(random.low <= none && none <= random.high, `random removal: ${JSON.stringify(random)} vs ${none}`);
    assert.throws(() => abstentionAtEqualCoverage([1], [0.5, 0.2], 0.5, [false]), /must align/);
  });
});

describe("costs and rankings", () => {
  test("costs: the committed prompts parse, and cost per 1,000 labels follows tokens × price and seconds × wage", () => {
    const prompts = readPrompts();
    assert.deepEqual(prompts, promptsFromMarkdown(fs.readFileSync(path.join(ROOT, "data", "prompts.md"), "utf8")));
    assert.throws(
      () => readPrompts(path.join(ROOT, "no-such-prompts.md")),
      /no-such-prompts\.md: prompts file not found/,
    );
    assert.equal(prompts.length, 2);
    assert.match(prompts[1].prompt, /SAFETY or SECURITY/);
    assert.throws(() => promptsFromMarkdown("# p\n```\nno end"), /never closed/);
    assert.equal(approxTokens("abcdefgh"), 2);
    const price = { low: 1, central: 2, high: 4 };
    const cost = llmCostPerThousand({
      messageTokens: [10, 30],
      promptTokens: 100,
      outputTokensPerLabel: 2,
      messagesPerCall: 10,
      inputPrice: price,
      outputPrice: price,
    });
    // (100 / 10 + 20) input + 2 output tokens = 32 tokens per label; × 1,000 labels × $2 per million.
    close(cost.perThousand.central, (32 * 1000 * 2) / 1e6, 1e-15, "central");
    close(cost.perThousand.high, (32 * 1000 * 4) / 1e6, 1e-15, "high");
    const human = humanCostPerThousand({ low: 10, central: 10, high: 10 }, { low: 36, central: 36, high: 36 });
    close(human.perThousand.central, 100, 1e-9, "10 s at $36/h");
    assert.throws(
      () =>
        llmCostPerThousand({
          messageTokens: [],
          promptTokens: 1,
          outputTokensPerLabel: 1,
          messagesPerCall: 1,
          inputPrice: price,
          outputPrice: price,
        }),
      /no messages/,
    );
  });

  test("ranking under labelings: identical models tie exactly, a perfect model beats a coin", () => {
    const rng = makeRng(9);
    const y = Array.from({ length: 300 }, () => Number(rng() < 0.3));
    const perfect = y.map((v) => v * 0.8 + 0.1);
    const coin = y.map(() => rng());
    const tie = rankingUnderLabelings(
      { a: y },
      { name: "p", scores: perfect, threshold: 0.5 },
      { name: "q", scores: perfect, threshold: 0.5 },
      { seed: 1, resamples: 100 },
    );
    assert.ok(tie.every((r) => r.difference.estimate === 0 && r.difference.low === 0 && r.difference.high === 0));
    const win = rankingUnderLabelings(
      { a: y, flipped: y.map((v) => 1 - v) },
      { name: "p", scores: perfect, threshold: 0.5 },
      { name: "c", scores: coin, threshold: 0.5 },
      { seed: 1, resamples: 200 },
    );
    assert.ok(
      win.filter((r) => r.labeling === "a").every((r) => r.difference.low > 0),
      "the perfect model wins on every metric against its own labels",
    );
    assert.ok(
      win.filter((r) => r.labeling === "flipped" && r.metric === "precision").every((r) => r.difference.high < 0),
      "and loses against the opposite labels",
    );
  });
});
