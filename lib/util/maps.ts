import { InternalError } from "../errors";
/** map.get(key) for a key that must be there; a clear error naming it (instead of a non-null assertion) when not. */
export function getOrThrow<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new InternalError(`${what}: no entry for ${JSON.stringify(key)}`);
  return v;
}
