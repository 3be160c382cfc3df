import * as path from "node:path";
import type { Matrix } from "../../linalg/matrix";
import { defaultWorkerCount, runPool } from "../../parallel/pool";
import { batchRanges, lengthBatches } from "./batches";
import { readUseModel, UseModelInfo, Vocabulary } from "./files";
import { USE_LITE_DIMENSION, USE_LITE_METHOD, USE_MAX_TOKENS } from "./identity";
import { makeTokenizer, tokenize, UseTokenizer } from "./tokenizer";
// Types only: the calling thread loads no TF.js unless it embeds in-process.
import type { UseBatchResult, UseBatchTask, UseEngine } from "./worker";

export * from "./identity";

/** How USE-lite embeds: worker threads, batch size, progress. */
export interface UseEmbedOptions {
  /**
   * Worker threads (capped at the number of batches); 1 embeds in this thread.
   * Default: one per core from MIN_ROWS_FOR_WORKERS messages on, else 1.
   */
  workers?: number;
  /**
   * The old path: batches of this many messages in list order, each one
   * graph call padded to its longest message (the files committed before
   * were made with 64). Default: messages of equal token count share a call
   * of the forward pass on the SIMD kernels, which gives each vector the bits
   * of one graph call per message (`batchSize` 1) about 2.5× faster (bench:embed).
   */
  batchSize?: number;
  /** Batches finished so far and in all (by default each about 512 tokens of work). */
  onProgress?: (doneBatches: number, totalBatches: number) => void;
  /** Where the pool's one-time fallback notice goes. */
  log?: (message: string) => void;
}

const WORKER_MODULE = path.join(__dirname, "worker");
/** A worker's start (TF.js, wasm, the model: about 2.5 s of CPU) costs about what 200 messages take to embed. */
export const MIN_ROWS_FOR_WORKERS = 200;

/**
 * The project's pretrained sentence encoder: USE-lite from its npm package.
 * Loading checks the files (clear errors) and fingerprints them; the model
 * itself loads in whichever thread embeds.
 */
export class UseLiteEncoder {
  readonly method = USE_LITE_METHOD;
  readonly dimension = USE_LITE_DIMENSION;
  /** TF.js backend the last batches ran on ("wasm", "tensorflow" or "cpu"); "" before any. */
  backend = "";
  /** What computed them: the SIMD kernels ("kernels") or the published graph ("graph"); "" before any. */
  engine: UseEngine | "" = "";
  private tokenizer: UseTokenizer | null = null;

  private constructor(
    readonly info: UseModelInfo,
    private readonly vocabulary: Vocabulary,
  ) {}

  static async load(options: { packageDir?: string } = {}): Promise<UseLiteEncoder> {
    const files = readUseModel(options.packageDir);
    return new UseLiteEncoder(files.info, files.vocabulary);
  }

  /** One float32 row of 512 per text, in order; byte-identical for any number of workers. */
  async embed(texts: readonly string[], options: UseEmbedOptions = {}): Promise<Matrix<Float32Array>> {
    const plan = options.batchSize === undefined ? this.byLength(texts) : this.inOrder(texts, options.batchSize);
    const workers = options.workers ?? (texts.length >= MIN_ROWS_FOR_WORKERS ? defaultWorkerCount() : 1);
    const results = await runPool<UseBatchTask, UseBatchResult>(WORKER_MODULE, plan.tasks, {
      workers,
      onTaskDone: options.onProgress,
      log: options.log,
    });
    // Each distinct text was embedded once (row `k` of batch `b` is plan.rows[b][k]); copy it to every row it is.
    const d = this.dimension;
    const data = new Float32Array(texts.length * d);
    results.forEach((r, b) =>
      plan.rows[b].forEach((row, k) => {
        const vector = r.data.subarray(k * d, (k + 1) * d);
        for (const to of plan.copies[row] ?? [row]) data.set(vector, to * d);
      }),
    );
    if (results.length) {
      this.backend = results[0].backend;
      this.engine = results[0].engine;
    }
    return { rows: texts.length, cols: this.dimension, data };
  }

  /** The TextEmbedder interface: embed with the defaults. */
  transform(texts: readonly string[]): Promise<Matrix<Float32Array>> {
    return this.embed(texts);
  }

  /**
   * Equal-length batches: each distinct text tokenized here once (the graph's first 128 tokens) and grouped by
   * count. A repeated text is embedded once: its vector depends on its own text only.
   */
  private byLength(texts: readonly string[]) {
    const tokenizer = (this.tokenizer ??= makeTokenizer(this.vocabulary));
    const first = new Map<string, number>();
    const copies: number[][] = [];
    texts.forEach((text, row) => {
      const seen = first.get(text);
      if (seen === undefined) first.set(text, row);
      else (copies[seen] ??= [seen]).push(row);
    });
    const distinct = [...first.values()];
    const ids = distinct.map((row) => tokenize(tokenizer, [texts[row]], row)[0].slice(0, USE_MAX_TOKENS));
    const batches = lengthBatches(ids.map((t) => t.length));
    const tasks: UseBatchTask[] = batches.map((b) => ({
      kind: "tokens",
      ...this.model(),
      tokens: b.tokens,
      ids: Int32Array.from(b.rows.flatMap((k) => ids[k])),
    }));
    return { tasks, rows: batches.map((b) => b.rows.map((k) => distinct[k])), copies };
  }

  /** Fixed batches cut at global row positions: the bytes depend on the list and the size alone. */
  private inOrder(texts: readonly string[], batchSize: number) {
    const ranges = batchRanges(texts.length, batchSize);
    const tasks: UseBatchTask[] = ranges.map(([s, e]) => ({
      kind: "texts",
      ...this.model(),
      firstRow: s,
      texts: texts.slice(s, e),
    }));
    return { tasks, rows: ranges.map(([s, e]) => Array.from({ length: e - s }, (_, k) => s + k)), copies: [] };
  }

  private model() {
    return { packageDir: this.info.packageDir, weightsSha256: this.info.weightsSha256 };
  }
}
