/**
 * Group id per row from a key per row: rows sharing a key (the same message
 * sent to several people) share a group, numbered in order of first appearance.
 */
export function groupsFromKeys(keys: readonly string[]): number[] {
  const ids = new Map<string, number>();
  return keys.map((k) => {
    let g = ids.get(k);
    if (g === undefined) {
      g = ids.size;
      ids.set(k, g);
    }
    return g;
  });
}

export { membersByGroup } from "../util/groups";
