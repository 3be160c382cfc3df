import { asDesign, Design, takeDesignRows } from "../linalg/design";
import type { Matrix } from "../linalg/matrix";
import { averagePrecision } from "../metrics/curves";
import { logLoss } from "../metrics/probabilistic";
import { UndefinedMetricError } from "../metrics/validate";
import { stratifiedGroupHoldout } from "../split/split";
import { makeRng, shuffled } from "../util/random";
import { SparseRows } from "./sparseRows";
import { initTfBackend, tf } from "./tfBackend";
import { checkFitInputs, Estimator, NotFittedError, sampleWeights } from "./types";
import { firstProblem } from "../util/schema";
import { ConfigError, InvalidInputError } from "../errors";
import { DEFAULT_MLP_OPTIONS, MlpOptions, mlpOptionsSchema } from "./mlpOptions";
import { Adam } from "./adam";
import { disposeInput, dropoutMasks, glorot, InputTensors, logits, weightedLoss } from "./mlpGraph";
import { EpochLog, MlpFitInfo, mlpFromJSON, MlpJSON, MlpParameters, mlpToJSON } from "./mlpFormat";

// The settings and the saved format live in their own modules; `models/mlp` hands them on.
export * from "./mlpOptions";
export * from "./mlpFormat";

/**
 * A small feed-forward network in TensorFlow.js: embeddings → ReLU hidden
 * layer(s) with dropout → sigmoid. Adam, weighted binary cross-entropy
 * (balanced class weights by default), L2 on weights.
 *
 * Early stopping watches a validation split carved from the rows given to
 * `fit` (whole repeat groups, stratified) — never the test set — and the best
 * epoch's weights are restored. Every random choice (initial weights, batch
 * order, dropout masks, the validation carve) comes from `seed`, so the same
 * seed gives the same scores on the same backend.
 */
export class MlpClassifier implements Estimator<Matrix | Design> {
  readonly name = "mlp";
  readonly options: MlpOptions;
  fitInfo: MlpFitInfo | null = null;
  /** Layer by layer: weights, bias. The first layer's weights cover the dense input columns only. */
  private weights: tf.Variable[] = [];
  /** The first layer's weights for the sparse input columns (null when the input is all dense). */
  private sparseRows: SparseRows | null = null;
  private denseCols = 0;

  constructor(options: Partial<MlpOptions> = {}) {
    this.options = { ...DEFAULT_MLP_OPTIONS, ...options };
    const checked = mlpOptionsSchema.safeParse(this.options);
    if (!checked.success) {
      const { path, detail } = firstProblem(checked.error, this.options, "setting");
      throw new ConfigError(path, detail);
    }
  }

  /** Free the model's tensors. Call when done with a model (the experiment runner does). */
  dispose(): void {
    for (const w of this.weights) w.dispose();
    this.weights = [];
    this.sparseRows = null;
  }

  /** groups: repeat-group id per row, so the early-stopping carve keeps repeats together. */
  async fit(X: Matrix | Design, y: ArrayLike<number>, groups?: readonly number[]): Promise<this> {
    checkFitInputs(X, y);
    const o = this.options;
    const D = asDesign(X);
    const g = groups ?? Array.from({ length: D.rows }, (_, i) => i);
    const { train, test: val } = stratifiedGroupHoldout(y, g, o.validationFraction, o.seed);
    const yArr = Array.from(y);
    return this.trainLoop(
      D,
      yArr,
      train,
      takeDesignRows(D, val),
      val.map((i) => yArr[i]),
    );
  }

  /**
   * Fit with early stopping on rows you provide instead of a carve. They must
   * not be your test rows: early stopping is model selection, and selecting on
   * test makes the test score optimistic (see the pitfalls notebook).
   */
  async fitWithValidation(
    X: Matrix | Design,
    y: ArrayLike<number>,
    validationX: Matrix | Design,
    validationY: ArrayLike<number>,
  ): Promise<this> {
    checkFitInputs(X, y);
    const D = asDesign(X);
    return this.trainLoop(
      D,
      Array.from(y),
      Array.from({ length: D.rows }, (_, i) => i),
      asDesign(validationX),
      Array.from(validationY),
    );
  }

