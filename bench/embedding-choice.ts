// Which features? Compares representations by grouped 5-fold CV average precision on the TRAINING split only
// (the test split is never read), through lib/experiment/ablation.ts, the function notebook 01 shows (from a cache):
// every lexical step (TF-IDF vocabulary and idf, chi² selection, SVD) fitted inside each fold, the logistic
// regression's C picked from the experiment's grid by its rule inside the same folds, the MLP with the experiment's
// settings and its own early-stopping carve.
// Run: npm run bench:embedding-choice [-- --only logreg|mlp] [-- --write]
//   --write: compute notebook 01's candidates only and rewrite its cache (data/ablation-cache.json).
import { AblationCandidate, AblationRow, defaultAblationCandidates, featureAblation } from "../lib/experiment/ablation";
import { cachedAblation } from "../lib/experiment/ablationCache";
import { DEFAULT_CONFIG } from "../lib/experiment/config";
import { loadExperimentData } from "../lib/experiment/data";
import { featureSpec, LexicalStep } from "../lib/features/spec";
import { stratifiedGroupKFold } from "../lib/split/split";

const config = DEFAULT_CONFIG;

/** The other representations measured when the defaults were chosen (README, "Which features, by evidence"). */
function alternatives(): AblationCandidate[] {
  const spec = (lexical: LexicalStep | null, encoder = true) => featureSpec(encoder, lexical, config.seed);
  return [
    { model: "logreg", features: spec({ kind: "lsa", dimension: 128 }), role: "alternative" },
    { model: "logreg", features: spec({ kind: "chi2", k: 1000 }), role: "alternative" },
    { model: "logreg", features: spec({ kind: "lsa", dimension: 384 }, false), role: "alternative" },
    { model: "mlp", features: spec({ kind: "chi2", k: 2000 }), role: "alternative" },
    { model: "mlp", features: spec({ kind: "tfidf" }), role: "alternative" },
    { model: "mlp", features: spec({ kind: "lsa", dimension: 128 }), role: "alternative" },
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
  const { train } = loadExperimentData();
  const pos = train.y.reduce((a, b) => a + b, 0);
  console.log(
    `Training split: ${train.y.length} rows (${pos} positive), ${config.cvFolds} group-aware folds, seed ${config.seed}; ` +
      `logreg C from [${config.logreg.Cs}] by rule "${config.logreg.cRule}". Machine shared: compare seconds roughly.`,
  );
  console.log(
    "model | features | role | mean CV AP | sd over folds | setting chosen in CV | wall s | CPU s (all threads)",
  );
  let wall = Date.now();
  let cpu = process.cpuUsage();
  const print = (r: AblationRow) => {
    const setting = "C" in r.selected ? `C=${r.selected.C}` : `best epochs ${r.selected.bestEpochPerFold.join("/")}`;
    const cpuS = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    console.log(
      `${r.model} | ${r.features} | ${r.role} | ${r.mean.toFixed(3)} | ${r.sd.toFixed(3)} | ${setting} | ` +
        `${((Date.now() - wall) / 1000).toFixed(0)} | ${cpuS.toFixed(0)}`,
    );
    wall = Date.now();
    cpu = process.cpuUsage();
  };
  const keep = (c: AblationCandidate) => !only || c.model === only;
  if (args.includes("--write")) {
    const r = await cachedAblation(train, config, { refresh: true, run: { onCandidate: print } });
    console.log(`Wrote ${r.file}.`);
    return;
  }
  const folds = stratifiedGroupKFold(train.y, train.groups, config.cvFolds, config.seed);
  const candidates = [...defaultAblationCandidates(config), ...alternatives()].filter(keep);
  await featureAblation(train, folds, candidates, config, { onCandidate: print });
}
main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
