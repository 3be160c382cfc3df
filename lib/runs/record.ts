// The declared formats of a run folder's small files: run.json (the run record) and the parts of metrics.json that
// listings read. Loading validates them and names the file and the field that is wrong.
import * as fs from "node:fs";
import { z } from "zod";
import { DataError } from "../data/errors";
import type { ModelName } from "../experiment/config";
import { thresholdPolicySchema } from "../metrics/threshold";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected a SHA-256 in hex");
const seconds = z.number().nonnegative();

export const ModelNameSchema = z.enum(["logreg", "mlp", "majority", "keyword"]);

/** The threshold policy, as the configuration declares it (one format for both). */
export const PolicySchema = thresholdPolicySchema;

/** An input file the run read, with the hash of its bytes. */
const InputFileSchema = z.object({ file: z.string(), sha256 });

export const FileEntrySchema = z.object({ sha256, bytes: z.number().int().nonnegative() });

/** The version run.json is written at; a reader refuses another. */
export const RUN_RECORD_VERSION = 1;

/**
 * run.json: what a run was (settings, inputs, code, environment) and whether it finished. It is written when the
 * run starts (`complete: false`) and rewritten atomically as the very last step with `complete: true`, the finish
 * time, the durations and the hash of every file the run wrote: a run is complete exactly when this says so.
 */
export const RunRecordSchema = z
  .object({
    formatVersion: z.literal(RUN_RECORD_VERSION),
    id: z.string().min(1),
    complete: z.boolean(),
    /** UTC, ISO 8601. */
    started: z.string().datetime(),
    finished: z.string().datetime().nullable(),
    /** Who wrote it: `npm start` or a notebook's saveRun. */
    savedBy: z.enum(["npm start", "saveRun"]),
    process: z.object({ pid: z.number().int().positive(), host: z.string(), node: z.string() }),
    seed: z.number().int(),
    policy: PolicySchema,
    models: z.array(ModelNameSchema).min(1),
    /** The learned models' features, described ("encoder + tfidf"). */
    features: z.record(z.string(), z.string()),
    finalModel: z.enum(["fold-ensemble", "refit"]),
    /** SHA-256 of config.json's canonical JSON: the run id's suffix is its first 8 characters. */
    configSha256: sha256,
    git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
    inputs: z.object({
      data: InputFileSchema,
      split: InputFileSchema,
      embeddings: InputFileSchema.extend({ name: z.string(), method: z.string() }),
    }),
    /** The test rows the metrics are on (ids, labels, repeat groups, texts), hashed: runs compare only when equal. */
    testRows: z.object({ count: z.number().int().nonnegative(), sha256 }),
    /** TensorFlow.js backend the MLP ran on; null when no model used TensorFlow.js. */
    tfBackend: z.string().nullable(),
    durations: z.object({ experiment: seconds.nullable(), write: seconds, total: seconds.nullable() }).nullable(),
    /** Every file the run wrote (path inside the run folder → hash and size); null until complete. */
    files: z.record(z.string(), FileEntrySchema).nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.complete && (r.finished === null || r.files === null))
      ctx.addIssue({ code: "custom", path: ["complete"], message: "a complete run needs `finished` and `files`" });
  });

/** A run's run.json (declared by RunRecordSchema, checked on read). */
export type RunRecord = z.infer<typeof RunRecordSchema>;

// The schemas stay in step with the library's types: a mismatch fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const modelNamesMatch: Same<ModelName, z.infer<typeof ModelNameSchema>> = true;
void modelNamesMatch;

/** The part of a metric set that listings and comparisons read from metrics.json. */
const HeadlineMetricsSchema = z.object({
  rows: z.number().int(),
  // null where the ratio is undefined (its denominator is zero: e.g. nothing flagged has no precision).
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  f1: z.number().nullable(),
  averagePrecision: z.number().nullable(),
  // metric → why it is undefined here ("nothing flagged"), as evaluate() records it.
  undefinedMetrics: z.record(z.string(), z.string()),
});

/** metrics.json as far as runs read it (the file has more; unknown fields are allowed). */
export const MetricsHeadlineSchema = z.object({
  seed: z.number().int(),
  models: z.record(
    z.string(),
    z.object({ threshold: z.number(), test: HeadlineMetricsSchema, oof: HeadlineMetricsSchema }),
  ),
});

/** The headline part of a run's metrics.json that runs are compared on (declared by MetricsHeadlineSchema). */
export type MetricsHeadline = z.infer<typeof MetricsHeadlineSchema>;

/** "field models.0: Invalid enum value …" for each problem, joined. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `field ${i.path.length ? i.path.join(".") : "(the whole file)"}: ${i.message}`)
    .join("; ");
}

/** Read a JSON file and validate it against a schema; a DataError names the file and the field. */
export function readJsonFile<S extends z.ZodTypeAny>(file: string, schema: S, what: string): z.infer<S> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(file, code === "ENOENT" ? `missing (${what})` : `cannot read it (${code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataError(file, `not valid JSON (${(err as Error).message}); expected ${what}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DataError(file, `not a valid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
