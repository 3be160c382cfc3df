// Run folders: what a run writes, how runs are found, listed, compared and cleaned, and what is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pairedMetricDifferences } from "../../lib/analysis/compare";
import { encoderRecord } from "../../lib/embeddings/manifest";
import { makeConfig } from "../../lib/experiment/config";
import { ExperimentData, loadExperimentData } from "../../lib/experiment/data";
import { ExperimentResult, modelResult, runExperiment } from "../../lib/experiment/run";
import { metricsJson } from "../../lib/runs/outputs";
import { sha256File } from "../../lib/runs/atomic";
import { compareRuns } from "../../lib/runs/compare";
import { canonicalGroups } from "../../lib/runs/provenance";
import { RunRecordSchema } from "../../lib/runs/record";
import { saveRun } from "../../lib/report/saveRun";
import { DataError, RunNotFoundError } from "../../lib/errors";
import {
  latestCompleteRun,
  listRuns,
  loadRunPipeline,
  planClean,
  readRun,
  removeRuns,
  resolveRun,
} from "../../lib/runs/store";
import { finishRun, startRun } from "../../lib/runs/write";
import { ROOT, tempDir } from "../helpers";

const data = loadExperimentData();
// Baselines only: a run in well under a second, every file of a run folder still written.
const config = makeConfig({ models: ["majority", "keyword"], bootstrap: { resamples: 20, level: 0.95 }, cvFolds: 2 });
const otherKeywords = makeConfig({ ...config, keywords: ["fire", "door", "phishing", "password", "hazard"] });
const results = new Map<string, Promise<ExperimentResult>>();
const experiment = (c = config, d: ExperimentData = data) => {
  const key = JSON.stringify([c, d === data]);
  if (!results.has(key))
    results.set(
      key,
      runExperiment(d, c, () => {}, { workers: 1 }),
    );
  return results.get(key) as Promise<ExperimentResult>;
};
const finishOptions = { html: "<html>report</html>\n", encoder: encoderRecord(data.embeddings.manifest) };

/** Every file under a folder with its hash, for "nothing here changed". */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = sha256File(p);
    }
  };
  walk(dir);
  return out;
}

async function completeRun(runsDir: string, c = config, now = new Date()) {
  const run = startRun(data, c, { runsDir, now });
  finishRun(run, await experiment(c), finishOptions);
  return readRun(run.dir);
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

test("a run folder holds config, metrics, predictions, report, test rows, pipeline and a complete record with every file's hash", async () => {
  const runsDir = tempDir("safety-runs-");
  const run = await completeRun(runsDir);
  assert.match(run.id, /^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
  assert.equal(run.status, "complete");
  const files = snapshot(run.dir);
  for (const f of ["config.json", "metrics.json", "predictions.csv", "report.html", "test-rows.csv", "run.json"])
    assert.ok(files[f], `${f} written`);
  assert.ok(files[path.join("pipeline", "pipeline.json")]);
  const record = RunRecordSchema.parse(JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8")));
  assert.equal(record.complete, true);
  assert.deepEqual(record.models, ["majority", "keyword"]);
  assert.equal(record.testRows.count, data.test.ids.length);
  assert.equal(record.inputs.data.file, "data/data.csv");
  for (const [f, entry] of Object.entries(record.files ?? {}))
    assert.equal(entry.sha256, files[f.split("/").join(path.sep)], `${f}'s hash in run.json`);
  assert.equal(
    fs.readFileSync(path.join(run.dir, "metrics.json"), "utf8"),
    JSON.stringify(metricsJson(await experiment()), null, 2) + "\n",
    "metrics.json is exactly metricsJson: no timings or dates",
  );
  assert.equal(fs.readlinkSync(path.join(runsDir, "latest")), run.id);
  assert.deepEqual(
    fs.readdirSync(run.dir).filter((f) => f.startsWith(".")),
    [],
    "no temporary file is left behind",
  );
});

test("a second run never touches the first: same config in the same second gets its own folder (-2)", async () => {
  const runsDir = tempDir("safety-runs-");
  const now = new Date("2030-01-02T03:04:05Z");
  const first = await completeRun(runsDir, config, now);
  const before = snapshot(first.dir);
  const second = await completeRun(runsDir, config, now);
  assert.equal(second.id, `${first.id}-2`);
  assert.deepEqual(snapshot(first.dir), before);
  assert.equal(
    fs.readFileSync(path.join(second.dir, "metrics.json"), "utf8"),
    fs.readFileSync(path.join(first.dir, "metrics.json"), "utf8"),
  );
  assert.equal(fs.readlinkSync(path.join(runsDir, "latest")), second.id);
});

test("a run that has not written its complete record is running (its process lives) or incomplete (it died)", async () => {
  const runsDir = tempDir("safety-runs-");
  const open = startRun(data, config, { runsDir });
  assert.equal(readRun(open.dir).status, "running");
  const file = path.join(open.dir, "run.json");
  const record = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...record, process: { ...record.process, pid: deadPid() } }));
  assert.equal(readRun(open.dir).status, "incomplete");
  assert.equal(latestCompleteRun(runsDir), null);
  await assert.rejects(loadRunPipeline(readRun(open.dir)), /is incomplete \(it was interrupted/);
});

test("a broken run record is reported with its file and field, and the run is listed as unreadable", async () => {
  const runsDir = tempDir("safety-runs-");
  const run = await completeRun(runsDir);
  const file = path.join(run.dir, "run.json");
  const record = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...record, models: ["svm"], started: "yesterday" }));
  const [entry] = listRuns(runsDir);
  assert.equal(entry.status, "unreadable");
  assert.ok(entry.problem?.startsWith(file), entry.problem ?? "");
  assert.match(entry.problem ?? "", /field models\.0: Invalid enum value/);
  assert.match(entry.problem ?? "", /field started: Invalid datetime/);
  fs.writeFileSync(file, "{ not json");
  assert.match(readRun(run.dir).problem ?? "", /run\.json: not valid JSON/);
});

