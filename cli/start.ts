import { formatQualityReport } from "../lib/present/data";
import { ExperimentConfig, makeConfig, MODEL_NAMES } from "../lib/experiment/config";
import { loadExperimentData } from "../lib/experiment/data";
import { encoderRecord } from "../lib/embeddings/manifest";
import { parsePolicy } from "../lib/experiment/policyArg";
import { disposeResult, runExperiment } from "../lib/experiment/run";
import { operatingPointTransfer, TRANSFER_MARGIN } from "../lib/experiment/transfer";
import { describePolicy } from "../lib/metrics/threshold";
import { projectRelative, RUNS_DIR } from "../lib/paths";
import { reportHtml } from "../lib/report/html";
import { LATEST_LINK, RUN_FILES } from "../lib/runs/layout";
import { finishRun, startRun } from "../lib/runs/write";
import { intervalsCaption, summaryTable, textTable, transferTable } from "../lib/present/summary";
import {
  asOptionMistakes,
  choiceFlag,
  choiceItem,
  intFlag,
  listFlag,
  numberItem,
  ParsedArgs,
  parseArgs,
  runCli,
} from "./cli";
import { progressReporter } from "./progress";
import { initTfBackend, setTfBackendLogger } from "../lib/models/tfBackend";

const USAGE =
  "usage: npm start -- [--seed 42] [--policy max-f1|recall-at-precision:P|precision-at-recall:R] [--models logreg,mlp,majority,keyword] [--resamples 1000] [--folds 5] [--Cs 0.1,0.3,1,3,10,30,100] [--final fold-ensemble|refit] [--workers N] [--runs-dir runs]\n" +
  "  Each run writes its own folder runs/<UTC time>-<config hash>/; runs/latest points to the newest complete one.";

/** The configuration settings these options set: a ConfigError about one is reported as that option's mistake. */
const SETTING_OPTIONS = {
  seed: "--seed",
  cvFolds: "--folds",
  policy: "--policy",
  models: "--models",
  "bootstrap.resamples": "--resamples",
  "logreg.Cs": "--Cs",
  finalModel: "--final",
};

/** The options as a configuration: types are read here, ranges are the configuration schema's to check. */
function configFromFlags(flags: ParsedArgs["flags"]): ExperimentConfig {
  const Cs = listFlag(flags, "Cs", (c) => numberItem("--Cs", c));
  const resamples = intFlag(flags, "resamples", undefined);
  return asOptionMistakes(SETTING_OPTIONS, () =>
    makeConfig({
      seed: intFlag(flags, "seed", undefined),
      cvFolds: intFlag(flags, "folds", undefined),
      policy: typeof flags.policy === "string" ? parsePolicy(flags.policy) : undefined,
      models: listFlag(flags, "models", (m) => choiceItem("--models", m, MODEL_NAMES)),
      bootstrap: resamples === undefined ? undefined : { resamples },
      logreg: Cs && { Cs },
      finalModel: choiceFlag(flags, "final", ["fold-ensemble", "refit"]),
    }),
  );
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(
    process.argv.slice(2),
    ["seed", "policy", "models", "resamples", "folds", "Cs", "final", "workers", "runs-dir", "help"],
    ["help"],
    0,
  );
  if (flags.help) return void console.log(USAGE);
  const started = Date.now();
  const config = configFromFlags(flags);
  const workers = intFlag(flags, "workers", undefined, { min: 1 });
  const runsDir = typeof flags["runs-dir"] === "string" ? flags["runs-dir"] : RUNS_DIR;

  const data = loadExperimentData();
  const run = startRun(data, config, { runsDir });
  console.log(formatQualityReport(data.dataset.report));
  console.log(
    `\nEmbeddings: ${data.embeddings.manifest.name} (${data.train.X.rows} train + ${data.test.X.rows} test rows, checked against data.csv and split.csv)`,
  );
  console.log(
    `Seed ${config.seed}; threshold policy: ${describePolicy(config.policy)}; models: ${config.models.join(", ")}`,
  );
  console.log(`Run ${run.id}: writing to ${projectRelative(run.dir)}/\n`);

  const bar = progressReporter();
  setTfBackendLogger(bar.log);
  const experimentStart = Date.now();
  const result = await runExperiment(data, config, bar.onProgress, { workers });
  const experimentSeconds = (Date.now() - experimentStart) / 1000;
  bar.done();

  finishRun(run, result, {
    html: reportHtml(result, data.dataset.report),
    encoder: encoderRecord(data.embeddings.manifest),
    // The MLP's backend (chosen once per process, already logged); no model here uses TF.js otherwise.
    tfBackend: config.models.includes("mlp") ? await initTfBackend(bar.log) : null,
    experimentSeconds,
    log: (w) => console.error(`warning: ${w}`),
  });
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
  const where = projectRelative(run.dir);
  console.log(
    `\nWrote ${where}/: ${RUN_FILES.metrics}, ${RUN_FILES.predictions}, ${RUN_FILES.report}, ${RUN_FILES.pipeline}/ and ${RUN_FILES.record} (${((Date.now() - started) / 1000).toFixed(1)} s); ${projectRelative(runsDir)}/${LATEST_LINK} points to it.`,
  );
  console.log('Score new messages: npm run --silent predict -- --text "Thanks Sam for fixing the fire door"');
});
