// The MLP's saved format (what MlpClassifier.toJSON writes and fromJSON reads), declared once: checked when a
// file is loaded (lib/util/savedJson.ts), its types inferred.
import { z } from "zod";
import { InvalidInputError } from "../errors";
import { float32Count, float32FromBase64, float32ToBase64 } from "../util/float32Base64";
import { boolean, exactly, integer, nonEmpty, number, record } from "../util/schema";
import { MlpOptions, mlpOptionsSchema } from "./mlpOptions";

/** One epoch of training: losses, and the validation average precision (null when validation holds one class). */
export const epochLogSchema = record({
  epoch: integer(1),
  trainLoss: number(),
  valLoss: number(),
  valAveragePrecision: number().nullable(),
});
/** One epoch of training: training loss, validation loss and validation average precision. */
export type EpochLog = z.infer<typeof epochLogSchema>;

/** How the network's training went: the restored best epoch, how many ran, early stopping, the rows used. */
export const mlpFitInfoSchema = record({
  bestEpoch: integer(0),
  epochsRun: integer(0),
  stoppedEarly: boolean(),
  history: z.array(epochLogSchema, { message: "must be a list of epochs" }),
  trainRows: integer(0),
  validationRows: integer(0),
});
/** What a fit recorded (epoch by epoch, and the epoch whose weights were kept), saved with the model. */
export type MlpFitInfo = z.infer<typeof mlpFitInfoSchema>;

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A weight tensor: its shape, and its values as base64 float32 (exact, a tenth of the size of JSON numbers). */
export const savedTensorSchema = record({
  shape: nonEmpty(integer(1), "a shape"),
  float32Base64: z.string({ message: "must be base64 text" }),
}).superRefine((t, ctx) => {
  const count = float32Count(t.float32Base64);
  if (count !== product(t.shape))
    ctx.addIssue({
      code: "custom",
      path: ["float32Base64"],
      message: `must hold ${product(t.shape)} float32 values (shape [${t.shape}]), holds ${count}`,
    });
});

/**
 * A fitted MlpClassifier: options, weights layer by layer (weights, bias; the first layer's weights as one matrix
 * over all input columns, dense rows first), how many input columns arrive dense, and how training went.
 */
export const mlpJsonSchema = record({
  kind: exactly("mlp"),
  options: mlpOptionsSchema,
  weights: nonEmpty(savedTensorSchema, "a list of weight tensors"),
  denseCols: integer(1),
  fitInfo: mlpFitInfoSchema.nullable(),
}).superRefine((m, ctx) => {
  const layers = m.options.hiddenUnits.length + 1;
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: "custom", path, message });
  if (m.weights.length !== 2 * layers)
    return issue(
      ["weights"],
      `must hold ${2 * layers} tensors (weights and bias of ${layers} layers), holds ${m.weights.length}`,
    );
  const units = [...m.options.hiddenUnits, 1];
  m.weights.forEach((w, k) => {
    const l = Math.floor(k / 2);
    const want = k % 2 ? [units[l]] : [l === 0 ? w.shape[0] : units[l - 1], units[l]];
    if (w.shape.join() !== want.join()) issue(["weights", k, "shape"], `must be [${want}], got [${w.shape}]`);
  });
  if (m.weights[0].shape[0] < m.denseCols)
    issue(["denseCols"], `must be at most the first layer's ${m.weights[0].shape[0]} input rows, got ${m.denseCols}`);
});
/** A saved MlpClassifier (declared by mlpJsonSchema, checked on load). */
export type MlpJSON = z.infer<typeof mlpJsonSchema>;

/** The network's parameters as plain arrays: what the format encodes, and what a model is rebuilt from. */
export interface MlpParameters {
  /** Layer by layer: weights, bias. The first layer's weights cover the dense input columns only. */
  tensors: Array<{ shape: number[]; values: Float32Array }>;
  /** The first layer's rows for the sparse input columns, row after row (null when the input is all dense). */
  sparseRows: Float32Array | null;
  /** Input columns that arrive dense; the rest of the first layer's rows take sparse columns. */
  denseCols: number;
}

/**
 * A fitted network in its saved format. The first layer is one matrix over all input columns (dense rows, then the
 * sparse columns' rows), so the file does not depend on how the columns arrive; values as base64 float32.
 */
export function mlpToJSON(options: MlpOptions, p: MlpParameters, fitInfo: MlpFitInfo | null): MlpJSON {
  const weights = p.tensors.map((t, l) => {
    if (l > 0 || !p.sparseRows) return { shape: t.shape, float32Base64: float32ToBase64(t.values) };
    const [rows, units] = t.shape;
    const all = new Float32Array(t.values.length + p.sparseRows.length);
    all.set(t.values);
    all.set(p.sparseRows, t.values.length);
    return { shape: [rows + p.sparseRows.length / units, units], float32Base64: float32ToBase64(all) };
  });
  return { kind: "mlp", options, weights, denseCols: p.denseCols, fitInfo };
}

/** The saved network back as options, plain parameters and how its training went. */
export function mlpFromJSON(j: MlpJSON): {
  options: MlpOptions;
  parameters: MlpParameters;
  fitInfo: MlpFitInfo | null;
} {
  const [first, ...rest] = j.weights.map((w) => {
    const values = float32FromBase64(w.float32Base64);
    if (values.length !== product(w.shape))
      throw new InvalidInputError("json", `saved MLP weights of shape [${w.shape}] hold ${values.length} values`);
    return { shape: w.shape, values };
  });
  const units = first.shape[1];
  const dense = { shape: [j.denseCols, units], values: first.values.slice(0, j.denseCols * units) };
  const sparseRows = first.shape[0] > j.denseCols ? first.values.slice(j.denseCols * units) : null;
  return {
    options: j.options,
    parameters: { tensors: [dense, ...rest], sparseRows, denseCols: j.denseCols },
    fitInfo: j.fitInfo,
  };
}
