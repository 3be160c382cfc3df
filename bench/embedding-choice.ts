// Which offline embedding? Compares LSA settings by the logistic regression's cross-validated
// average precision on the TRAINING split only (the test split is never read here).
// Run: npm run bench:embedding-choice
import { loadDataset } from "../lib/data/dataset";
import { DEFAULT_LSA_CONFIG, LsaConfig, LsaEmbedder } from "../lib/embeddings/lsa";
import { averagePrecision } from "../lib/metrics/curves";
import { LogisticRegression } from "../lib/models/logisticRegression";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE } from "../lib/paths";
import { groupsFromKeys } from "../lib/split/groups";
import { stratifiedGroupKFold } from "../lib/split/split";
import { applySplit, readSplitFile } from "../lib/split/splitFile";
import { takeRows } from "../lib/linalg/matrix";

async function main(): Promise<void> {
  const dataset = loadDataset(DEFAULT_DATA_FILE);
  const train = applySplit(dataset, readSplitFile(DEFAULT_SPLIT_FILE, dataset)).train;
  const y = train.map((r) => r.label);
  const groups = groupsFromKeys(train.map((r) => r.repeatKey));
  const folds = stratifiedGroupKFold(y, groups, 5, 42);
  const [word, char] = DEFAULT_LSA_CONFIG.blocks;
  const variants: Array<[string, LsaConfig]> = [
    ["word only, 256 dims", { ...DEFAULT_LSA_CONFIG, blocks: [word] }],
    ["char only, 256 dims", { ...DEFAULT_LSA_CONFIG, blocks: [char] }],
    ...[64, 128, 256, 384, 512].map((dimension): [string, LsaConfig] => [`word + char, ${dimension} dims`, { ...DEFAULT_LSA_CONFIG, dimension }]),
  ];
  console.log("LSA variant | mean CV average precision (best C) | explained variance | fit s");
  for (const [label, config] of variants) {
    // Within each CV fold the embedder is refitted on the fold's training rows, so no validation text shapes it.
    const t = Date.now();
    const foldEmbeddings = folds.map((f) => {
      const e = LsaEmbedder.fit(f.train.map((i) => train[i].message), config);
      return { e, X: e.transform(train.map((r) => r.message)) };
    });
    const fitSeconds = (Date.now() - t) / 1000 / folds.length;
    let best = { C: 0, ap: -1 };
    for (const C of [0.3, 1, 3, 10]) {
      const aps = folds.map((f, k) => {
        const X = foldEmbeddings[k].X;
        const model = new LogisticRegression({ C, classWeight: "balanced" }).fit(takeRows(X, f.train), f.train.map((i) => y[i]));
        const scores = model.predictProba(takeRows(X, f.validation));
        return averagePrecision(f.validation.map((i) => y[i]), Array.from(scores));
      });
      const ap = aps.reduce((a, b) => a + b, 0) / aps.length;
      if (ap > best.ap) best = { C, ap };
    }
    const ev = foldEmbeddings[0].e.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    console.log(`${label} | ${best.ap.toFixed(4)} (C=${best.C}) | ${(100 * ev).toFixed(1)}% | ${fitSeconds.toFixed(1)}`);
  }
}
main();
