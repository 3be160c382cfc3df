import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, RunNotFoundError } from "../lib/errors";
import { isBlank } from "../lib/data/text";
import { MIN_ROWS_FOR_WORKERS } from "../lib/embeddings/use/encoder";
import { PREDICT_MODELS, PredictModel } from "../lib/experiment/pipeline";
import { defaultWorkerCount } from "../lib/parallel/pool";
import { projectRelative, RUNS_DIR } from "../lib/paths";
import { utcTime } from "../lib/present/runs";
import { scoringSummaryText } from "../lib/present/scoring";
import { RUN_FILES, RunEntry } from "../lib/runs/layout";
import { latestCompleteRun, loadRunPipeline, requireComplete, resolveRun } from "../lib/runs/store";
import { surveyCsv } from "../lib/scoring/input";
import { fileSink, readCheckpoint, ScoringJob, streamSink } from "../lib/scoring/output";
import { csvLine, DEFAULT_CHUNK_SIZE, outputHeader, scoreCsv } from "../lib/scoring/scoreCsv";
import { intFlag, parseArgs, runCli, UsageError } from "./cli";
import { rowProgress } from "./rowProgress";
import { setTfBackendLogger } from "../lib/models/tfBackend";

const USAGE =
  "usage: npm run --silent predict -- (--input FILE.csv [--column message] [--output FILE [--resume]] [--strict]\n" +
  '                                     | --text "...") [--model logreg|mlp] [--run ID] [--runs-dir runs] [--workers N]\n' +
  "  Writes CSV (to stdout, or to --output FILE, which appears only once every row is in it): id (or row number),\n" +
  "  score, predicted (1 = about safety or security, at the model's chosen threshold), reason (why a row has no\n" +
  "  score: blank or unreadable; --strict stops there instead). Uses --run, else the latest complete run that\n" +
  "  trained the model, and names it on stderr. --resume continues an interrupted --output job.";

const FLAGS = ["input", "column", "text", "model", "run", "runs-dir", "output", "resume", "strict", "workers"];

function chooseRun(runsDir: string, model: PredictModel, ref: string | undefined): RunEntry & { record: object } {
  let run: RunEntry | null;
  try {
    run = ref ? resolveRun(runsDir, ref) : latestCompleteRun(runsDir, model);
  } catch (err) {
    if (err instanceof RunNotFoundError) throw new UsageError(`--run: ${err.message}`);
    throw err;
  }
  if (!run)
    throw new DataError(
      runsDir,
      `no complete run trained ${model}: run \`npm start\` first (it trains logreg and mlp and saves them in a run)`,
    );
  const done = requireComplete(run);
  if (!done.record.models.includes(model))
    throw new DataError(
      run.dir,
      `run ${run.id} did not train ${model} (it trained ${done.record.models.join(", ")}): choose another --run, or leave --run out`,
    );
  return done;
}

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(0);
});

