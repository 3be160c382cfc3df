// The question and the labels (notebook 01's first slide): a computed title, a short table, speaker notes.
import type { DataQualityReport } from "../data/report";
import type { SplitSide } from "../experiment/dataSummary";
import { count, pct, speakerNotes } from "./format";
import { InvalidInputError } from "../errors";

type Row = Record<string, string | number>;

/** The opening slide's title: what the labels are and how many positives they hold. */
export function questionTitle(report: DataQualityReport): string {
  return (
    `## The labels are one LLM's answers: it called ${count(report.positives)} of ${count(report.usable)} messages ` +
    `(${pct(report.positiveRate)}) safety or security, and its settings were never recorded`
  );
}

/** The data and split at a glance, for the opening slide. */
export function questionTable(report: DataQualityReport, sides: readonly SplitSide[]): Row[] {
  const side = (s: "train" | "test") => {
    const x = sides.find((r) => r.split === s);
    if (!x) throw new InvalidInputError("summary", `no ${s} side in the split summary`);
    return x;
  };
  const train = side("train");
  const test = side("test");
  return [
    { what: "messages in data.csv", count: `${count(report.rows)} (${report.blank} blank, left out)` },
    {
      what: "labeled safety or security by the LLM",
      count: `${count(report.positives)} of ${count(report.usable)} (${pct(report.positiveRate)})`,
    },
    {
      what: "training split: cross-validation and every choice",
      count: `${count(train.rows)} messages, ${count(train.positives)} labeled True`,
    },
    {
      what: "test split: scored after every choice",
      count: `${count(test.rows)} messages, ${count(test.positives)} labeled True`,
    },
    {
      what: "repeated messages, each group kept on one side",
      count: `${report.repeatGroups} groups (${test.repeatGroupsInside} on the test side)`,
    },
    { what: "other labelings, read but never trained on", count: "a second run and a refined prompt, every message" },
  ];
}

/** Speaker notes for the opening slide. */
export function questionNotes(report: DataQualityReport, sides: readonly SplitSide[]): string {
  const test = sides.find((r) => r.split === "test");
  return speakerNotes([
    `The task: flag workplace recognition messages that are about safety or security. The ${count(report.usable)} ` +
      `messages are synthetic, written in the voice of seven kinds of organisation; the labels are one LLM's answers to ` +
      `the assignment's prompt, and nobody recorded which model, version or temperature. So every precision and recall ` +
      `in this talk is agreement with that labeler, not truth.`,
    `Say what the loader found: ${report.blank} blank messages left out, ${report.labelsNormalized} label strings ` +
      `normalized, ${report.repeatGroups} groups of repeated messages kept whole on one side of every split` +
      `${test ? ` (${test.repeatGroupsInside} of them on the test side, so the test split has repeats like new data)` : ""}, ` +
      `${report.conflictingGroups} of them with conflicting labels, kept as label noise.`,
    `Expect: "How good is the labeler?" (notebook 03 measures it against reruns, a refined prompt and the writers' ` +
      `intent). "What does a ${pct(report.positiveRate)} positive rate change?" (accuracy is useless: flagging ` +
      `nothing is ${pct(1 - report.positiveRate)} accurate; precision and recall are what we report).`,
  ]);
}