test("runs are found by id, unique prefix, path or 'latest'; unknown and ambiguous references are refused", async () => {
  const runsDir = tempDir("safety-runs-");
  const a = await completeRun(runsDir, config, new Date("2030-01-01T00:00:00Z"));
  const b = await completeRun(runsDir, otherKeywords, new Date("2030-01-01T00:00:01Z"));
  assert.equal(resolveRun(runsDir, a.id).id, a.id);
  assert.equal(resolveRun(runsDir, b.id.slice(0, 17) + b.id.slice(17, 20)).id, b.id);
  assert.equal(resolveRun(runsDir, "latest").id, b.id);
  assert.equal(resolveRun(runsDir, b.dir).id, b.id);
  assert.throws(
    () => resolveRun(runsDir, "2030"),
    (e: unknown) => e instanceof RunNotFoundError && /ambiguous/.test(e.message),
  );
  assert.throws(
    () => resolveRun(runsDir, "2029"),
    (e: unknown) => e instanceof RunNotFoundError && /no run "2029"/.test(e.message),
  );
  assert.equal(latestCompleteRun(runsDir, "logreg"), null, "no run trained logreg");
});

test("compare: settings that differ, and B − A with the paired bootstrap of analysis/compare on the same test rows", async () => {
  const runsDir = tempDir("safety-runs-");
  const a = await completeRun(runsDir, config, new Date("2030-01-01T00:00:00Z"));
  const b = await completeRun(runsDir, otherKeywords, new Date("2030-01-01T00:00:01Z"));
  const c = compareRuns(a, b, { resamples: 200 });
  assert.deepEqual(
    c.settings.map((s) => s.setting),
    ["keywords"],
  );
  const [ra, rb] = [await experiment(config), await experiment(otherKeywords)];
  const [ka, kb] = [modelResult(ra, "keyword"), modelResult(rb, "keyword")];
  const want = pairedMetricDifferences(
    ra.test.y,
    canonicalGroups(ra.test.groups),
    { scores: kb.scores.test, threshold: kb.threshold.threshold },
    { scores: ka.scores.test, threshold: ka.threshold.threshold },
    { seed: config.seed, resamples: 200, level: 0.95 },
  );
  const got = c.metrics.filter((m) => m.model === "keyword");
  assert.deepEqual(
    got.map((m) => m.difference),
    want.map((w) => w.difference),
  );
  assert.equal(got[0].a, ka.test.averagePrecision);
  assert.equal(got[0].b, kb.test.averagePrecision);
  assert.notEqual(got[0].difference?.estimate, 0, "the keyword lists score differently");
  const majority = c.metrics.filter((m) => m.model === "majority");
  assert.equal(majority[0].difference?.estimate, 0, "the same model in both runs differs by nothing");
});

test("compare refuses runs scored on other test rows, and incomplete runs", async () => {
  const runsDir = tempDir("safety-runs-");
  const a = await completeRun(runsDir);
  const changed: ExperimentData = { ...data, test: { ...data.test, texts: ["changed", ...data.test.texts.slice(1)] } };
  const run = startRun(changed, config, { runsDir });
  finishRun(run, await experiment(config, changed), finishOptions);
  assert.throws(
    () => compareRuns(a, readRun(run.dir)),
    /was scored on other test rows than run .*a paired comparison needs/,
  );
  const open = startRun(data, config, { runsDir });
  assert.throws(() => compareRuns(a, readRun(open.dir)), /is still running/);
});

