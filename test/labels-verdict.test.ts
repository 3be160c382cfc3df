// Notebook 03's bottom line: precision three ways on the same rows, serving economics, the verdict's evidence and words.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as os from "node:os";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ExperimentResult } from "../lib/experiment/run";
import { servingEconomics } from "../lib/labels/economics";
import { measureScoringCost, readEmbedBenchmark } from "../lib/labels/serving";
import { goldSetPlan, humanLabelPlan } from "../lib/labels/sizing";
import { truePrecisionOnSameRows } from "../lib/labels/truePrecision";
import { languageLoss, rerunFlipConcentration, verdictEvidence } from "../lib/labels/verdict";
import type { Interval } from "../lib/metrics/interval";
import { wilson } from "../lib/metrics/proportion";
import { CLOSING_TITLE, oneMoreWeek } from "../lib/present/closingPoints";
import { dollars, roughly } from "../lib/present/labelEvidence";
import {
  prosConsTable,
  reconcileTruePrecision,
  truePrecisionTable,
  verdictPoints,
  verdictTitle,
} from "../lib/present/labelVerdict";
import { economicsTable } from "../lib/present/serving";
import { tempDir } from "./helpers";

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

/**
 * 20 clear messages and 4 borderline ones. The model flags rows 0–9 (safety, labeled True except row 9, which the
 * labeler calls False) and rows 10–11 (general, row 10 labeled True by mistake); borderline rows 20 and 21 are
 * flagged, and only row 20 is labeled True.
 */
function precisionFixture() {
  const category = [
    ...Array(10).fill("safety"),
    ...Array(10).fill("general"),
    ...Array(4).fill("ambiguous"),
  ] as string[];
  const pred = category.map((_, i) => Number(i < 12 || i === 20 || i === 21));
  const labels = category.map((c, i) => Number((c === "safety" && i !== 9) || i === 10 || i === 20));
  return { category, pred, labels };
}

describe("true precision", () => {
  test("true precision three ways: same rows, the gap is the flagged rows where labeler and intent disagree", () => {
    const { category, pred, labels } = precisionFixture();
    const t = truePrecisionOnSameRows(pred, labels, category, { seed: 3, resamples: 300 });
    assert.equal(t.rows, 20);
    assert.equal(t.flagged, 12);
    // Against the labeler: rows 0–8 and 10 are True (10 of 12); against intent: rows 0–9 (10 of 12).
    assert.equal(t.againstLabeler.estimate, 10 / 12);
    assert.equal(t.againstIntent.estimate, 10 / 12);
    assert.equal(t.flaggedLabelerFalseIntentTrue, 1);
    assert.equal(t.flaggedLabelerTrueIntentFalse, 1);
    close(t.intentMinusLabeler.estimate, (1 - 1) / 12, 1e-12, "intent − labeler = (a − b) / flagged");
    // Se = 9/10 and Sp = 9/10 on the clear rows; (10/12 + 0.9 − 1) / (0.9 + 0.9 − 1).
    close(t.noiseCorrected.estimate, (10 / 12 - 0.1) / 0.8, 1e-12, "Rogan–Gladen");
    assert.deepEqual(t.borderline, { rows: 4, flagged: 2, labeledTrue: 1 });
    assert.equal(t.allRows.flagged, 14);
    assert.equal(t.allRows.againstLabeler.estimate, 11 / 14);
    for (const e of [t.againstLabeler, t.againstIntent, t.noiseCorrected, t.intentMinusLabeler])
      assert.ok(e.low <= e.estimate && e.estimate <= e.high, JSON.stringify(e));
  });

  test("true precision: a labeler equal to intent gives identical estimates and a zero-width paired difference", () => {
    const { category, pred } = precisionFixture();
    const intent = category.map((c) => Number(c === "safety"));
    const t = truePrecisionOnSameRows(pred, intent, category, { seed: 1, resamples: 200 });
    assert.equal(t.againstLabeler.estimate, t.againstIntent.estimate);
    close(t.noiseCorrected.estimate, t.againstIntent.estimate, 1e-12, "no correction");
    // Paired: every resample sees the same rows for both estimates, so the difference never moves.
    assert.deepEqual([t.intentMinusLabeler.low, t.intentMinusLabeler.high], [0, 0]);
    // Unpaired intervals would not collapse: the estimates themselves do vary over resamples.
    assert.ok(t.againstIntent.high > t.againstIntent.low);
    assert.throws(() => truePrecisionOnSameRows([1], [1, 0], ["safety"]), /must align/);
  });

  test("the sentence that reconciles them follows the numbers: agreement, the gap's messages, the borderline", () => {
    const { category, pred, labels } = precisionFixture();
    const t = truePrecisionOnSameRows(pred, labels, category, { seed: 3, resamples: 300 });
    const s = reconcileTruePrecision(t);
    assert.match(s, /^On the same 20 test messages with a clear intent \(12 flagged\)/);
    assert.match(
      s,
      /the 2 flagged messages on which labeler and writer disagree \(1 the labeler calls False, 1 True\)/,
    );
    assert.match(s, /flags 2 of the 4 borderline messages and the labeler calls 1 of them False/);
    assert.match(s, /reported on all 24 is lower/);
    assert.equal(truePrecisionTable(t, "logreg").length, 5);
  });
});

