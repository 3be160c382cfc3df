import type { Dataset } from "../data/dataset";
import type { Relabel } from "../data/relabels";
import { InvalidInputError } from "../errors";

/** The three labelings: the original answers, a rerun of the same prompt, and the refined prompt. */
export const LABEL_SET_NAMES = ["original", "rerun", "refined"] as const;
/** One of LABEL_SET_NAMES. */
export type LabelSetName = (typeof LABEL_SET_NAMES)[number];

/** The three labelings of the same rows, aligned with `ids`. */
export interface LabelSets {
  ids: string[];
  messages: string[];
  original: number[];
  rerun: number[];
  refined: number[];
  category: string[];
}

/** The three labelings (original, rerun, refined) of the given ids, with each message and its source category. */
export function labelSetsFor(ids: readonly string[], dataset: Dataset, relabels: Map<string, Relabel>): LabelSets {
  const byId = new Map(dataset.all.map((r) => [r.id, r]));
  const get = (id: string) => {
    const r = byId.get(id);
    const rl = relabels.get(id);
    if (!r || !rl) throw new InvalidInputError("relabels", `id ${id} is missing from the data or the relabels`);
    return { r, rl };
  };
  const rows = ids.map(get);
  return {
    ids: [...ids],
    messages: rows.map(({ r }) => r.message),
    original: rows.map(({ r }) => r.label),
    rerun: rows.map(({ rl }) => rl.rerun),
    refined: rows.map(({ rl }) => rl.refined),
    category: rows.map(({ rl }) => rl.category),
  };
}
