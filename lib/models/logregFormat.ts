// The logistic regression's saved format (what LogisticRegression.toJSON writes and fromJSON reads), declared once:
// checked when a file is loaded (lib/util/savedJson.ts), its type inferred.
import { z } from "zod";
import { boolean, exactly, integer, number, record } from "../util/schema";
import { classWeightSchema } from "./types";

/** The settings a fitted model keeps (the warning callback is not saved). */
export const logregOptionsSchema = record({
  C: number({ gt: 0 }),
  classWeight: classWeightSchema,
  standardize: boolean(),
  tol: number({ gt: 0 }),
  maxIter: integer(1),
});

export const convergenceSchema = record({
  converged: boolean(),
  iterations: integer(0),
  gradMaxAbs: number({ gte: 0 }),
  message: z.string({ message: "must be text" }),
});

/** A fitted LogisticRegression: its options, coefficients (dense columns, then sparse), intercept, scaler. */
export const logregJsonSchema = record({
  kind: exactly("logreg"),
  options: logregOptionsSchema,
  coef: z.array(number(), { message: "must be a list of numbers" }),
  intercept: number(),
  scaler: record({ mean: z.array(number()), scale: z.array(number({ gt: 0 })) })
    .refine((s) => s.mean.length === s.scale.length, "must hold as many scales as means")
    .nullable(),
  convergence: convergenceSchema.nullable(),
});
/** A saved LogisticRegression (declared by logregJsonSchema, checked on load). */
export type LogregJSON = z.infer<typeof logregJsonSchema>;
