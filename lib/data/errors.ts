// DataError lives with the project's other errors (lib/errors.ts); kept here so `data` users find it.
export { DataError } from "../errors";

/** "rows 3, 7, 9 and 12 more" — keeps error messages short on big files. */
export function listSome(items: Array<string | number>, max = 10): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
