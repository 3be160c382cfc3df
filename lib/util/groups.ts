// Below split/ and metrics/ alike, so the bootstrap can resample whole groups without importing split/.
/** Row indices per group, for groups numbered 0..G-1. */
export function membersByGroup(groups: readonly number[]): number[][] {
  const out: number[][] = [];
  groups.forEach((g, i) => (out[g] ??= []).push(i));
  return out;
}
