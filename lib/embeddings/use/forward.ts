import { tf } from "../../models/tfBackend";
import type { UseModelFiles } from "./files";
import { USE_LITE_DIMENSION, USE_MAX_TOKENS } from "./identity";
import { encoderKernels, GEMM_ADD, GEMM_RELU, GEMM_ROWS, KernelExports } from "./kernels";
import { Arena } from "./arena";
import { Dense, EMBEDDING, HEADS, HIDDEN, Layer, layOutWeights, Norm, values, WIDTH } from "./weightLayout";

/**
 * USE-lite's forward pass for messages of equal token count, written out op
 * for op from the graph (model.json) on the SIMD kernels in `kernels.ts`,
 * which add in TF.js's order: every vector has exactly the bits one graph
 * call per message gives (tests compare them). What it leaves out costs time
 * and changes no number: the graph's ~250 nodes of sparse-to-dense
 * bookkeeping, padding masks and shape arithmetic (equal lengths need no
 * padding), and one TF.js kernel call per op. TF.js still computes the
 * softmax and the final tanh, whose bits come from its own exp and tanh.
 */
export class UseForward {
  private constructor(
    private readonly k: KernelExports,
    private readonly arena: Arena,
    private readonly embeddings: Float32Array,
    /** The graph's position signal [sin, cos] for positions 0..127, [128][256]. */
    private readonly timing: Float32Array,
    private readonly layers: [Layer, Layer],
    /** Layer 0 widens the residual stream from 256 to 512 with a dense layer. */
    private readonly widen: Dense,
    private readonly epsilon: number,
    private readonly hidden: Dense,
    private readonly normFloor: number,
  ) {}

  /** Needs a TF.js backend (initTfBackend) first; null where WebAssembly SIMD is unavailable. */
  static fromFiles(files: UseModelFiles): UseForward | null {
    const k = encoderKernels();
    if (!k) return null;
    const arena = new Arena(k.memory);
    const w = layOutWeights(files, arena);
    return new UseForward(k, arena, w.embeddings, w.timing, w.layers, w.widen, w.epsilon, w.hidden, w.normFloor);
  }

  /** Vectors of `messages` messages of `tokens` token ids each (ids message by message): [messages × 512]. */
  embed(ids: Int32Array, messages: number, tokens: number): Float32Array {
    if (tokens < 1 || tokens > USE_MAX_TOKENS || ids.length !== messages * tokens) {
      throw new RangeError(`expected ${messages} messages of 1..${USE_MAX_TOKENS} tokens, got ${ids.length} ids`);
    }
    const { k, arena } = this;
    const [first, second] = this.layers;
    const B = messages;
    const T = tokens;
    const N = B * T;
    // Matrix products run on whole tiles of rows: the padding rows are zeros and are never read back.
    const rows = Math.ceil(N / GEMM_ROWS) * GEMM_ROWS;
    const mark = arena.mark;
    try {
      const x0 = arena.floats(rows * EMBEDDING);
      const normed = arena.floats(rows * WIDTH);
      const qkv = arena.floats(rows * 3 * WIDTH);
      const context = arena.floats(rows * WIDTH);
      const y = arena.floats(rows * WIDTH);
      const h = arena.floats(rows * HIDDEN);
      const scratch = {
        logits: arena.floats(B * HEADS * T * T),
        kt: arena.floats(WIDTH * 128),
        q: arena.floats(WIDTH),
        row: arena.floats(128),
      };
      const pooledRows = Math.ceil(B / GEMM_ROWS) * GEMM_ROWS;
      const pooled = arena.floats(pooledRows * WIDTH);
      const hidden = arena.floats(pooledRows * WIDTH);
      arena.view(normed, rows * WIDTH).fill(0);
      arena.view(context, rows * WIDTH).fill(0);
      arena.view(pooled, pooledRows * WIDTH).fill(0);
      this.inputs(ids, T, arena.view(x0, rows * EMBEDDING));

      // Layer 0: y = x0·W + b (the widened residual), then y += attention(norm(x0)).
      this.dense(x0, rows, this.widen, y);
      this.norm(x0, N, EMBEDDING, first.attentionNorm, normed);
      this.attention(normed, rows, first, B, T, qkv, context, scratch);
      this.dense(context, rows, first.output, y, GEMM_ADD, y);
      this.feedForward(y, rows, N, first, normed, h);
      // Layer 1: y += attention(norm(y)), y += ffn(norm(y)).
      this.norm(y, N, WIDTH, second.attentionNorm, normed);
      this.attention(normed, rows, second, B, T, qkv, context, scratch);
      this.dense(context, rows, second.output, y, GEMM_ADD, y);
      this.feedForward(y, rows, N, second, normed, h);

      // Mean over each message's tokens (the graph's mask is all ones here: multiplying by it changes no bit).
      k.meanRows(y, B, T, WIDTH, pooled);
      this.dense(pooled, pooledRows, this.hidden, hidden);
      const pre = arena.view(hidden, B * WIDTH).slice();
      const tanh = values(() => tf.tanh(tf.tensor2d(pre, [B, WIDTH])));
      return this.normalize(tanh, B);
    } finally {
      arena.release(mark);
    }
  }

