import * as fs from "node:fs";
import type { z } from "zod";
import { ModelFileError } from "../errors";
import { firstProblem } from "./schema";

/**
 * A saved file's contents checked against its declared format; a problem is a ModelFileError naming the file and
 * the field. The formats declare no defaults or transforms, so the value checked is the value returned (key order
 * included): saving it again gives the same bytes.
 */
export function checkSaved<S extends z.ZodTypeAny>(schema: S, value: unknown, file: string): z.output<S> {
  const checked = schema.safeParse(value);
  if (!checked.success) {
    const { path, detail } = firstProblem(checked.error, value, "field");
    throw new ModelFileError(file, path || null, detail);
  }
  return value;
}

/** The JSON in a saved file, unchecked: a missing file (`missing` says what to do) or broken JSON is a ModelFileError. */
export function readJsonFile(file: string, missing: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(file, null, code === "ENOENT" ? missing : `cannot be read (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(file, null, `not valid JSON (${(err as Error).message}): corrupt or cut short?`);
  }
}

/** Read a saved JSON file and check it against its format. */
export function readSavedJson<S extends z.ZodTypeAny>(schema: S, file: string, missing: string): z.output<S> {
  return checkSaved(schema, readJsonFile(file, missing), file);
}
