// Score a CSV of messages of any length in fixed chunks: read a chunk, embed it with the encoder's batch API, score
// it, write its rows, checkpoint; memory holds one chunk. Rows that can't be scored keep their place with a reason.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { CsvRecord, csvField } from "../data/csv";
import { DataError } from "../data/errors";
import type { LoadedPipeline, PredictModel } from "../experiment/pipeline";
import { checkRow, InputSurvey, streamCsv, UnscorableCounts } from "./input";
import type { RowSink } from "./output";
import { rounded } from "../util/numberText";
import { InternalError } from "../errors";

/** Rows per chunk by default: ~5 s of encoder work on 2 cores, a few MB of memory. */
export const DEFAULT_CHUNK_SIZE = 256;

export const csvLine = (values: ReadonlyArray<string | number>): string => values.map(csvField).join(",") + "\n";

/** The output's columns: the input's id (or its row number), the score, the flag, and why a row has no score. */
export const outputHeader = (survey: Pick<InputSurvey, "columns">): string =>
  csvLine([survey.columns.id >= 0 ? "id" : "row", "score", "predicted", "reason"]);

export interface ScoringProgress {
  /** Input rows done, those of an earlier interrupted session included. */
  rowsDone: number;
  totalRows: number;
  /** Rows an earlier session had done (a resumed job starts there). */
  startRows: number;
  /** Seconds since this session started scoring. */
  elapsedSeconds: number;
}

export interface ScoringSummary {
  rows: number;
  scored: number;
  unscorable: UnscorableCounts;
  /** Rows kept from an interrupted session. */
  resumedRows: number;
  /** This session: rows scored and seconds. */
  sessionRows: number;
  seconds: number;
}

export interface ScoreCsvOptions {
  survey: InputSurvey;
  pipeline: LoadedPipeline;
  model: PredictModel;
  sink: RowSink;
  chunkSize?: number;
  /** Encoder worker threads (see UseLiteEncoder.embed); 1 embeds in this thread. */
  workers?: number;
  onProgress?: (p: ScoringProgress) => void;
}

/** One chunk's output rows, in input order, and the count of rows it could not score. */
async function scoreChunk(
  records: readonly CsvRecord[],
  o: ScoreCsvOptions,
  onEmbedded: (rows: number) => void,
): Promise<{ text: string; unscorable: UnscorableCounts }> {
  const checked = records.map((r) => checkRow(r, o.survey.columns));
  const texts = checked.flatMap((c) => (c.ok ? [c.text] : []));
  let scores: Float64Array = new Float64Array(0);
  let threshold = 0;
  if (texts.length) {
    const rows = await o.pipeline.embed(texts, {
      workers: o.workers,
      onProgress: (done, total) => onEmbedded(Math.round((done / total) * texts.length)),
    });
    ({ scores, threshold } = await o.pipeline.score(o.model, rows));
  }
  const unscorable: UnscorableCounts = { blank: 0, fields: 0, encoding: 0 };
  let k = 0;
  const lines = checked.map((c) => {
    if (!c.ok) {
      unscorable[c.kind]++;
      return csvLine([c.id, "", "", c.reason]);
    }
    const s = scores[k++];
    return csvLine([c.id, rounded(s, 6), s >= threshold ? 1 : 0, ""]);
  });
  return { text: lines.join(""), unscorable };
}

/**
 * Score every row of a surveyed CSV into `sink`, chunk by chunk. Chunks are cut at fixed row positions from the
 * first row, so a resumed job scores each row among the same rows as an uninterrupted one: same bytes.
 */
export async function scoreCsv(o: ScoreCsvOptions): Promise<ScoringSummary> {
  const { survey, sink } = o;
  const chunkSize = o.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (sink.startRows % chunkSize !== 0 && sink.startRows !== survey.rows)
    throw new InternalError(`a checkpoint at row ${sink.startRows} is not on a chunk boundary (${chunkSize} rows)`);
  const started = performance.now();
  const unscorable = { ...sink.startUnscorable };
  let done = sink.startRows;
  const progress = (rowsDone: number) =>
    o.onProgress?.({
      rowsDone,
      totalRows: survey.rows,
      startRows: sink.startRows,
      elapsedSeconds: (performance.now() - started) / 1000,
    });
  const flush = async (records: CsvRecord[]) => {
    const chunk = await scoreChunk(records, o, (embedded) => progress(done + embedded));
    await sink.write(chunk.text);
    done += records.length;
    for (const kind of Object.keys(unscorable) as Array<keyof UnscorableCounts>)
      unscorable[kind] += chunk.unscorable[kind];
    sink.checkpoint(done, unscorable);
    progress(done);
  };

  // The input is read again here; its hash must still be the one the survey (and a checkpoint) saw.
  const hash = createHash("sha256");
  let seen = 0;
  let pending: CsvRecord[] = [];
  progress(done);
  await streamCsv(
    survey.file,
    async (records) => {
      for (const r of records) {
        if (seen++ < sink.startRows) continue;
        pending.push(r);
        if (pending.length === chunkSize) {
          const chunk = pending;
          pending = [];
          await flush(chunk);
        }
      }
    },
    (bytes) => hash.update(bytes),
  );
  if (pending.length) await flush(pending);
  if (hash.digest("hex") !== survey.sha256 || seen !== survey.rows)
    throw new DataError(survey.file, "the file changed while it was being scored: nothing was completed; run again");
  sink.commit();
  const scored = survey.rows - Object.values(unscorable).reduce((a, b) => a + b, 0);
  return {
    rows: survey.rows,
    scored,
    unscorable,
    resumedRows: sink.startRows,
    sessionRows: survey.rows - sink.startRows,
    seconds: (performance.now() - started) / 1000,
  };
}
