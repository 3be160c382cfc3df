// The feature ablation (what each part of the representation buys) and its committed cache's staleness check.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { AblationCandidate, AblationRow, featureAblation, foldDifference } from "../lib/experiment/ablation";
import { cachedAblation } from "../lib/experiment/ablationCache";
import { makeConfig } from "../lib/experiment/config";
import type { Part } from "../lib/experiment/data";
import { featureSpec } from "../lib/features/spec";
import { averagePrecision } from "../lib/metrics/curves";
import { groupsFromKeys } from "../lib/split/groups";
import { stratifiedGroupKFold } from "../lib/split/split";
import { DEFAULT_DATA_FILE } from "../lib/paths";
import { makeRng } from "../lib/util/random";
import { gridSearchLogreg } from "../lib/experiment/cv";
import { tempDir } from "./helpers";

// Real messages and labels, random stand-ins for the encoder's vectors: the plumbing is under test, not the encoder.
const usable = loadDataset(DEFAULT_DATA_FILE).usable.slice(0, 500);
const rng = makeRng(11);
const part: Part = {
  ids: usable.map((r) => r.id),
  texts: usable.map((r) => r.message),
  y: usable.map((r) => r.label),
  groups: groupsFromKeys(usable.map((r) => r.repeatKey)),
  X: { rows: usable.length, cols: 8, data: Float32Array.from({ length: usable.length * 8 }, () => rng() - 0.5) },
};
const config = makeConfig({ cvFolds: 3, logreg: { Cs: [0.3, 3] } });
// Word n-grams only, so the test stays quick.
const tfidf = featureSpec(false, { kind: "tfidf" });
const word = { ...tfidf, ngrams: [tfidf.ngrams[0]] };
const candidates: AblationCandidate[] = [
  { model: "logreg", features: featureSpec(true, null), role: "assignment setup" },
  { model: "logreg", features: word, role: "lexical alone" },
];

test("featureAblation gives each candidate the grid search's fold scores at the C its rule picks", async () => {
  const folds = stratifiedGroupKFold(part.y, part.groups, config.cvFolds, config.seed);
  const rows = await featureAblation(part, folds, candidates, config, { workers: 1 });
  assert.deepEqual(
    rows.map((r) => [r.model, r.features, r.role]),
    [
      ["logreg", "encoder", "assignment setup"],
      ["logreg", "tfidf", "lexical alone"],
    ],
  );
  const grid = await gridSearchLogreg(config.logreg.Cs, word, config.logreg, part, part.y, folds, { workers: 1 });
  const lexical = rows[1];
  assert.ok("C" in lexical.selected);
  const at = grid.points.find((p) => "C" in lexical.selected && p.params === lexical.selected.C);
  assert.ok(at);
  assert.deepEqual(lexical.foldAveragePrecision, at.foldScores);
  // Each fold score is the average precision of that fold's validation rows.
  folds.forEach((f, k) =>
    assert.equal(
      lexical.foldAveragePrecision[k],
      averagePrecision(
        f.validation.map((i) => part.y[i]),
        f.validation.map((i) => at.oof[i]),
      ),
    ),
  );
  assert.equal(lexical.rows, 500);
  assert.ok(lexical.sd > 0 && lexical.mean > 0);
  assert.ok(lexical.mean > rows[0].mean, "real words beat random vectors");
});

test("foldDifference: paired by fold, the interval widened by the corrected resampled t (Nadeau and Bengio)", () => {
  const row = (aps: number[]): AblationRow => ({
    model: "logreg",
    features: "x",
    role: "chosen",
    foldAveragePrecision: aps,
    mean: 0,
    sd: 0,
    rows: 10,
    positives: 2,
    selected: { C: 1 },
  });
  const d = foldDifference(row([0.9, 0.8, 0.85, 0.95, 0.9]), row([0.8, 0.75, 0.8, 0.85, 0.8]));
  const per = [0.1, 0.05, 0.05, 0.1, 0.1];
  per.forEach((x, i) => assert.ok(Math.abs(d.perFold[i] - x) < 1e-12));
  const m = 0.08;
  const s2 = per.reduce((a, x) => a + (x - m) ** 2, 0) / 4;
  const half = 2.776 * Math.sqrt((1 / 5 + 1 / 4) * s2);
  assert.ok(Math.abs(d.estimate - m) < 1e-12);
  assert.deepEqual([d.method, d.level, d.n], ["corrected resampled t", 0.95, 5]);
  assert.ok(Math.abs(d.low - (m - half)) < 1e-12 && Math.abs(d.high - (m + half)) < 1e-12);
  assert.throws(() => foldDifference(row([1, 2]), row([1, 2, 3])), /same 2–11 folds/);
});

test("the ablation cache is used while its key matches, and recomputed (naming the part) when the data moves", async () => {
  const file = path.join(tempDir("safety-ablation-"), "ablation-cache.json");
  const run = { workers: 1 };
  const first = await cachedAblation(part, config, { candidates, file, run });
  assert.equal(first.fromCache, false);
  const bytes = fs.readFileSync(file, "utf8");
  assert.doesNotMatch(bytes, /"(seconds|date|time)"/, "no timings or dates: a recomputation leaves the file unchanged");
  const second = await cachedAblation(part, config, { candidates, file, run });
  assert.equal(second.fromCache, true);
  assert.deepEqual(second.rows, first.rows);

  // One message's text changes: the training data's key part moves, and only it.
  const edited: Part = { ...part, texts: part.texts.map((t, i) => (i === 7 ? `${t} (edited)` : t)) };
  const third = await cachedAblation(edited, config, { candidates, file, run });
  assert.equal(third.fromCache, false);
  assert.deepEqual(third.stale, ["training data"]);
  // Another seed moves the settings and the folds; new encoder vectors move their own part.
  const reseeded = await cachedAblation(edited, makeConfig({ ...config, seed: 7 }), { candidates, file, run });
  assert.deepEqual(reseeded.stale, ["settings", "folds"]);
  const vectors = { ...edited, X: { ...edited.X, data: edited.X.data.map((v) => v + 1) } };
  const fourth = await cachedAblation(vectors, makeConfig({ ...config, seed: 7 }), { candidates, file, run });
  assert.deepEqual(fourth.stale, ["encoder vectors"]);
  // Back to the first inputs: recomputed to the very same bytes.
  await cachedAblation(part, config, { candidates, file, run });
  assert.equal(fs.readFileSync(file, "utf8"), bytes);
});
