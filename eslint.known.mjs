// What `npm run lint` found in files other engineers own when it was added (issue 20), switched off there file by
// file so the lint passes today. Each line is a finding to fix; remove its entry when the file is clean.
const off = (files, ...rules) => ({ files, rules: Object.fromEntries(rules.map((r) => [r, "off"])) });

export const KNOWN_FINDINGS = [
  // `main()` at the top level: a rejection is unhandled (1 each).
  off(
    ["bench/embed.ts", "bench/embedding-choice.ts", "bench/experiment.ts", "bench/transfer.ts"],
    "@typescript-eslint/no-floating-promises",
  ),
  // `cond ? a++ : b++` as a statement (2 each).
  off(["lib/analysis/errors.ts", "lib/labels/estimate.ts"], "@typescript-eslint/no-unused-expressions"),
  // A disable comment for a rule that no longer exists (no-var-requires).
  { files: ["lib/notebook/frames.ts"], linterOptions: { reportUnusedDisableDirectives: "off" } },
  // `any` in tests and tools: plots 11, threshold-explorer 8, notebooks 7, live-check 6, render-check 5,
  // notebook-outputs.check 4, metrics 3, embeddings 1, labels-evidence 1, present 1, tools/notebooks 1.
  off(
    [
      "test/plots.test.ts",
      "test/threshold-explorer.test.ts",
      "test/notebooks.test.ts",
      "test/notebook-outputs.check.ts",
      "test/metrics.test.ts",
      "test/embeddings.test.ts",
      "test/labels-evidence.test.ts",
      "test/present.test.ts",
      "tools/live-check.ts",
      "tools/render-check.ts",
      "tools/notebooks.ts",
    ],
    "@typescript-eslint/no-explicit-any",
  ),
  // Casts that change nothing: present 3, estimator-contract 1.
  off(["test/present.test.ts", "test/estimator-contract.test.ts"], "@typescript-eslint/no-unnecessary-type-assertion"),
];
