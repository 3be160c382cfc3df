import type { MessageRecord } from "./record";

/** Messages that repeat one another (same normalized text): kept on one side of every split. */
export interface RepeatGroup {
  /** Ids in file order. */
  ids: string[];
  labels: number[];
  /** The first member's decoded message, for display. */
  example: string;
  conflicting: boolean;
}

/** What the loader found, counted. Every cleaning step appears here. */
export interface DataQualityReport {
  file: string;
  rows: number;
  usable: number;
  blank: number;
  blankIds: string[];
  positives: number;
  negatives: number;
  positiveRate: number;
  /** Labels that were not exactly "True"/"False" but were accepted, by raw form. */
  labelsNormalized: number;
  labelForms: Record<string, number>;
  /** Rows whose message contained HTML entities that were decoded. */
  entitiesDecoded: number;
  /** Groups of 2+ usable rows sharing a repeat key. */
  repeatGroups: number;
  /** Rows beyond the first of each repeat group. */
  repeatRows: number;
  largestRepeatGroup: number;
  conflictingGroups: number;
  conflicts: RepeatGroup[];
}

/** Group usable rows by repeat key; only groups of two or more are returned, in order of first appearance. */
export function findRepeatGroups(records: MessageRecord[]): RepeatGroup[] {
  const byKey = new Map<string, MessageRecord[]>();
  for (const r of records) {
    if (r.blank) continue;
    const list = byKey.get(r.repeatKey);
    if (list) list.push(r);
    else byKey.set(r.repeatKey, [r]);
  }
  const groups: RepeatGroup[] = [];
  for (const members of byKey.values()) {
    if (members.length < 2) continue;
    const labels = members.map((m) => m.label);
    groups.push({
      ids: members.map((m) => m.id),
      labels,
      example: members[0].message,
      conflicting: new Set(labels).size > 1,
    });
  }
  return groups;
}

/** Count what loading found and did (blank rows, repeats, label spellings), so cleaning is never silent. */
export function buildQualityReport(file: string, all: MessageRecord[]): DataQualityReport {
  const usable = all.filter((r) => !r.blank);
  const positives = usable.filter((r) => r.label === 1).length;
  const labelForms: Record<string, number> = {};
  for (const r of all) labelForms[r.rawLabel] = (labelForms[r.rawLabel] ?? 0) + 1;
  const groups = findRepeatGroups(all);
  const conflicts = groups.filter((g) => g.conflicting);
  return {
    file,
    rows: all.length,
    usable: usable.length,
    blank: all.length - usable.length,
    blankIds: all.filter((r) => r.blank).map((r) => r.id),
    positives,
    negatives: usable.length - positives,
    positiveRate: positives / usable.length,
    labelsNormalized: all.filter((r) => r.rawLabel !== "True" && r.rawLabel !== "False").length,
    labelForms,
    entitiesDecoded: all.filter((r) => r.message !== r.rawMessage).length,
    repeatGroups: groups.length,
    repeatRows: groups.reduce((s, g) => s + g.ids.length - 1, 0),
    largestRepeatGroup: groups.reduce((m, g) => Math.max(m, g.ids.length), 0),
    conflictingGroups: conflicts.length,
    conflicts,
  };
}