runCli(USAGE, async () => {
  const { flags, positional } = parseArgs(
    process.argv.slice(2),
    [...FLAGS, "chunk-size", "help"],
    ["resume", "strict", "help"],
  );
  if (flags.help) return void console.log(USAGE);
  if (positional.length) throw new UsageError(`unexpected argument ${JSON.stringify(positional[0])}`);
  const model = (flags.model ?? "logreg") as PredictModel;
  if (!PREDICT_MODELS.includes(model))
    throw new UsageError(`--model must be ${PREDICT_MODELS.join(" or ")}, got ${JSON.stringify(flags.model)}`);
  const text = typeof flags.text === "string" ? flags.text : undefined;
  const input = typeof flags.input === "string" ? flags.input : undefined;
  if (text !== undefined && input !== undefined) throw new UsageError("give --input FILE.csv or --text, not both");
  if (text === undefined && input === undefined) throw new UsageError('give --input FILE.csv or --text "message"');
  if (text !== undefined) {
    const inputOnly = ["column", "output", "resume", "strict", "chunk-size"].find((f) => flags[f] !== undefined);
    if (inputOnly) throw new UsageError(`--${inputOnly} goes with --input, not --text`);
    if (isBlank(text)) throw new UsageError("--text is blank: give a message to score");
  }
  const output = typeof flags.output === "string" ? flags.output : undefined;
  if (output !== undefined && input !== undefined && path.resolve(output) === path.resolve(input))
    throw new UsageError("--output must not be the --input file (the input is read while the output is written)");
  if (output !== undefined && !fs.existsSync(path.dirname(path.resolve(output))))
    throw new UsageError(`--output: the folder ${path.dirname(output)} does not exist`);
  if (flags.resume && !output)
    throw new UsageError("--resume needs --output FILE (the file an interrupted run was writing)");
  const chunkSize = intFlag(flags, "chunk-size", DEFAULT_CHUNK_SIZE);
  if (chunkSize < 1) throw new UsageError(`--chunk-size must be at least 1, got ${chunkSize}`);
  const workersFlag = typeof flags.workers === "string" ? intFlag(flags, "workers", 1) : undefined;
  if (workersFlag !== undefined && workersFlag < 1)
    throw new UsageError(`--workers must be at least 1, got ${workersFlag}`);
  const runsDir = typeof flags["runs-dir"] === "string" ? flags["runs-dir"] : RUNS_DIR;

  // A resumed job keeps the run it started with (a newer run may have finished since).
  const checkpoint = flags.resume && output ? readCheckpoint(output) : null;
  const runRef = typeof flags.run === "string" ? flags.run : checkpoint?.job.run.id;
  const run = chooseRun(runsDir, model, runRef);
  const rec = requireComplete(run).record;
  process.stderr.write(
    `predict: run ${run.id} (${projectRelative(run.dir)}), model ${model}, seed ${rec.seed}, finished ${utcTime(rec.finished ?? "")}\n`,
  );
  const pipeline = await loadRunPipeline(run);
  try {
    if (text !== undefined) {
      const rows = await pipeline.embed([text]);
      const { scores, threshold } = await pipeline.score(model, rows);
      process.stdout.write(
        csvLine(["id", "score", "predicted", "reason"]) +
          csvLine(["text", Number(scores[0].toFixed(6)), scores[0] >= threshold ? 1 : 0, ""]),
      );
      return;
    }
    const file = input ?? "";
    const survey = await surveyCsv(
      file,
      typeof flags.column === "string" ? flags.column : "message",
      Boolean(flags.strict),
    );
    const files = rec.files ?? {};
    const job: ScoringJob = {
      formatVersion: 1,
      input: { file: path.resolve(file), bytes: survey.bytes, sha256: survey.sha256 },
      column: survey.columns.column,
      model,
      run: {
        id: run.id,
        pipelineSha256: [`${RUN_FILES.pipeline}/pipeline.json`, `${RUN_FILES.pipeline}/${model}.json`]
          .map((f) => files[f]?.sha256 ?? "")
          .join(":"),
      },
      chunkSize,
    };
    if (flags.resume && !checkpoint)
      process.stderr.write(
        `predict: nothing to resume for ${output} (no checkpoint beside it): scoring from the start\n`,
      );
    const header = outputHeader(survey);
    const sink = output ? fileSink(output, job, header, Boolean(flags.resume)) : streamSink(process.stdout, header);
    if (sink.startRows) process.stderr.write(`predict: resuming after row ${sink.startRows} of ${survey.rows}\n`);
    const bar = rowProgress();
    setTfBackendLogger(bar.log);
    const summary = await scoreCsv({
      survey,
      pipeline,
      model,
      sink,
      chunkSize,
      workers: workersFlag ?? (survey.rows >= MIN_ROWS_FOR_WORKERS ? defaultWorkerCount() : 1),
      onProgress: bar.onProgress,
    });
    bar.done();
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stderr.write(`${scoringSummaryText(summary, peakMb)}\n`);
    if (output) process.stderr.write(`predict: wrote ${output}\n`);
  } finally {
    pipeline.dispose();
  }
});
