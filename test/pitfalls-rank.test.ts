// The classing and ranking rules, the tables and the summary figure, on hand-made results (no data, no fitting).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as P from "../lib/pitfalls";
import {
  outsideFoldsHeading,
  outsideFoldsNotes,
  outsideFoldsTable,
  pitfallGuardTable,
  pitfallRankingHeading,
  pitfallRankingNotes,
  pitfallRankingTable,
  pitfallTable,
  pitfallValue,
} from "../lib/present/pitfalls";
import { pitfallRankingFigure } from "../lib/plots/pitfallFigures";
import type { Interval, IntervalMethod } from "../lib/metrics/interval";

/** An interval around `estimate` (95%, except a min–max range, which claims no level). */
const iv = (estimate: number, low: number, high: number, method: IntervalMethod): Interval => ({
  estimate,
  low,
  high,
  level: method.endsWith("min–max") ? null : 0.95,
  method,
  n: 100,
});

/** A result whose headline difference is `d` with interval [lo, hi]; `faulty` NaN for a 0/0. */
function made(id: P.PitfallId, d: number, lo: number, hi: number, flatters: P.Flatters, faulty = 0.5): P.PitfallResult {
  return {
    id,
    title: id,
    headline: "h",
    flatters,
    guard: "lib/x.ts",
    reference: "the clean run",
    warnings: [],
    measures: [
      {
        key: "h",
        metric: "some 0–1 metric",
        nOf: "test rows",
        faulty: { value: faulty, n: 100, interval: iv(faulty, faulty - 0.1, faulty + 0.1, "bootstrap") },
        clean: { value: 0.5, n: 100, interval: iv(0.5, 0.4, 0.6, "bootstrap") },
        difference: iv(d, lo, hi, "paired bootstrap"),
      },
    ],
  };
}

describe("classing: one rule, fixed in lib", () => {
  test("an interval that covers 0 is no measurable effect, whatever its size", () => {
    assert.equal(P.classify(made("4-tuned-on-test", 0.3, -0.01, 0.6, "higher")), "no measurable effect here");
    assert.equal(P.classify(made("4-tuned-on-test", 0, 0, 0, "higher")), "no measurable effect here");
  });

  test("a measured difference that flatters the model inflates; any other invalidates", () => {
    assert.equal(
      P.classify(made("3-scored-on-training-rows", 0.06, 0.01, 0.1, "higher")),
      "inflates the reported number",
    );
    assert.equal(
      P.classify(made("9-roc-auc-from-hard-labels", -0.04, -0.07, -0.01, "higher")),
      "invalidates the estimate",
    );
    assert.equal(
      P.classify(made("8b-featurizer-outside-folds", -0.05, -0.06, -0.04, null)),
      "invalidates the estimate",
    );
    assert.equal(P.classify(made("1-label-strings", 0.8, 0.7, 0.9, null)), "invalidates the estimate");
  });

  test("a faulty value that is not a number invalidates the estimate", () => {
    const nan = made("10-precision-zero-division", 0, -1, 1, null, NaN);
    assert.equal(P.classify(nan), "invalidates the estimate");
  });

  test("a headline without a difference is an error, not a silent class", () => {
    const r = made("5-early-stopping-on-test", 0.1, 0.05, 0.2, "higher");
    delete r.measures[0].difference;
    assert.throws(() => P.classify(r), /5-early-stopping-on-test.*no faulty − clean difference/);
  });
});

describe("ranking by measured damage", () => {
  test("measured effects largest first, then not-a-number values, then effects not measurable here", () => {
    const ranked = P.rankPitfalls([
      made("4-tuned-on-test", 0.3, -0.1, 0.7, "higher"),
      made("10-precision-zero-division", 0, -1, 1, null, NaN),
      made("3-scored-on-training-rows", 0.06, 0.01, 0.1, "higher"),
      made("7-misaligned-embeddings", -0.7, -0.8, -0.6, "higher"),
    ]);
    assert.deepEqual(
      ranked.map((r) => [r.rank, r.id]),
      [
        [1, "7-misaligned-embeddings"],
        [2, "3-scored-on-training-rows"],
        [3, "10-precision-zero-division"],
        [4, "4-tuned-on-test"],
      ],
    );
    assert.equal(ranked[0].damage, 0.7);
    assert.equal(ranked[2].damage, null);
  });

  test("the ranking table and figure show every pitfall in rank order, with its class and interval", () => {
    const ranked = P.rankPitfalls([
      made("3-scored-on-training-rows", 0.06, 0.01, 0.1, "higher"),
      made("10-precision-zero-division", 0, -1, 1, null, NaN),
      made("7-misaligned-embeddings", -0.7, -0.8, -0.6, "higher"),
    ]);
    const table = pitfallRankingTable(ranked);
    assert.deepEqual(
      table.map((r) => r.class),
      ["invalidates the estimate", "inflates the reported number", "invalidates the estimate"],
    );
    assert.equal(table[0]["faulty − clean"], "-0.700 [-0.800, -0.600] paired bootstrap");
    assert.match(table[2]["faulty − clean"], /^NaN/);
    const fig = pitfallRankingFigure(ranked);
    const bars = fig.data.filter((t) => t.type === "bar");
    assert.equal(bars.length, 3, "one trace per class");
    const invalidates = bars.find((t) => t.name === "invalidates the estimate");
    assert.ok(invalidates?.type === "bar");
    assert.deepEqual(invalidates.x, [-0.7, null, null], "the NaN row keeps its place, with no bar");
    assert.deepEqual(
      invalidates.error_x?.array.map((v) => Number(v.toFixed(9))),
      [0.1, 0, 0],
    );
  });
});

