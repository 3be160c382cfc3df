import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { DataError } from "../lib/data/errors";
import { groupsFromKeys } from "../lib/split/groups";
import { assignGroupsToBins } from "../lib/split/assign";
import { stratifiedGroupHoldout, stratifiedGroupKFold } from "../lib/split/split";
import { applySplit, makeSplit, readSplitFile, splitToCsv, writeSplitFile } from "../lib/split/splitFile";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE } from "../lib/paths";
import { makeRng } from "../lib/util/random";
import { fixture, tempDir } from "./helpers";

const dataset = loadDataset(DEFAULT_DATA_FILE);
const labels = dataset.usable.map((r) => r.label);
const groups = groupsFromKeys(dataset.usable.map((r) => r.repeatKey));

/** Synthetic data with many multi-row groups, some with mixed labels. */
function synthetic(n: number, seed: number) {
  const rng = makeRng(seed);
  const y: number[] = [];
  const g: number[] = [];
  let group = 0;
  while (y.length < n) {
    const size = rng() < 0.15 ? 2 + Math.floor(rng() * 4) : 1;
    for (let s = 0; s < size && y.length < n; s++) {
      y.push(rng() < 0.13 ? 1 : 0);
      g.push(group);
    }
    group++;
  }
  return { y, g };
}

function assertNoGroupStraddles(parts: number[][], g: number[]) {
  const side = new Map<number, number>();
  parts.forEach((idx, p) =>
    idx.forEach((i) => {
      const s = side.get(g[i]);
      assert.ok(s === undefined || s === p, `group ${g[i]} is in parts ${s} and ${p}`);
      side.set(g[i], p);
    }),
  );
}

const countPos = (idx: number[], y: ArrayLike<number>) => idx.filter((i) => y[i] === 1).length;

describe("holdout and folds", () => {
  test("holdout: no repeat group straddles train and test, on the real data and on synthetic groups", () => {
    for (let seed = 0; seed < 5; seed++) {
      const s = stratifiedGroupHoldout(labels, groups, 0.2, seed);
      assertNoGroupStraddles([s.train, s.test], groups);
      const syn = synthetic(800, seed);
      const t = stratifiedGroupHoldout(syn.y, syn.g, 0.2, seed);
      assertNoGroupStraddles([t.train, t.test], syn.g);
    }
  });

  test("holdout: every row is in exactly one side, and each class is within one row of 20%", () => {
    const s = stratifiedGroupHoldout(labels, groups, 0.2, 7);
    assert.equal(s.train.length + s.test.length, labels.length);
    assert.equal(new Set([...s.train, ...s.test]).size, labels.length);
    const pos = labels.filter((y) => y === 1).length;
    const neg = labels.length - pos;
    assert.ok(
      Math.abs(countPos(s.test, labels) - 0.2 * pos) <= 1,
      `test positives ${countPos(s.test, labels)} vs ${0.2 * pos}`,
    );
    assert.ok(Math.abs(s.test.length - countPos(s.test, labels) - 0.2 * neg) <= 1);
  });

  test("k-fold: folds partition the rows, keep groups whole, and are stratified within one row", () => {
    for (const k of [3, 5]) {
      const syn = synthetic(1000, k);
      const folds = stratifiedGroupKFold(syn.y, syn.g, k, 11);
      assert.equal(folds.length, k);
      const all = folds.flatMap((f) => f.validation).sort((a, b) => a - b);
      assert.deepEqual(
        all,
        syn.y.map((_, i) => i),
      );
      assertNoGroupStraddles(
        folds.map((f) => f.validation),
        syn.g,
      );
      const pos = syn.y.filter((v) => v === 1).length;
      const neg = syn.y.length - pos;
      for (const f of folds) {
        assert.equal(f.train.length + f.validation.length, syn.y.length);
        assert.ok(!f.validation.some((i) => f.train.includes(i)));
        const p = countPos(f.validation, syn.y);
        assert.ok(Math.abs(p - pos / k) <= 1, `fold ${f.fold}: ${p} positives vs ${pos / k}`);
        assert.ok(Math.abs(f.validation.length - p - neg / k) <= 1, `fold ${f.fold}: negatives off`);
      }
    }
  });

  test("same seed gives the same split and folds; another seed gives another", () => {
    assert.deepEqual(stratifiedGroupHoldout(labels, groups, 0.2, 3), stratifiedGroupHoldout(labels, groups, 0.2, 3));
    assert.notDeepEqual(
      stratifiedGroupHoldout(labels, groups, 0.2, 3).test,
      stratifiedGroupHoldout(labels, groups, 0.2, 4).test,
    );
    assert.deepEqual(stratifiedGroupKFold(labels, groups, 5, 1), stratifiedGroupKFold(labels, groups, 5, 1));
  });

  test("group assignment equals scikit-learn's StratifiedGroupKFold(shuffle=False) fold for fold", () => {
    const ref = JSON.parse(fs.readFileSync(fixture("sklearn", "sgkf.json"), "utf8"));
    for (const c of ref.cases) {
      const bins = assignGroupsToBins(c.y, c.groups, Array(c.k).fill(1 / c.k), null);
      assert.deepEqual(bins, c.fold, `n=${c.y.length}, k=${c.k}`);
    }
  });

  test("holdout spreads repeat groups like other messages: 10-30% of them land on the test side", () => {
    const repeated = new Set(groups.filter((g, i) => groups.indexOf(g) !== i));
    for (const seed of [42, 1, 2]) {
      const s = stratifiedGroupHoldout(labels, groups, 0.2, seed);
      const onTest = new Set(s.test.map((i) => groups[i]).filter((g) => repeated.has(g)));
      const share = onTest.size / repeated.size;
      assert.ok(share >= 0.1 && share <= 0.3, `seed ${seed}: ${onTest.size}/${repeated.size} repeat groups on test`);
    }
  });

  test("bad arguments are refused", () => {
    assert.throws(() => stratifiedGroupHoldout(labels, groups, 1.2, 0), /testFraction/);
    assert.throws(() => stratifiedGroupKFold([0, 1], [0, 0], 2, 0), /2 folds from 1 groups/);
    assert.throws(() => stratifiedGroupKFold(labels, groups, 1, 0), /k must be/);
  });
});

