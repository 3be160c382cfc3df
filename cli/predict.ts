import * as fs from "node:fs";
import { parseCsv } from "../lib/data/csv";
import { DataError } from "../lib/data/errors";
import { decodeHtmlEntities, isBlank } from "../lib/data/text";
import { loadPipeline, PREDICT_MODELS, PredictModel } from "../lib/experiment/pipeline";
import { toCsv } from "../lib/data/csv";
import { MODELS_DIR } from "../lib/paths";
import { parseArgs, runCli, UsageError } from "./cli";

const USAGE =
  'usage: npm run --silent predict -- (--input FILE.csv [--column message] | --text "...") [--model logreg|mlp] [--models-dir models]\n' +
  "  Writes CSV to stdout: id (or row number), score, predicted (1 = about safety or security, at the model's chosen threshold).";

/** Rows to score: ids and texts, from a CSV column or one --text. */
function readInput(flags: Record<string, string | true>): { idHeader: string; ids: string[]; texts: string[] } {
  if (typeof flags.text === "string") {
    if (isBlank(flags.text)) throw new UsageError("--text is blank: give a message to score");
    return { idHeader: "id", ids: ["text"], texts: [flags.text] };
  }
  if (typeof flags.input !== "string") throw new UsageError('give --input FILE.csv or --text "message"');
  const file = flags.input;
  if (!fs.existsSync(file)) throw new DataError(file, "file not found");
  const table = parseCsv(fs.readFileSync(file, "utf8"), file);
  const column = typeof flags.column === "string" ? flags.column : "message";
  const col = table.header.indexOf(column);
  if (col < 0)
    throw new DataError(
      file,
      `no column "${column}" (header has: ${table.header.join(", ")}); choose one with --column`,
    );
  const idCol = table.header.indexOf("id");
  const blank = table.records.filter((r) => isBlank(decodeHtmlEntities(r.fields[col]))).map((r) => r.row);
  if (blank.length)
    throw new DataError(
      file,
      `column "${column}" is blank in row(s) ${blank.slice(0, 10).join(", ")}${blank.length > 10 ? ` and ${blank.length - 10} more` : ""}: nothing to score there (remove those rows)`,
    );
  if (table.records.length === 0) throw new DataError(file, "no rows to score");
  return {
    idHeader: idCol >= 0 ? "id" : "row",
    ids: table.records.map((r) => (idCol >= 0 ? r.fields[idCol] : String(r.row))),
    texts: table.records.map((r) => decodeHtmlEntities(r.fields[col])),
  };
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(
    process.argv.slice(2),
    ["input", "column", "text", "model", "models-dir", "help"],
    ["help"],
  );
  if (flags.help) return void console.log(USAGE);
  const model = (flags.model ?? "logreg") as PredictModel;
  if (!PREDICT_MODELS.includes(model))
    throw new UsageError(`--model must be ${PREDICT_MODELS.join(" or ")}, got ${JSON.stringify(flags.model)}`);
  const { idHeader, ids, texts } = readInput(flags);
  const pipeline = await loadPipeline(typeof flags["models-dir"] === "string" ? flags["models-dir"] : MODELS_DIR);
  const rows = await pipeline.embed(texts);
  const { scores, threshold } = await pipeline.score(model, rows);
  process.stdout.write(
    toCsv(
      [idHeader, "score", "predicted"],
      ids.map((id, i) => [id, Number(scores[i].toFixed(6)), scores[i] >= threshold ? 1 : 0]),
    ),
  );
});