describe("presentation", () => {
  test("pitfall numbers are formatted in one place: k/n, interval and its method, NaN as computed, null as undefined", () => {
    assert.equal(pitfallValue(P.share(57, 65)), "0.877 (57/65) [0.78, 0.94] Wilson");
    assert.equal(pitfallValue({ value: NaN, n: 0 }), "NaN (what 0/0 gives the faulty code)");
    // A value that rounds to zero prints without a sign, signed or not.
    const nearZero = { value: -0.0004, n: 10, interval: iv(-0.0004, -0.004, 0.0126, "seeds min–max") };
    assert.equal(pitfallValue(nearZero, true), "0.000 [-0.004, +0.013] seeds min–max");
    assert.equal(pitfallValue({ value: null, n: 0 }), "undefined (listed as such)");
    assert.equal(pitfallValue(P.overRuns([0.5, 0.7, 0.6], 200)), "0.600 [0.50, 0.70] seeds min–max");
    const d = P.runDifference([0.5, 0.7], [0.6, 0.6], "folds min–max");
    assert.ok(Math.abs(d.estimate) < 1e-12 && Math.abs(d.low + 0.1) < 1e-12 && d.method === "folds min–max");
    assert.deepEqual([d.level, d.n], [null, 2], "a range over two folds claims no coverage");
  });

  test("MOVER: two independent intervals combine into one for the difference (Newcombe's for two proportions)", () => {
    // Newcombe (1998), example (a): 56/70 − 48/80 → 0.2000 [0.0524, 0.3339] with Wilson intervals.
    const a = P.share(56, 70);
    const b = P.share(48, 80);
    assert.ok(a.interval && b.interval);
    const d = P.moverDifference(a.interval, b.interval);
    assert.ok(Math.abs(d.estimate - 0.2) < 1e-12);
    assert.ok(Math.abs(d.low - 0.0524) < 5e-4 && Math.abs(d.high - 0.3339) < 5e-4);
    assert.deepEqual([d.method, d.level, d.n], ["MOVER", 0.95, 150]);
  });

  test("a section table has one row per measure; the guard table cites each guard test by the pitfall's id", () => {
    const r = made("3-scored-on-training-rows", 0.06, 0.01, 0.1, "higher");
    assert.deepEqual(Object.keys(pitfallTable(r)[0]), ["measure", "faulty", "clean", "faulty − clean", "n"]);
    const guards = pitfallGuardTable([r, { ...r, variant: "lsa-384" }]);
    assert.equal(guards.length, 1, "a pitfall measured on two representations has one guard");
    assert.equal(guards[0]["guard test"], "test/e2e/pitfall-guards.test.ts › 3-scored-on-training-rows");
  });

  test("the slides' titles state the takeaway with computed numbers, and every slide has speaker notes", () => {
    const ranked = P.rankPitfalls([
      made("3-scored-on-training-rows", 0.06, 0.01, 0.1, "higher"),
      made("4-tuned-on-test", 0.3, -0.1, 0.7, "higher"),
      made("7-misaligned-embeddings", -0.7, -0.8, -0.6, "higher"),
    ]);
    assert.equal(
      pitfallRankingHeading(ranked),
      "### Which pitfalls matter here: 2 of 3 change their number measurably, 7-misaligned-embeddings the most (by 0.70)",
    );
    assert.match(pitfallRankingNotes(ranked), /^\*\*Speaker notes\.\*\* /);
    assert.match(pitfallRankingNotes(ranked), /No measurable effect here: 4-tuned-on-test/);
    const gaps = (variant: string, flag: number, precision: number): P.PitfallResult => {
      const r = made("8b-featurizer-outside-folds", flag, flag - 0.01, flag + 0.01, null);
      const m = r.measures[0];
      return {
        ...r,
        variant,
        headline: "flag-gap",
        measures: [
          { ...m, key: "flag-gap", metric: "flagged share, out-of-fold minus test" },
          {
            ...m,
            key: "precision-gap",
            metric: "precision, out-of-fold minus test",
            difference: iv(precision, precision - 0.05, precision + 0.05, "MOVER"),
          },
        ],
      };
    };
    const both = [gaps("encoder + tfidf", 0.001, 0.01), gaps("lsa-384", -0.048, 0.127)];
    assert.equal(
      outsideFoldsHeading(both),
      "### The mistake this project had: lsa-384 fitted outside the folds understated the flagged share by 4.8 " +
        "points and overstated precision by 0.13, out-of-fold against test",
    );
    assert.equal(outsideFoldsTable(both).length, 4, "two measures per representation");
    const notes = outsideFoldsNotes(both);
    assert.match(notes, /^\*\*Speaker notes\.\*\* /);
    assert.match(notes, /on encoder \+ tfidf \(no measurable effect here\), \+0\.001/);
  });
});