describe("the split file", () => {
  test("the committed data/split.csv is what `npm run split` regenerates, and it validates", () => {
    const committed = fs.readFileSync(DEFAULT_SPLIT_FILE, "utf8");
    assert.equal(splitToCsv(makeSplit(dataset)), committed);
    const split = readSplitFile(DEFAULT_SPLIT_FILE, dataset);
    const { train, test: testRows } = applySplit(dataset, split);
    assert.equal(train.length + testRows.length, dataset.usable.length);
    const testShare = testRows.length / dataset.usable.length;
    assert.ok(testShare > 0.18 && testShare < 0.22, `test share ${testShare}`);
  });

  test("split file round trip, and readSplitFile refuses files that no longer match the data", () => {
    const dir = tempDir();
    const file = path.join(dir, "split.csv");
    const split = makeSplit(dataset, 5);
    writeSplitFile(file, split);
    assert.deepEqual(readSplitFile(file, dataset), split);

    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    const expectFail = (content: string, re: RegExp) => {
      fs.writeFileSync(file, content);
      assert.throws(
        () => readSplitFile(file, dataset),
        (e: unknown) => e instanceof DataError && e.message.startsWith(file) && re.test(e.message),
      );
    };
    expectFail(lines.slice(0, -1).join("\n") + "\n", /ids missing from the split/);
    expectFail([...lines, "zz999,train"].join("\n") + "\n", /ids not in the data: zz999/);
    expectFail(
      lines.map((l, i) => (i === 1 ? l.replace(/,\w+$/, ",validation") : l)).join("\n") + "\n",
      /split must be one of/,
    );
    // Move one member of a repeat group to the other side: a leak.
    const conflict = dataset.report.conflicts[0].ids;
    const side = new Map(split.ids.map((id, i) => [id, split.splits[i]]));
    const flipped = lines.map((l) => {
      const [id] = l.split(",");
      return id === conflict[1] ? `${id},${side.get(id) === "train" ? "test" : "train"}` : l;
    });
    expectFail(flipped.join("\n") + "\n", /both sides/);
  });
});
