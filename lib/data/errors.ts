/**
 * An input file is unusable. The message always names the file and, where it
 * can, the row, line or column, so a person can go and look.
 */
export class DataError extends Error {
  readonly file: string;
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = "DataError";
    this.file = file;
  }
}

/** "rows 3, 7, 9 and 12 more" — keeps error messages short on big files. */
export function listSome(items: Array<string | number>, max = 10): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
