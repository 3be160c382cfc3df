// Differences between labelings of the same messages, each with n and an interval (paired over messages).
import { wilson } from "../metrics/proportion";
import type { Interval } from "../metrics/interval";
import { mcnemarExactP } from "./estimate";
import { BootstrapOptions, bootstrapRows } from "../metrics/bootstrap";
import { InvalidInputError } from "../errors";

/** How labels change from one labeling to another: flips each way, with McNemar's exact test. */
export interface LabelChange {
  /** Messages compared. */
  n: number;
  /** 1 → 0 and 0 → 1 from the first labeling to the second. */
  trueToFalse: number;
  falseToTrue: number;
  /** Positives under the second minus under the first, with a paired bootstrap interval (n: messages). */
  positivesDelta: Interval;
  /** Exact McNemar p-value: could the two directions be equally likely (no shift in the positive rate)? */
  mcnemarP: number;
}

function sameLength(...arrays: ArrayLike<unknown>[]): number {
  const n = arrays[0].length;
  if (arrays.some((a) => a.length !== n))
    throw new InvalidInputError(
      "labelings",
      `labelings must have the same length (got ${arrays.map((a) => a.length).join(", ")})`,
    );
  if (n === 0) throw new InvalidInputError("labelings", "no messages to compare");
  return n;
}

/** How the second labeling moves the first: flips each way, and the change in positives with an interval. */
export function labelChange(a: ArrayLike<number>, b: ArrayLike<number>, options: BootstrapOptions = {}): LabelChange {
  const n = sameLength(a, b);
  let trueToFalse = 0,
    falseToTrue = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === 1 && b[i] === 0) trueToFalse++;
    if (a[i] === 0 && b[i] === 1) falseToTrue++;
  }
  const delta = (idx: number[]) => idx.reduce((s, i) => s + b[i] - a[i], 0);
  return {
    n,
    trueToFalse,
    falseToTrue,
    positivesDelta: bootstrapRows(n, delta, n, options),
    mcnemarP: mcnemarExactP(trueToFalse, falseToTrue),
  };
}

/**
 * Does a prompt change move more labels than a plain rerun does? Disagreements(base, changed) −
 * disagreements(base, rerun), with a paired bootstrap over messages (n: messages).
 */
export function extraFlips(
  base: ArrayLike<number>,
  rerun: ArrayLike<number>,
  changed: ArrayLike<number>,
  options: BootstrapOptions = {},
): Interval {
  const n = sameLength(base, rerun, changed);
  const diff = (idx: number[]) =>
    idx.reduce((s, i) => s + Number(changed[i] !== base[i]) - Number(rerun[i] !== base[i]), 0);
  return bootstrapRows(n, diff, n, options);
}

/** Messages flagged by model B minus by model A on the same rows, paired bootstrap (n: rows). */
export function flaggedDelta(
  scoresA: ArrayLike<number>,
  thresholdA: number,
  scoresB: ArrayLike<number>,
  thresholdB: number,
  options: BootstrapOptions = {},
): Interval & { flaggedA: number; flaggedB: number } {
  const n = sameLength(scoresA, scoresB);
  const flagsA = (i: number) => Number(scoresA[i] >= thresholdA);
  const flagsB = (i: number) => Number(scoresB[i] >= thresholdB);
  const all = Array.from({ length: n }, (_, i) => i);
  const est = bootstrapRows(n, (idx) => idx.reduce((s, i) => s + flagsB(i) - flagsA(i), 0), n, options);
  return { ...est, flaggedA: all.reduce((s, i) => s + flagsA(i), 0), flaggedB: all.reduce((s, i) => s + flagsB(i), 0) };
}

/** The share of a group's messages labeled False. */
export interface ShareFalse {
  group: string;
  /** Share of the group's messages labeled False (Wilson interval; n: messages in the group). */
  shareFalse: Interval;
  labeledFalse: number;
}

/**
 * For groups of messages the prompt never defines (psychological safety, "job security", "safe
 * travels"…): how many does a labeling already call False? Groups are given as row-membership tests.
 */
export function shareLabeledFalse(
  labels: ArrayLike<number>,
  groups: Array<{ group: string; member: (i: number) => boolean }>,
): ShareFalse[] {
  return groups.map(({ group, member }) => {
    const rows = Array.from({ length: labels.length }, (_, i) => i).filter(member);
    if (!rows.length) throw new InvalidInputError("group", `no messages in group "${group}"`);
    const labeledFalse = rows.filter((i) => labels[i] === 0).length;
    return { group, shareFalse: wilson(labeledFalse, rows.length), labeledFalse };
  });
}