test("compare: a score that is not a number is a DataError naming the file, row and column, never a NaN", async () => {
  const runsDir = tempDir("safety-runs-");
  const a = await completeRun(runsDir, config, new Date("2030-01-01T00:00:00Z"));
  const b = await completeRun(runsDir, config, new Date("2030-01-01T00:00:01Z"));
  // A file edited by hand, its recorded hash updated to match (else the hash check refuses it first).
  const file = path.join(b.dir, "predictions.csv");
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const row = lines.findIndex((l) => l.split(",")[1] === "test");
  const fields = lines[row].split(",");
  fields[3] = "n/a";
  lines[row] = fields.join(",");
  fs.writeFileSync(file, lines.join("\n"));
  const runJson = path.join(b.dir, "run.json");
  const record = JSON.parse(fs.readFileSync(runJson, "utf8"));
  record.files["predictions.csv"] = { sha256: sha256File(file), bytes: fs.statSync(file).size };
  fs.writeFileSync(runJson, JSON.stringify(record));
  assert.throws(
    () => compareRuns(a, readRun(b.dir)),
    (e: unknown) =>
      e instanceof DataError && new RegExp(`row ${row}, column "score": expected a number, got "n/a"`).test(e.message),
  );
});

test("clean --keep N keeps the N most recently finished complete runs and any running one; latest stays valid", async () => {
  const runsDir = tempDir("safety-runs-");
  const runs = [];
  for (let k = 0; k < 4; k++) runs.push(await completeRun(runsDir, config, new Date(Date.UTC(2030, 0, 1, 0, 0, k))));
  const dead = startRun(data, config, { runsDir, now: new Date("2030-01-01T00:01:00Z") });
  const record = JSON.parse(fs.readFileSync(path.join(dead.dir, "run.json"), "utf8"));
  fs.writeFileSync(
    path.join(dead.dir, "run.json"),
    JSON.stringify({ ...record, process: { ...record.process, pid: deadPid() } }),
  );
  const running = startRun(data, config, { runsDir, now: new Date("2030-01-01T00:02:00Z") });
  const plan = planClean(runsDir, 2);
  assert.deepEqual(plan.remove.map((r) => r.id).sort(), [runs[0].id, runs[1].id, dead.id].sort());
  assert.deepEqual(plan.keep.map((r) => r.id).sort(), [runs[2].id, runs[3].id, running.id].sort());
  assert.equal(removeRuns(runsDir, plan.remove), null);
  assert.deepEqual(
    listRuns(runsDir).map((r) => r.id),
    [runs[2].id, runs[3].id, running.id],
  );
  assert.equal(fs.readlinkSync(path.join(runsDir, "latest")), runs[3].id);
  assert.throws(() => planClean(runsDir, 0), /keep must be an integer ≥ 1/);
});

test("saveRun (a notebook's experiment) writes a run like npm start's, marked as saved by saveRun", async () => {
  const runsDir = tempDir("safety-runs-");
  const result = await experiment();
  const saved = await saveRun(result, data, { runsDir });
  assert.equal(saved.status, "complete");
  assert.equal(saved.record?.savedBy, "saveRun");
  assert.equal(
    fs.readFileSync(path.join(saved.dir, "metrics.json"), "utf8"),
    JSON.stringify(metricsJson(result), null, 2) + "\n",
  );
  assert.match(fs.readFileSync(path.join(saved.dir, "report.html"), "utf8"), /Plotly\.newPlot/);
});

test("npm run runs: lists, compares and cleans from the command line; usage mistakes exit 2", async () => {
  const runsDir = tempDir("safety-runs-");
  const cli = (...args: string[]) => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "cli", "runs.ts"), ...args, "--runs-dir", runsDir],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  assert.match(cli().out, /No runs in .* yet: `npm start` makes one/);
  const a = await completeRun(runsDir, config, new Date("2030-01-01T00:00:00Z"));
  const b = await completeRun(runsDir, otherKeywords, new Date("2030-01-01T00:00:01Z"));
  const list = cli("list");
  assert.equal(list.code, 0, list.err);
  assert.match(list.out, new RegExp(`${a.id}\\s+complete\\s+2030-01-01 00:00:00 UTC\\s+42\\s+maximize F1\\s+majority`));
  assert.match(list.out, new RegExp(`${b.id}\\s+complete, latest`));
  assert.match(list.out, /\s+keyword\s+baseline\s+0\.5000\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}/);
  const compare = cli("compare", a.id, "latest", "--resamples", "50");
  assert.equal(compare.code, 0, compare.err);
  assert.match(compare.out, /Settings that differ:[\s\S]*keywords\s+\["/);
  assert.match(compare.out, /paired on the same \d+ test rows/);
  assert.match(compare.out, /keyword\s+average precision\s+0\.\d{3}\s+0\.\d{3}\s+[+-]\d\.\d{3}\s+\[/);
  const dry = cli("clean", "--keep", "1", "--dry-run");
  assert.match(dry.out, new RegExp(`Would remove ${a.id} \\(complete\\)\\nWould remove 1 run\\(s\\); kept 1\\.`));
  assert.equal(listRuns(runsDir).length, 2, "a dry run removes nothing");
  for (const [args, re] of [
    [["compare", a.id], /compare takes two runs, got 1/],
    [["clean"], /clean needs --keep N/],
    [["clean", "--keep", "0"], /--keep must be at least 1/],
    [["list", "--keep", "2"], /list takes no --keep/],
    [["show"], /unknown command "show"/],
    [["compare", a.id, "nope"], /no run "nope"/],
  ] as Array<[string[], RegExp]>) {
    const r = cli(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, re);
  }
});