describe("serving economics", () => {
  test("serving economics: monthly costs, a ratio range that pairs the extremes, and the break-even volume", () => {
    const e = servingEconomics({
      monthlyMessages: 100000,
      llmPerThousand: { low: 0.01, central: 0.1, high: 1 },
      cpuMsPerMessage: 36,
      cpuHourPrice: { low: 0.05, central: 0.1, high: 0.2 },
      fixedMonthly: { low: 5, central: 10, high: 20 },
    });
    // 36 ms at $0.10 per CPU-hour is $1e-6 a message; the LLM $1e-4 a message (central).
    close(e.distilledPerThousand.central, 0.001, 1e-15, "distilled per 1,000");
    close(e.llmMonthly.central, 10, 1e-9, "LLM a month");
    close(e.distilledComputeMonthly.central, 0.1, 1e-12, "distilled CPU a month");
    close(e.distilledMonthly.central, 10.1, 1e-9, "distilled with its server");
    close(e.perMessageRatio.central, 100, 1e-9, "ratio");
    close(e.perMessageRatio.low, 1e-5 / 2e-6, 1e-9, "cheapest LLM over dearest CPU");
    close(e.perMessageRatio.high, 1e-3 / 5e-7, 1e-6, "dearest LLM over cheapest CPU");
    close(e.breakEvenMessages.central, 10 / (1e-4 - 1e-6), 1e-6, "break-even");
    close(e.breakEvenMessages.low, 5 / (1e-3 - 5e-7), 1e-6, "smallest server, widest margin");
    // At the break-even volume both ways cost the same.
    const at = servingEconomics({
      monthlyMessages: e.breakEvenMessages.central,
      llmPerThousand: { low: 0.01, central: 0.1, high: 1 },
      cpuMsPerMessage: 36,
      cpuHourPrice: { low: 0.05, central: 0.1, high: 0.2 },
      fixedMonthly: { low: 5, central: 10, high: 20 },
    });
    close(at.llmMonthly.central, at.distilledMonthly.central, 1e-9, "equal at break-even");
    const never = servingEconomics({
      monthlyMessages: 1000,
      llmPerThousand: { low: 1e-6, central: 0.1, high: 1 },
      cpuMsPerMessage: 36,
      cpuHourPrice: { low: 0.05, central: 0.1, high: 0.2 },
      fixedMonthly: { low: 5, central: 10, high: 20 },
    });
    assert.equal(never.breakEvenMessages.high, Infinity, "an LLM cheaper than the CPU never breaks even");
    assert.throws(
      () =>
        servingEconomics({
          ...never,
          monthlyMessages: 0,
          cpuMsPerMessage: 1,
          cpuHourPrice: never.llmPerThousand,
          fixedMonthly: never.llmPerThousand,
        }),
      /monthlyMessages must be > 0/,
    );
  });

  test("numbers built from assumed ranges keep only the digits the ranges support", () => {
    assert.equal(roughly(895), "900");
    assert.equal(roughly(34722), "30,000");
    assert.equal(roughly(0.0342), "0.03");
    assert.equal(roughly(173000, 2), "170,000");
    assert.equal(roughly(Infinity), "never");
    assert.equal(dollars(11.6), "$12");
    assert.equal(dollars(0.1), "$0.10", "a significant trailing zero stays");
    assert.equal(dollars(0.0672), "$0.067");
    assert.throws(() => roughly(NaN), /not a number/);
    const e = servingEconomics({
      monthlyMessages: 100000,
      llmPerThousand: { low: 0.012, central: 0.116, high: 1.14 },
      cpuMsPerMessage: 61,
      cpuHourPrice: { low: 0.02, central: 0.04, high: 0.1 },
      fixedMonthly: { low: 5, central: 20, high: 50 },
    });
    const rows = economicsTable(e, 61, {
      cpuHourPrice: { low: 0.02, central: 0.04, high: 0.1 },
      fixedMonthly: { low: 5, central: 20, high: 50 },
    });
    const ratio = rows.find((r) => String(r.quantity).startsWith("LLM ÷"));
    assert.ok(ratio, "a ratio row");
    assert.match(String(ratio.central), /^about \d(0*|,000)×$/, `one significant figure: ${ratio.central}`);
  });

  test("the encoder benchmark file: read when well formed; missing or malformed names the file, field and command", () => {
    const dir = tempDir();
    const run = {
      name: "batched",
      workers: 2,
      messagesPerSecond: 40,
      msPerMessage: 25,
      cpuMsPerMessage: 20,
      peakRssMb: 500,
    };
    const good = {
      command: "npm run bench:embed",
      measuredAt: "2026-01-02T03:04:05.000Z",
      machine: { cores: 2, node: "v20.20.2", backend: "wasm" },
      rows: 3022,
      baseline: { ...run, name: "one message per graph call" },
      default: run,
      singleText: { msPerMessage: 30, loadMs: 900 },
      speedup: 3,
    };
    const file = path.join(dir, "embed.json");
    fs.writeFileSync(file, JSON.stringify(good));
    assert.deepEqual(readEmbedBenchmark(file), good);
    assert.throws(
      () => readEmbedBenchmark(path.join(dir, "none.json")),
      /none\.json: not found; run `npm run bench:embed`/,
    );
    fs.writeFileSync(file, "{ not json");
    assert.throws(() => readEmbedBenchmark(file), /embed\.json: not valid JSON .*npm run bench:embed/);
    fs.writeFileSync(file, JSON.stringify({ ...good, default: { ...run, cpuMsPerMessage: -1 } }));
    assert.throws(() => readEmbedBenchmark(file), /embed\.json: field default\.cpuMsPerMessage: .*npm run bench:embed/);
    const { singleText: _, ...noSingle } = good;
    fs.writeFileSync(file, JSON.stringify(noSingle));
    assert.throws(() => readEmbedBenchmark(file), /field singleText: Required/);
  });

  test("scoring cost: per message, median of the timed repeats after a warm-up, and the row count checked", async () => {
    let calls = 0;
    const busy = {
      predictProba(rows: number[]) {
        calls++;
        // 20 ms of wall time per call, spent computing (a busy loop).
        const start = performance.now();
        while (performance.now() - start < 20);
        return Float64Array.from(rows);
      },
    };
    const cost = await measureScoringCost(busy, [1, 2, 3, 4], 4, 3);
    assert.equal(calls, 4, "one warm-up and three timed calls");
    assert.deepEqual([cost.rows, cost.repeats], [4, 3]);
    // 20 ms over 4 rows is 5 ms a message. CPU time is the process's, over all its threads (GC and compiler threads
    // included), so it is only bounded by the cores: it may exceed wall time, never the cores times it.
    assert.ok(cost.msPerMessage >= 5 && cost.msPerMessage <= 10, JSON.stringify(cost));
    assert.ok(cost.cpuMsPerMessage > 0, JSON.stringify(cost));
    assert.ok(cost.cpuMsPerMessage <= os.availableParallelism() * cost.msPerMessage, JSON.stringify(cost));
    await assert.rejects(() => measureScoringCost(busy, [1, 2], 3), /scored 2 rows, expected 3/);
    await assert.rejects(() => measureScoringCost(busy, [1], 1, 0), /repeats must be an integer ≥ 1/);
  });
});

