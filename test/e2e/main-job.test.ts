// End to end: `npm start` (a quick configuration) writes a run folder (reports and pipeline); `predict` uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "../helpers";

const dir = tempDir("safety-main-");
const runsDir = path.join(dir, "runs");
const reports = path.join(runsDir, "latest");

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A quick configuration: the CLI plumbing is under test here; the protocol is tested in-process (experiment.test.ts).
const startArgs = ["--models", "logreg,majority,keyword", "--resamples", "100", "--folds", "3", "--Cs", "1,10"];
startArgs.push("--runs-dir", runsDir);
const runIds = () =>
  fs
    .readdirSync(runsDir)
    .filter((f) => /^\d{8}T/.test(f))
    .sort();

test("npm start writes a run folder (metrics.json, predictions.csv, report.html, pipeline); a run on one worker gives identical metrics.json in a new folder", () => {
  const first = run("start.ts", startArgs);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Test split, once/);
  const metrics1 = fs.readFileSync(path.join(reports, "metrics.json"), "utf8");
  const m = JSON.parse(metrics1);
  assert.equal(m.seed, 42);
  assert.equal(m.policy.kind, "maxF1");
  for (const name of ["logreg", "majority", "keyword"]) {
    const r = m.models[name];
    assert.equal(typeof r.threshold, "number");
    for (const part of ["test", "oof"]) {
      for (const k of ["precision", "recall", "f1", "averagePrecision", "rocAuc"]) {
        // An undefined ratio is null with its reason (the majority baseline flags nothing: no precision).
        if (r[part][k] === null) assert.equal(typeof r[part].undefinedMetrics[k], "string", `${name}.${part}.${k}`);
        else assert.equal(typeof r[part][k], "number", `${name}.${part}.${k}`);
      }
      for (const k of ["tp", "fp", "tn", "fn"]) assert.equal(typeof r[part].confusion[k], "number");
      assert.ok(
        "precision" in r[part].ci && "recall" in r[part].ci && "f1" in r[part].ci && "averagePrecision" in r[part].ci,
      );
    }
  }
  assert.doesNotMatch(metrics1, /NaN/);
  assert.equal(m.models.majority.test.precision, null, "the majority baseline's precision is null, not 0");
  assert.match(m.models.majority.test.undefinedMetrics.precision, /nothing was flagged/);
  const csv = fs.readFileSync(path.join(reports, "predictions.csv"), "utf8").split("\n");
  assert.equal(csv[0], "id,split,model,score,predicted,target");
  assert.equal(csv.length - 2, 3 * (m.data.trainRows + m.data.testRows));
  const html = fs.readFileSync(path.join(reports, "report.html"), "utf8");
  assert.match(html, /Plotly\.newPlot/);
  assert.match(html, /Threshold explorer: logreg<\/h2>/, "the report carries the interactive threshold explorer");
  assert.doesNotMatch(html, /<script[^>]+src=/, "no external scripts: the report works offline");

  const [firstId] = runIds();
  const firstFiles = fs.readdirSync(path.join(runsDir, firstId)).sort();
  const second = run("start.ts", [...startArgs, "--workers", "1"]);
  assert.equal(second.code, 0, second.err);
  const ids = runIds();
  assert.equal(ids.length, 2, "the second run has its own folder");
  assert.equal(fs.readlinkSync(reports), ids[1], "runs/latest points to the newer run");
  assert.equal(fs.readFileSync(path.join(runsDir, ids[1], "metrics.json"), "utf8"), metrics1);
  assert.deepEqual(fs.readdirSync(path.join(runsDir, firstId)).sort(), firstFiles);
  assert.equal(fs.readFileSync(path.join(runsDir, firstId, "metrics.json"), "utf8"), metrics1);
});

test("every number in metrics.json is recomputed from predictions.csv by scikit-learn", (t) => {
  const probe = spawnSync("/usr/bin/python3", ["-c", "import sklearn"]);
  if (probe.status !== 0) return t.skip("scikit-learn not installed for /usr/bin/python3: not checked");
  const r = spawnSync("/usr/bin/python3", [path.join(ROOT, "scripts", "verify_metrics.py"), reports], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /numbers agree with scikit-learn/);
});

test("predict scores a new CSV and a single --text with the saved pipeline", () => {
  const input = path.join(dir, "new.csv");
  fs.writeFileSync(
    input,
    'id,message\nn1,"Thanks Ana for reporting the phishing email and resetting passwords"\nn2,Great quarterly sales numbers team!\n',
  );
  const r = run("predict.ts", ["--input", input, "--runs-dir", runsDir]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`predict: run ${runIds().at(-1)}`), "names the run it used");
  const lines = r.out.trim().split("\n");
  assert.equal(lines[0], "id,score,predicted,reason");
  const [n1, n2] = lines.slice(1).map((l) => l.split(","));
  assert.equal(n1[0], "n1");
  assert.ok(Number(n1[1]) > Number(n2[1]), "the phishing message scores higher than the sales one");
  const one = run("predict.ts", ["--text", "Thanks for the fire drill", "--runs-dir", runsDir]);
  assert.equal(one.code, 0, one.err);
  assert.match(one.out, /^id,score,predicted,reason\ntext,[0-9.]+,[01],\n$/);
  const noId = path.join(dir, "noid.csv");
  fs.writeFileSync(noId, "text\nhello there\n");
  const rows = run("predict.ts", ["--input", noId, "--column", "text", "--runs-dir", runsDir]);
  assert.match(rows.out, /^row,score,predicted,reason\n1,/);
});

test("predict refuses what it cannot do, with one clear line", () => {
  const input = path.join(dir, "bad.csv");
  fs.writeFileSync(input, "id,message\nb1,hello\nb2,   \n");
  const cases: Array<[string[], RegExp]> = [
    [["--input", input, "--strict", "--runs-dir", runsDir], /bad\.csv: row 2 \(line 3\): column "message" is blank/],
    [["--input", input, "--column", "text", "--runs-dir", runsDir], /no column "text"/],
    [["--text", "  ", "--runs-dir", runsDir], /--text is blank/],
    [["--text", "hi", "--model", "mlp", "--runs-dir", runsDir], /no complete run trained mlp: run `npm start` first/],
    [
      ["--text", "hi", "--runs-dir", path.join(dir, "nowhere")],
      /no complete run trained logreg: run `npm start` first/,
    ],
    [["--text", "hi", "--model", "svm"], /--model must be logreg or mlp/],
  ];
  for (const [args, re] of cases) {
    const r = run("predict.ts", args);
    assert.notEqual(r.code, 0, args.join(" "));
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
  }
});
