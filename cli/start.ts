import { formatQualityReport } from "../lib/present/data";
import { makeConfig, MODEL_NAMES, ModelName } from "../lib/experiment/config";
import { loadExperimentData } from "../lib/experiment/data";
import { encoderRecord } from "../lib/embeddings/manifest";
import { savePipeline } from "../lib/experiment/pipeline";
import { parsePolicy } from "../lib/experiment/policyArg";
import { disposeResult, runExperiment } from "../lib/experiment/run";
import { operatingPointTransfer, TRANSFER_MARGIN } from "../lib/experiment/transfer";
import { describePolicy } from "../lib/metrics/threshold";
import { MODELS_DIR, projectRelative, REPORTS_DIR } from "../lib/paths";
import { reportHtml } from "../lib/report/html";
import { writeReports } from "../lib/report/outputs";
import { intervalsCaption, summaryTable, textTable, transferTable } from "../lib/present/summary";
import { intFlag, parseArgs, runCli, UsageError } from "./cli";
import { progressReporter } from "./progress";
import { setTfBackendLogger } from "../lib/models/tfBackend";

const USAGE =
  "usage: npm start -- [--seed 42] [--policy max-f1|recall-at-precision:P|precision-at-recall:R] [--models logreg,mlp,majority,keyword] [--resamples 1000] [--folds 5] [--Cs 0.1,0.3,1,3,10,30,100] [--final fold-ensemble|refit] [--workers N] [--out reports] [--models-dir models]";

runCli(USAGE, async () => {
  const { flags } = parseArgs(
    process.argv.slice(2),
    ["seed", "policy", "models", "resamples", "folds", "Cs", "final", "workers", "out", "models-dir", "help"],
    ["help"],
  );
  if (flags.help) return void console.log(USAGE);
  const started = Date.now();
  let policy;
  try {
    policy = typeof flags.policy === "string" ? parsePolicy(flags.policy) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const models = typeof flags.models === "string" ? (flags.models.split(",") as ModelName[]) : undefined;
  if (models?.some((m) => !MODEL_NAMES.includes(m)))
    throw new UsageError(`--models takes a comma list of ${MODEL_NAMES.join(", ")}`);
  const Cs = typeof flags.Cs === "string" ? flags.Cs.split(",").map(Number) : undefined;
  if (Cs?.some((C) => !(C > 0))) throw new UsageError(`--Cs takes a comma list of positive numbers, got ${flags.Cs}`);
  if (intFlag(flags, "folds", 5) < 2) throw new UsageError(`--folds must be at least 2, got ${flags.folds}`);
  const config = makeConfig({
    seed: intFlag(flags, "seed", 42),
    cvFolds: intFlag(flags, "folds", 5),
    ...(Cs ? { logreg: { Cs } } : {}),
    ...(policy ? { policy } : {}),
    ...(models ? { models } : {}),
    bootstrap: { resamples: intFlag(flags, "resamples", 1000), level: 0.95 },
    ...(typeof flags.final === "string" ? { finalModel: flags.final as "fold-ensemble" | "refit" } : {}),
  });
  const outDir = typeof flags.out === "string" ? flags.out : REPORTS_DIR;
  const modelsDir = typeof flags["models-dir"] === "string" ? flags["models-dir"] : MODELS_DIR;

  const data = loadExperimentData();
  console.log(formatQualityReport(data.dataset.report));
  console.log(
    `\nEmbeddings: ${data.embeddings.manifest.name} (${data.train.X.rows} train + ${data.test.X.rows} test rows, checked against data.csv and split.csv)`,
  );
  console.log(
    `Seed ${config.seed}; threshold policy: ${describePolicy(config.policy)}; models: ${config.models.join(", ")}\n`,
  );

  const bar = progressReporter();
  setTfBackendLogger(bar.log);
  const workers = typeof flags.workers === "string" ? intFlag(flags, "workers", 1) : undefined;
  const result = await runExperiment(data, config, bar.onProgress, { workers });
  bar.done();

  const files = writeReports(outDir, result, reportHtml(result, data.dataset.report));
  savePipeline(modelsDir, result, encoderRecord(data.embeddings.manifest));
  disposeResult(result);

  console.log(
    `\nTest split, once, at thresholds chosen on out-of-fold training scores (${intervalsCaption(result)}):\n`,
  );
  console.log(textTable(summaryTable(result)));
  const transfer = operatingPointTransfer(result);
  if (transfer.length) {
    console.log(
      `\nDoes the operating point transfer? (✓: test inside the out-of-fold 95% interval ± ${TRANSFER_MARGIN}; flagged share within 3 points)\n`,
    );
    console.log(textTable(transferTable(transfer)));
  }
  const warnings = result.models.flatMap((r) => r.warnings.map((w) => `${r.name}: ${w}`));
  if (warnings.length) console.log(`\nWarnings:\n${warnings.map((w) => `  - ${w}`).join("\n")}`);
  console.log(
    `\nWrote ${projectRelative(files.metrics)}, ${projectRelative(files.predictions)}, ${projectRelative(files.report)} and the fitted pipeline in ${projectRelative(modelsDir)}/ (${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
  console.log('Score new messages: npm run --silent predict -- --text "Thanks Sam for fixing the fire door"');
});
