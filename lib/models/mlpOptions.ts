// The network's settings: declared once (zod), checked wherever they come from, their types inferred.
import { z } from "zod";
import { integer, nonEmpty, number, record } from "../util/schema";
import { classWeightSchema } from "./types";

const mlpSettingsShape = {
  /** Units of each hidden layer. */
  hiddenUnits: nonEmpty(integer(1), "a list of layer sizes"),
  dropout: number({ gte: 0, lt: 1 }),
  learningRate: number({ gt: 0 }),
  batchSize: integer(1),
  maxEpochs: integer(1),
  /** Stop after this many epochs without a better validation loss; the best epoch's weights are restored. */
  patience: integer(1),
  /** L2 penalty on the weights (not the biases). */
  l2: number({ gte: 0 }),
  classWeight: classWeightSchema,
  /** Share of the training rows (whole repeat groups, stratified) held out for early stopping. */
  validationFraction: number({ gt: 0, lt: 1 }),
};

/** The network's settings as a configuration holds them: no seed (an experiment derives it from its one seed). */
export const mlpSettingsSchema = record(mlpSettingsShape);
/** The MLP's settings as the configuration holds them (no seed: the run derives it). */
export type MlpSettings = z.infer<typeof mlpSettingsSchema>;

/** What an MlpClassifier takes (and a saved model records): the settings and the seed of every random draw. */
export const mlpOptionsSchema = record({ ...mlpSettingsShape, seed: integer() });
/** Everything an MlpClassifier is built with: its settings and the seed of every random choice. */
export type MlpOptions = z.infer<typeof mlpOptionsSchema>;

/** The settings chosen by cross-validation on the training split (README). */
export const DEFAULT_MLP_SETTINGS: MlpSettings = {
  hiddenUnits: [64],
  dropout: 0.2,
  // Batches of 256 at twice the step size: the same grouped CV AP as 64 at 1e-3 (0.870 vs 0.871), a third less time.
  learningRate: 2e-3,
  batchSize: 256,
  maxEpochs: 100,
  patience: 5,
  l2: 1e-4,
  classWeight: "balanced",
  validationFraction: 0.15,
};

/** For a network fitted on its own (tests, notebooks): the settings and seed 42. An experiment derives its seed. */
export const DEFAULT_MLP_OPTIONS: MlpOptions = { ...DEFAULT_MLP_SETTINGS, seed: 42 };
