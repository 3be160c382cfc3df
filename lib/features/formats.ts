// The saved formats of featurizers and model pipelines (models/logreg.json, models/mlp.json), declared once:
// checked when a file is loaded (lib/util/savedJson.ts), their types inferred.
import { z } from "zod";
import { lsaStateSchema } from "../embeddings/lsa";
import { tfidfBlockSchema } from "../embeddings/tfidf";
import { logregJsonSchema } from "../models/logregFormat";
import { mlpJsonSchema } from "../models/mlpFormat";
import { exactly, integer, nonEmpty, record } from "../util/schema";
import { featureSpecSchema } from "./spec";

/** A fitted featurizer: its spec, and what its lexical step learned (blocks; chi² columns; or the LSA state). */
export const featurizerJsonSchema = record({
  spec: featureSpecSchema,
  blocks: z.array(tfidfBlockSchema, { message: "must be a list of fitted n-gram blocks" }).optional(),
  columns: z.array(integer(0), { message: "must be a list of column numbers" }).optional(),
  lsa: lsaStateSchema.optional(),
}).superRefine((f, ctx) => {
  // What each lexical step needs to transform new rows.
  const kind = f.spec.lexical?.kind;
  const needs = kind === "tfidf" ? ["blocks"] : kind === "chi2" ? ["blocks", "columns"] : kind === "lsa" ? ["lsa"] : [];
  for (const field of needs)
    if (f[field as keyof typeof f] === undefined)
      ctx.addIssue({ code: "custom", path: [field], message: `is missing (a ${kind} step needs it)` });
});
export type FeaturizerJSON = z.infer<typeof featurizerJsonSchema>;

export const logregPipelineJsonSchema = record({
  kind: exactly("logreg-pipeline"),
  features: featurizerJsonSchema,
  model: logregJsonSchema,
});
export type LogregPipelineJSON = z.infer<typeof logregPipelineJsonSchema>;

export const mlpPipelineJsonSchema = record({
  kind: exactly("mlp-pipeline"),
  features: featurizerJsonSchema,
  model: mlpJsonSchema,
});
export type MlpPipelineJSON = z.infer<typeof mlpPipelineJsonSchema>;

/** One model pipeline: the members of a fold ensemble, or a refit. */
export const modelPipelineJsonSchema = z.discriminatedUnion("kind", [logregPipelineJsonSchema, mlpPipelineJsonSchema], {
  message: 'must be a pipeline: { kind: "logreg-pipeline" | "mlp-pipeline", … }',
});
/** One saved pipeline: its featurizer and its model. */
export type ModelPipelineJSON = z.infer<typeof modelPipelineJsonSchema>;

/** A saved model file (models/<model>.json): one pipeline, or the cross-validation fold models averaged. */
export const pipelineJsonSchema = z.discriminatedUnion(
  "kind",
  [
    logregPipelineJsonSchema,
    mlpPipelineJsonSchema,
    record({
      kind: exactly("fold-ensemble"),
      members: nonEmpty(modelPipelineJsonSchema, "a list of fold pipelines"),
    }),
  ],
  { message: 'must be a pipeline: { kind: "logreg-pipeline" | "mlp-pipeline" | "fold-ensemble", … }' },
);
/** A saved model file (models/<model>.json): one pipeline, or the fold models averaged. */
export type PipelineJSON = z.infer<typeof pipelineJsonSchema>;