  private async trainLoop(X: Design, yArr: number[], train: number[], valX: Design, yVal: number[]): Promise<this> {
    await initTfBackend();
    const o = this.options;
    const rng = makeRng(o.seed);
    const sw = sampleWeights(
      train.map((i) => yArr[i]),
      o.classWeight,
    );

    this.dispose();
    const dc = X.dense?.cols ?? 0;
    if (dc === 0)
      throw new InvalidInputError(
        "X",
        "the MLP needs dense input columns (the encoder's vectors) beside any sparse ones",
      );
    this.denseCols = dc;
    const sizes = [X.cols, ...o.hiddenUnits, 1];
    for (let l = 0; l < sizes.length - 1; l++) {
      const init = glorot(rng, sizes[l], sizes[l + 1]);
      // The first layer's rows for sparse columns live in JS (same draws as one dense matrix would get).
      if (l === 0 && X.sparse) this.sparseRows = new SparseRows(init.slice(dc * sizes[1]), sizes[1]);
      const rows = l === 0 ? dc : sizes[l];
      // Created inside tidy: tf.variable keeps its own copy, and the initial tensor must not linger.
      this.weights.push(
        tf.tidy(() => tf.variable(tf.tensor2d(init.subarray(0, rows * sizes[l + 1]), [rows, sizes[l + 1]]), true)),
      );
      this.weights.push(tf.tidy(() => tf.variable(tf.zeros([sizes[l + 1]]), true)));
    }
    const adam = new Adam(this.weights, o.learningRate);
    const xVal = this.inputs(valX);
    const history: EpochLog[] = [];
    const sparseCopy = () => (this.sparseRows ? Float32Array.from(this.sparseRows.W) : null);
    let best = { loss: Infinity, epoch: 0, values: this.weights.map((w) => w.clone()), sparse: sparseCopy() };
    let sinceBest = 0;

    try {
      for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
        const order = shuffled(
          train.map((_, k) => k),
          rng,
        );
        let lossSum = 0;
        for (let start = 0; start < order.length; start += o.batchSize) {
          const batch = order.slice(start, start + o.batchSize);
          const rows = batch.map((k) => train[k]);
          const masks = dropoutMasks(rng, this.options.hiddenUnits, this.options.dropout, batch.length);
          const xb = this.inputs(X, rows, true);
          let dSparse: Float32Array | null = null;
          const loss = tf.tidy(() => {
            const yb = tf.tensor1d(rows.map((i) => yArr[i]));
            const wb = tf.tensor1d(batch.map((k) => sw[k]));
            const maskTensors = masks.map((m, l) => tf.tensor2d(m, [batch.length, o.hiddenUnits[l]]));
            const trained = xb.sparse ? [...this.weights, xb.sparse] : this.weights;
            const { value, grads } = tf.variableGrads(
              () =>
                weightedLoss(this.weights, this.sparseRows, this.options.l2, {
                  x: xb,
                  y: yb,
                  w: wb,
                  masks: maskTensors,
                }),
              trained,
            );
            adam.step(this.weights.map((w) => grads[w.name]));
            if (xb.sparse) dSparse = grads[xb.sparse.name].dataSync() as Float32Array;
            return value;
          });
          if (this.sparseRows && X.sparse && dSparse)
            this.sparseRows.step(X.sparse, rows, dSparse, o.l2, o.learningRate);
          disposeInput(xb);
          lossSum += loss.dataSync()[0] * batch.length;
          loss.dispose();
        }
        const valProb = this.forwardProbabilities(xVal);
        const valLoss = logLoss(yVal, valProb, 1e-7);
        history.push({ epoch, trainLoss: lossSum / order.length, valLoss, valAveragePrecision: safeAp(yVal, valProb) });
        if (valLoss < best.loss - 1e-6) {
          best.values.forEach((t) => t.dispose());
          best = { loss: valLoss, epoch, values: this.weights.map((w) => w.clone()), sparse: sparseCopy() };
          sinceBest = 0;
        } else if (++sinceBest >= o.patience) {
          break;
        }
      }
      this.weights.forEach((w, k) => w.assign(best.values[k]));
      if (this.sparseRows && best.sparse) this.sparseRows.W.set(best.sparse);
    } finally {
      best.values.forEach((t) => t.dispose());
      disposeInput(xVal);
      adam.dispose();
    }
    this.fitInfo = {
      bestEpoch: best.epoch,
      epochsRun: history.length,
      stoppedEarly: history.length < o.maxEpochs,
      history,
      trainRows: train.length,
      validationRows: yVal.length,
    };
    return this;
  }

  async predictProba(X: Matrix | Design): Promise<Float64Array> {
    if (!this.isFitted) throw new NotFittedError("MlpClassifier");
    const D = asDesign(X);
    const cols = this.denseCols + (this.sparseRows ? this.sparseRows.W.length / this.sparseRows.units : 0);
    if (D.cols !== cols || (D.dense?.cols ?? 0) !== this.denseCols) {
      throw new InvalidInputError(
        "X",
        `model was fitted on ${cols} features (${this.denseCols} dense), got ${D.cols} (${D.dense?.cols ?? 0} dense)`,
      );
    }
    await initTfBackend();
    const x = this.inputs(D);
    try {
      return Float64Array.from(this.forwardProbabilities(x));
    } finally {
      disposeInput(x);
    }
  }

  /** A batch as tensors: the dense columns, and x_s·W_s computed in JS (a variable when its gradient is needed). */
  private inputs(X: Design, rows?: readonly number[], trainable = false): InputTensors {
    const idx = rows ?? Array.from({ length: X.rows }, (_, i) => i);
    const d = X.dense;
    if (!d)
      throw new InvalidInputError(
        "X",
        "MlpClassifier: the design has no dense columns (its first layer is a dense matmul)",
      );
    const out = new Float32Array(idx.length * d.cols);
    idx.forEach((r, k) => out.set(d.data.subarray(r * d.cols, (r + 1) * d.cols), k * d.cols));
    const dense = tf.tensor2d(out, [idx.length, d.cols]);
    if (!this.sparseRows || !X.sparse) return { dense, sparse: null };
    const units = this.sparseRows.units;
    const values = this.sparseRows.forward(X.sparse, idx);
    const sparse = tf.tidy(() => tf.variable(tf.tensor2d(values, [idx.length, units]), trainable));
    return { dense, sparse };
  }

  private forwardProbabilities(x: InputTensors): Float32Array {
    return tf.tidy(() => tf.sigmoid(logits(this.weights, x)).dataSync() as Float32Array);
  }

  get isFitted(): boolean {
    return this.weights.length > 0;
  }

  toJSON(): MlpJSON {
    return mlpToJSON(this.options, this.parameters(), this.fitInfo);
  }

  /** The weights as plain arrays (what the file format encodes). */
  private parameters(): MlpParameters {
    return {
      tensors: this.weights.map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array })),
      sparseRows: this.sparseRows ? this.sparseRows.W : null,
      denseCols: this.denseCols,
    };
  }

  static async fromJSON(j: MlpJSON): Promise<MlpClassifier> {
    await initTfBackend();
    const saved = mlpFromJSON(j);
    const m = new MlpClassifier(saved.options);
    const { tensors, sparseRows, denseCols } = saved.parameters;
    m.denseCols = denseCols;
    if (sparseRows) m.sparseRows = new SparseRows(sparseRows, tensors[0].shape[1]);
    m.weights = tensors.map((w) => tf.tidy(() => tf.variable(tf.tensor(w.values, w.shape), false)));
    m.fitInfo = saved.fitInfo;
    return m;
  }
}

function safeAp(y: number[], p: ArrayLike<number>): number | null {
  try {
    return averagePrecision(y, Array.from(p));
  } catch (err) {
    if (err instanceof UndefinedMetricError) return null;
    throw err;
  }
}