  /** x0 = e + (e + signal) per token, in f32 as the graph adds: its embedding row, then its position's signal. */
  private inputs(ids: Int32Array, T: number, x0: Float32Array): void {
    const vocabulary = this.embeddings.length / EMBEDDING;
    const f = Math.fround;
    for (let t = 0; t < ids.length; t++) {
      const id = ids[t];
      if (!(id >= 0 && id < vocabulary))
        throw new RangeError(`token id ${id} is outside the vocabulary (${vocabulary})`);
      const e = id * EMBEDDING;
      const s = (t % T) * EMBEDDING;
      const o = t * EMBEDDING;
      for (let c = 0; c < EMBEDDING; c++) {
        x0[o + c] = f(this.embeddings[e + c] + f(this.embeddings[e + c] + this.timing[s + c]));
      }
    }
    x0.fill(0, ids.length * EMBEDDING);
  }

  private dense(input: number, rows: number, d: Dense, out: number, flags = 0, extra = 0): void {
    this.k.gemm(input, rows, d.inputs, d.at, d.outputs, d.bias, out, flags, extra);
  }

  private norm(x: number, rows: number, width: number, p: Norm, out: number): void {
    this.k.layerNorm(x, rows, width, p.scale, p.bias, this.epsilon, out);
  }

  /** Multi-head self-attention of each message on itself: the packed projection, logits, softmax, context. */
  private attention(
    normed: number,
    rows: number,
    p: Layer,
    B: number,
    T: number,
    qkv: number,
    context: number,
    scratch: { logits: number; kt: number; q: number; row: number },
  ): void {
    const { k, arena } = this;
    this.dense(normed, rows, p.qkv, qkv);
    const dk = p.width / HEADS;
    const stride = 4 * 3 * p.width;
    for (let b = 0; b < B; b++) {
      for (let head = 0; head < HEADS; head++) {
        const q = qkv + b * T * stride + 4 * head * dk;
        const out = scratch.logits + 4 * (b * HEADS + head) * T * T;
        k.scores(q, q + 4 * p.width, T, dk, stride, p.queryScale, scratch.kt, scratch.q, scratch.row, out);
      }
    }
    const n = B * HEADS * T * T;
    // A copy in and out: TF.js reads a plain array much faster than a view into another WebAssembly memory.
    const logits = arena.view(scratch.logits, n).slice();
    const probs = values(() => tf.softmax(tf.tensor2d(logits, [n / T, T])));
    arena.view(scratch.logits, n).set(probs);
    for (let b = 0; b < B; b++) {
      for (let head = 0; head < HEADS; head++) {
        const probsAt = scratch.logits + 4 * (b * HEADS + head) * T * T;
        const v = qkv + b * T * stride + 4 * (2 * p.width + head * dk);
        k.context(probsAt, v, T, dk, stride, context + 4 * (b * T * p.width + head * dk), 4 * p.width);
      }
    }
  }

  private feedForward(y: number, rows: number, N: number, p: Layer, normed: number, h: number): void {
    this.norm(y, N, WIDTH, p.ffnNorm, normed);
    this.dense(normed, rows, p.ffnIn, h, GEMM_RELU);
    this.dense(h, rows, p.ffnOut, y, GEMM_ADD, y);
  }

  /** h · 1/√max(Σh², floor), row by row, in f32 as the graph's l2_normalize (the sum in order). */
  private normalize(h: Float32Array, B: number): Float32Array {
    const f = Math.fround;
    const out = new Float32Array(B * USE_LITE_DIMENSION);
    for (let b = 0; b < B; b++) {
      const o = b * USE_LITE_DIMENSION;
      let sum = 0;
      for (let c = 0; c < USE_LITE_DIMENSION; c++) sum = f(sum + f(h[o + c] * h[o + c]));
      const scale = f(1 / f(Math.sqrt(Math.max(sum, this.normFloor))));
      for (let c = 0; c < USE_LITE_DIMENSION; c++) out[o + c] = f(h[o + c] * scale);
    }
    return out;
  }
}
