// Usage mistakes, command by command (issue 19): each is one line on stderr naming the option and what it takes,
// exit status 2, no stack trace and nothing on stdout. Every case runs the real command in its own process.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ROOT } from "../helpers";

type Case = [args: string[], line: RegExp];

/** The table: for each command, bad arguments and the one line each must give. */
const MISTAKES: Record<string, Case[]> = {
  "start.ts": [
    [["--final", "bagging"], /--final takes fold-ensemble, refit; got "bagging"/],
    [["--resamples", "-3"], /--resamples must be an integer ≥ 0, got -3/],
    [["--resamples", "many"], /--resamples must be an integer, got "many"/],
    [["--seed", "1.5"], /--seed must be an integer, got "1\.5"/],
    [["--folds", "1"], /--folds must be an integer ≥ 2, got 1/],
    [["--Cs", "0.1,0"], /--Cs \(logreg\.Cs\[1\]\) must be a number > 0, got 0/],
    [["--Cs", "1,,3"], /--Cs takes a comma list without blanks, got "1,,3"/],
    [["--Cs", "a"], /--Cs takes numbers, got "a"/],
    [["--models", "logreg,svm"], /--models takes logreg, mlp, majority, keyword; got "svm"/],
    [["--models", "mlp,mlp"], /--models must name each model once/],
    [["--policy", "best"], /--policy "best" is not a policy \(use max-f1, recall-at-precision:P/],
    [
      ["--policy", "recall-at-precision:2"],
      /--policy "recall-at-precision:2": the minimum precision must be a number in \(0, 1\]/,
    ],
    [["--workers", "0"], /--workers must be an integer ≥ 1, got 0/],
    [["--seeds", "7"], /--seeds is not an option here \(options: --seed, --policy/],
    [["--seed"], /--seed needs a value/],
    [["--seed", "1", "--seed", "2"], /--seed is given twice/],
    [["fast"], /this command takes no bare arguments, got "fast"/],
    [["--help=yes"], /--help takes no value, got "yes"/],
  ],
  "embed.ts": [
    [["--method", "bert"], /--method takes use-lite, tfidf-lsa, mpnet; got "bert"/],
    [["--workers", "0"], /--workers must be an integer ≥ 1, got 0/],
    [["--batch-size", "0"], /--batch-size must be an integer ≥ 1, got 0/],
    [["--dim", "-1"], /--dim must be an integer ≥ 1, got -1/],
    [["--seed", "x"], /--seed must be an integer, got "x"/],
    [["--out"], /--out needs a value/],
    [["use-lite"], /takes no bare arguments, got "use-lite"/],
  ],
  "make-split.ts": [
    [["--test-fraction", "1.5"], /--test-fraction must be a number > 0 and < 1, got 1\.5/],
    [["--test-fraction", "0"], /--test-fraction must be a number > 0 and < 1, got 0/],
    [["--seed", "x"], /--seed must be an integer, got "x"/],
    [["--check=yes"], /--check takes no value, got "yes"/],
    [["--chek"], /--chek is not an option here/],
  ],
  "data-check.ts": [
    [["a.csv", "b.csv"], /takes at most 1 bare argument\(s\), got "a\.csv" "b\.csv"/],
    [["--jsn"], /--jsn is not an option here \(options: --json, --help\)/],
    [["--json=1"], /--json takes no value, got "1"/],
  ],
  "audit.ts": [
    [["--top", "0"], /--top must be an integer ≥ 1, got 0/],
    [["--folds", "1"], /--folds must be an integer ≥ 2, got 1/],
    [["--seed", "4.2"], /--seed must be an integer, got "4\.2"/],
    [["labels"], /takes no bare arguments, got "labels"/],
  ],
};

function run(script: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", script), ...args], { cwd: ROOT });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** At most `limit` processes at a time: the machine is shared, and each process costs about a second of CPU. */
function limited(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
const slot = limited(3);

// Every process is started up front (a few at a time); each command's test waits for its own.
const outcomes = Object.fromEntries(
  Object.entries(MISTAKES).map(([script, cases]) => [
    script,
    Promise.all(cases.map(([args]) => slot(() => run(script, args)))),
  ]),
);
const helps = Promise.all(Object.keys(MISTAKES).map((script) => slot(() => run(script, ["--help"]))));

for (const [script, cases] of Object.entries(MISTAKES)) {
  describe(`${script}: usage mistakes`, () => {
    test("each is one line naming the option and what is allowed, exit status 2, no stack trace", async () => {
      const results = await outcomes[script];
      results.forEach((r, k) => {
        const [args, line] = cases[k];
        const what = `${script} ${args.join(" ")}`;
        assert.equal(r.code, 2, `${what}: exit status (stderr: ${r.err})`);
        assert.equal(r.out, "", `${what}: nothing on stdout`);
        assert.match(r.err, /^error: [^\n]+\n$/, `${what}: exactly one line on stderr, got ${JSON.stringify(r.err)}`);
        assert.match(r.err, line, what);
        assert.doesNotMatch(r.err, /unexpected error|\n\s+at |ConfigError|UsageError/, `${what}: a bug's report`);
      });
    });
  });
}

test("--help prints the usage and exits 0", async () => {
  for (const r of await helps) {
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^usage: npm (start|run --silent [a-z:]+) --/);
  }
});
