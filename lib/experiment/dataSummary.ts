// What the experiment's data looks like: each side of the split, and a few messages of each label.
import { makeRng, shuffled } from "../util/random";
import { rate } from "../util/stats";
import type { ExperimentData, Part } from "./data";

/** One side of the split in numbers: rows, positives, and the repeat groups on it. */
export interface SplitSide {
  split: "train" | "test";
  rows: number;
  positives: number;
  positiveRate: number;
  /** Repeat groups (the same message more than once) that lie wholly on this side. */
  repeatGroupsInside: number;
  /** Test messages whose text also occurs in train (must be 0); null for the train side. */
  alsoInTrain: number | null;
}

const groupsWithRepeats = (p: Part) => {
  const counts = new Map<number, number>();
  p.groups.forEach((g) => counts.set(g, (counts.get(g) ?? 0) + 1));
  return [...counts.values()].filter((c) => c > 1).length;
};

/** Rows, positives and repeat groups per side, and how many test messages also appear in train. */
export function splitSides(data: ExperimentData): SplitSide[] {
  const keyOf = new Map(data.dataset.usable.map((r) => [r.id, r.repeatKey]));
  const trainKeys = new Set(data.train.ids.map((id) => keyOf.get(id)));
  const crossing = data.test.ids.filter((id) => trainKeys.has(keyOf.get(id))).length;
  return (["train", "test"] as const).map((side) => ({
    split: side,
    rows: data[side].y.length,
    positives: data[side].y.reduce((a, b) => a + b, 0),
    positiveRate: rate(data[side].y),
    repeatGroupsInside: groupsWithRepeats(data[side]),
    alsoInTrain: side === "test" ? crossing : null,
  }));
}

/** A message shown as an example, with its label. */
export interface SampleMessage {
  id: string;
  label: number;
  message: string;
}

/** A few training messages of each label (True first), seeded, to show what the data looks like. */
export function sampleMessages(data: ExperimentData, perLabel = 4, seed = 0): SampleMessage[] {
  const rng = makeRng(seed);
  const pick = (label: number) =>
    shuffled(
      data.train.ids.map((id, i) => ({ id, i })).filter((r) => data.train.y[r.i] === label),
      rng,
    ).slice(0, perLabel);
  return [...pick(1), ...pick(0)].map((r) => ({ id: r.id, label: data.train.y[r.i], message: data.train.texts[r.i] }));
}
