// Where scored rows go. To stdout as they are done; or to a file that only appears, under its name, when every row is
// in it: rows go to FILE.partial, a checkpoint (FILE.partial.json) records after each chunk how many rows and bytes
// are safely on disk and which job they belong to, and --resume continues from there.
import { once } from "node:events";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { DataError } from "../data/errors";
import { fsyncDir, pausePoint, writeFileAtomic } from "../runs/atomic";
import { readJsonFile } from "../runs/record";
import { UnscorableCounts } from "./input";

/** What a partial output belongs to: resuming with anything else would mix two jobs in one file. */
export const ScoringJobSchema = z.object({
  formatVersion: z.literal(1),
  input: z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() }),
  column: z.string(),
  model: z.string(),
  run: z.object({ id: z.string(), pipelineSha256: z.string() }),
  /** Rows per chunk: a resumed job cuts the same chunks, so each row is scored among the same rows. */
  chunkSize: z.number().int().positive(),
});
export type ScoringJob = z.infer<typeof ScoringJobSchema>;

const CheckpointSchema = z.object({
  job: ScoringJobSchema,
  /** Input rows whose output rows are on disk, and the partial file's length in bytes after them. */
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  unscorable: z.object({ blank: z.number().int(), fields: z.number().int(), encoding: z.number().int() }),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export interface RowSink {
  /** Input rows already written before this session (a resumed job skips them). */
  readonly startRows: number;
  readonly startUnscorable: UnscorableCounts;
  write(text: string): Promise<void>;
  /** `rows` input rows are now written: make them durable. */
  checkpoint(rows: number, unscorable: UnscorableCounts): void;
  /** Every row is written. */
  commit(): void;
}

/** Rows to stdout (or any stream) as they are done, respecting backpressure. */
export function streamSink(stream: NodeJS.WritableStream, header: string): RowSink {
  let wroteHeader = false;
  return {
    startRows: 0,
    startUnscorable: { blank: 0, fields: 0, encoding: 0 },
    async write(text) {
      if (!wroteHeader) {
        wroteHeader = true;
        text = header + text;
      }
      if (!stream.write(text)) await once(stream, "drain");
    },
    checkpoint() {},
    commit() {
      if (!wroteHeader) stream.write(header);
    },
  };
}

export const partialPath = (file: string): string => `${file}.partial`;
export const checkpointPath = (file: string): string => `${file}.partial.json`;

function describeMismatch(saved: ScoringJob, now: ScoringJob): string[] {
  const out: string[] = [];
  if (saved.input.sha256 !== now.input.sha256 || saved.input.bytes !== now.input.bytes)
    out.push(
      `the input differs (${saved.input.file} had ${saved.input.bytes} bytes, sha256 ${saved.input.sha256.slice(0, 12)}…; ${now.input.file} has ${now.input.bytes} bytes, ${now.input.sha256.slice(0, 12)}…)`,
    );
  if (saved.column !== now.column) out.push(`--column was "${saved.column}", now "${now.column}"`);
  if (saved.model !== now.model) out.push(`--model was ${saved.model}, now ${now.model}`);
  if (saved.run.id !== now.run.id) out.push(`the run was ${saved.run.id}, now ${now.run.id}`);
  else if (saved.run.pipelineSha256 !== now.run.pipelineSha256) out.push(`run ${now.run.id}'s saved model changed`);
  if (saved.chunkSize !== now.chunkSize) out.push(`--chunk-size was ${saved.chunkSize}, now ${now.chunkSize}`);
  return out;
}

/** The checkpoint of an interrupted job writing `file`, if there is one. */
export function readCheckpoint(file: string): Checkpoint | null {
  const state = checkpointPath(file);
  if (!fs.existsSync(state)) return null;
  return readJsonFile(state, CheckpointSchema, "checkpoint of an interrupted predict");
}

/**
 * A safe output file. New job: refuses to start over an interrupted one (unless `resume`), writes the header and
 * a first checkpoint. Resume: checks the job is the same one, cuts the partial file back to the last checkpoint
 * (a row half-written when the process died goes), and carries on after the rows it holds.
 */
export function fileSink(file: string, job: ScoringJob, header: string, resume: boolean): RowSink {
  const partial = partialPath(file);
  const state = checkpointPath(file);
  const saved = readCheckpoint(file);
  if (saved && !resume)
    throw new DataError(
      partial,
      `an interrupted predict left ${saved.rows} scored rows here: add --resume to continue it, or delete ${path.basename(partial)} and ${path.basename(state)} to start over`,
    );
  if (saved) {
    const mismatch = describeMismatch(saved.job, job);
    if (mismatch.length)
      throw new DataError(state, `--resume refused: this is not the same job (${mismatch.join("; ")})`);
    if (!fs.existsSync(partial) || fs.statSync(partial).size < saved.bytes)
      throw new DataError(
        partial,
        `shorter than its checkpoint says (${saved.bytes} bytes): delete it and ${path.basename(state)} and start over`,
      );
  }
  const fd = fs.openSync(partial, saved ? "r+" : "w");
  let bytes = 0;
  const writeSync = (text: string) => {
    const buf = Buffer.from(text, "utf8");
    for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off, buf.length - off, bytes + off);
    bytes += buf.length;
  };
  const checkpoint = (rows: number, unscorable: UnscorableCounts) => {
    fs.fsyncSync(fd);
    const c: Checkpoint = { job, rows, bytes, unscorable };
    writeFileAtomic(state, JSON.stringify(c) + "\n");
  };
  if (saved) {
    fs.ftruncateSync(fd, saved.bytes);
    bytes = saved.bytes;
  } else {
    fs.ftruncateSync(fd, 0);
    writeSync(header);
    checkpoint(0, { blank: 0, fields: 0, encoding: 0 });
  }
  let chunks = 0;
  return {
    startRows: saved?.rows ?? 0,
    startUnscorable: saved?.unscorable ?? { blank: 0, fields: 0, encoding: 0 },
    async write(text) {
      writeSync(text);
      pausePoint(`predict-written:${++chunks}`);
    },
    checkpoint(rows, unscorable) {
      checkpoint(rows, unscorable);
      pausePoint(`predict-checkpoint:${chunks}`);
    },
    commit() {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      // The checkpoint goes first: killed between the two steps, the whole partial file is simply redone.
      fs.rmSync(state, { force: true });
      fs.renameSync(partial, file);
      fsyncDir(path.dirname(path.resolve(file)));
    },
  };
}