/** Just enough of an ExperimentResult for the language loss: training rows with texts and out-of-fold scores. */
function fakeResult(texts: string[], y: number[], scores: number[]): ExperimentResult {
  const ids = texts.map((_, i) => `m${i}`);
  const model = (name: string) => ({
    name,
    threshold: { threshold: 0.5 },
    scores: { oof: Float64Array.from(scores), test: Float64Array.from(scores) },
  });
  return {
    train: { ids, y, texts, groups: ids.map((_, i) => i) },
    test: { ids, y, texts, groups: ids.map((_, i) => i) },
    models: [model("logreg"), model("mlp")],
  } as unknown as ExperimentResult;
}

describe("the verdict", () => {
  test("the verdict's evidence: borderline concentration, the language loss, and the human labels to buy", () => {
    const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
    const sets = {
      ids,
      messages: ids,
      original: [1, 1, 1, 0, 0, 0, 0, 1, 0, 0],
      rerun: [1, 1, 0, 1, 0, 0, 0, 0, 0, 0],
      refined: [1, 1, 1, 0, 0, 0, 0, 1, 0, 0],
      category: ["safety", "safety", "ambiguous", "ambiguous", "general", "general", "general", "general", "a", "b"],
    };
    // Three rerun flips (rows 2, 3, 7), two of them borderline; one of four positives is borderline.
    const c = rerunFlipConcentration(sets);
    assert.deepEqual(c.shareOfRerunFlips, wilson(2, 3));
    assert.deepEqual(c.shareOfPositives, wilson(1, 4));
    assert.equal(c.shareOfMessages, 0.2);
    assert.throws(() => rerunFlipConcentration(sets, "none"), /no messages in source category "none"/);

    const texts = [
      "Danke, Katrin, für die super organisierte Evakuierungsübung im Lager. Alle waren am Sammelplatz!",
      "Gracias a Rodrigo por enseñarles a los nuevos cómo levantar las cajas pesadas sin lastimarse.",
      "Thanks Sam for fixing the fire door on the loading dock",
      "Thanks Ana for the cake",
    ];
    const loss = languageLoss(fakeResult(texts, [1, 1, 1, 0], [0.9, 0.1, 0.8, 0.1]));
    assert.deepEqual(
      loss.map((l) => [l.model, l.messages, l.positives, l.caught]),
      [
        ["logreg", 2, 2, 1],
        ["mlp", 2, 2, 1],
      ],
    );
    assert.deepEqual(loss[0].recall, wilson(1, 2));

    const plan = humanLabelPlan(goldSetPlan({ precision: 0.9, recall: 0.9, flagRate: 0.13 }, 0.05), {
      low: 20,
      central: 100,
      high: 400,
    });
    assert.equal(plan.total, plan.flagged + plan.unflagged);
    close(plan.cost.central, plan.total / 10, 1e-9, "$100 per 1,000 labels");
  });

  test("the verdict's words carry the measured numbers: ranked pros and cons, title, points, closing slide", () => {
    const { category, pred, labels } = precisionFixture();
    const e = (estimate: number, low: number, high: number, n: number): Interval => ({
      estimate,
      low,
      high,
      level: 0.95,
      method: "Wilson",
      n,
    });
    const texts = [
      "Danke, Katrin, für die Evakuierungsübung im Lager. Alle waren am Sammelplatz!",
      "Thanks Sam",
      "x",
      "y",
    ];
    const all = {
      ids: ["a", "b", "c", "d"],
      messages: ["a", "b", "c", "d"],
      original: [1, 0, 1, 0],
      rerun: [0, 0, 1, 0],
      refined: [1, 0, 1, 0],
      category: ["ambiguous", "general", "safety", "general"],
    };
    const gold = goldSetPlan({ precision: 0.9, recall: 0.9, flagRate: 0.13 }, 0.05);
    const v = verdictEvidence({
      all,
      labelerVsIntent: { precision: e(0.99, 0.98, 1, 351), recall: e(0.98, 0.97, 1, 351) },
      rerun: { n: 4, trueToFalse: 1, falseToTrue: 0, positivesDelta: e(-1, -2, 0, 4), mcnemarP: 1 },
      llmPerThousand: { low: 0.012, central: 0.116, high: 1.14 },
      humanPerThousand: { low: 20.83, central: 104.17, high: 416.67 },
      result: fakeResult(texts, [1, 0, 1, 0], [0.1, 0.1, 0.9, 0.1]),
      modelVsLabeler: {
        name: "logreg",
        pr: { precision: e(0.9, 0.8, 0.96, 78), recall: e(0.91, 0.84, 0.97, 77) },
        rows: 604,
      },
      gold,
      truePrecision: truePrecisionOnSameRows(pred, labels, category, { seed: 3, resamples: 100 }),
    });
    const table = prosConsTable(v);
    assert.deepEqual(
      table.map((r) => r[""]),
      ["+1", "+2", "+3", "−1", "−2", "−3"],
    );
    const text = table.map((r) => Object.values(r).join(" | ")).join("\n");
    assert.match(text, /precision 0\.990 \[0\.98, 1\.00\]/);
    assert.match(text, /about 900× \(20× – 30,000×\) as much/, "the human/LLM ratio rounded to what its ranges allow");
    assert.doesNotMatch(text, /898|899|895/);
    assert.match(text, /0 of 1 \(logreg\), 0 of 1 \(mlp\)/, "the language loss from the analysis");
    assert.match(text, /100% \[21%, 100%\] of a rerun's 1 flips/);
    assert.match(verdictTitle(v), /^## .*0\.99.* \d+ human labels/);
    const points = verdictPoints(v).join("\n");
    assert.match(points, new RegExp(`Buy ${v.humans.total} human labels`));
    assert.match(points, /0\.786 we report/);
    const closing = oneMoreWeek({
      verdict: v,
      refined: { n: 4, trueToFalse: 1, falseToTrue: 1, positivesDelta: e(0, -1, 1, 4), mcnemarP: 1 },
      extraFlips: e(1, -1, 2, 4),
      review: {
        requested: 200,
        n: 200,
        suspects: 24,
        hits: 25,
        hitRate: 0.125,
        hitRateInterval: wilson(25, 200),
        baseRate: 0.011,
        disputed: 33,
        rows: 3022,
        recall: wilson(25, 33),
        lift: e(11.4, 7.9, 16.3, 200),
      },
    });
    assert.ok(closing.startsWith(`${CLOSING_TITLE}\n`));
    assert.equal(closing.split("\n").filter((l) => /^\d\. /.test(l)).length, 5);
    assert.match(
      closing,
      /first 200 labels \(13% are disputed, 11× the base rate; they hold 76% \[59%, 87%\] of all 33/,
    );
  });
});
