// A real `npm start` killed (SIGKILL) at several points of writing its run: each time the killed run is either
// complete or plainly incomplete, every file under its final name is whole, older runs are untouched, and
// `predict` never loads from a run that is not complete.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isTempName, sha256File } from "../../lib/runs/atomic";
import { RunEntry } from "../../lib/runs/layout";
import { listRuns, readRun } from "../../lib/runs/store";
import { ROOT, tempDir } from "../helpers";

const runsDir = tempDir("safety-kill-");
const START = path.join(ROOT, "cli", "start.ts");
const quick = ["--resamples", "0", "--folds", "2", "--workers", "1", "--runs-dir", runsDir];
const BASELINES = ["--models", "majority,keyword", ...quick];
const LOGREG = ["--models", "logreg", "--Cs", "1", ...quick];

interface Started {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  paused: boolean;
}

/** Run `npm start`; with a point, SIGKILL it the moment it pauses there (SAFETY_SIGNAL_PAUSE_AT). */
function start(args: string[], point?: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, CI: "true", SAFETY_SIGNAL_PAUSE_AT: point ?? "" };
    const child = spawn(process.execPath, ["--import", "tsx", START, ...args], { cwd: ROOT, env });
    let stderr = "";
    let paused = false;
    child.stdout.resume();
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (point && !paused && stderr.includes(`paused at ${point}\n`)) {
        paused = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ pid: child.pid ?? -1, code, signal, stderr, paused }));
  });
}

/** Files under a run folder by relative path (temporary files listed apart). */
function filesOf(dir: string): { files: Record<string, string>; temps: string[] } {
  const files: Record<string, string> = {};
  const temps: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (isTempName(e.name)) temps.push(rel);
      else if (e.isDirectory()) walk(p);
      else files[rel] = sha256File(p);
    }
  };
  walk(dir);
  return { files, temps };
}

const runOfPid = (pid: number): RunEntry | undefined =>
  listRuns(runsDir).find((r) => {
    const rec = path.join(r.dir, "run.json");
    return fs.existsSync(rec) && JSON.parse(fs.readFileSync(rec, "utf8")).process.pid === pid;
  });

function predict(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "predict.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Run async jobs two at a time (the machine has two cores). */
async function twoAtATime<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await f(items[k]);
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

const BASELINE_POINTS = [
  "half-written:run.json",
  "run-started",
  "half-written:metrics.json",
  "before-rename:predictions.csv",
  "half-written:report.html",
  "before-rename:pipeline",
  "before-complete",
  "before-latest",
];
const LOGREG_POINTS = ["before-rename:pipeline", "before-complete"];

test("a run killed at any of 10 points is complete or marked incomplete, never half-written; older runs stay as they were", async () => {
  // Two complete runs first: the ones every killed run must leave alone, and the reference bytes of each file.
  const [refBaselines, refLogreg] = await twoAtATime([BASELINES, LOGREG], (args) => start(args));
  for (const r of [refBaselines, refLogreg]) assert.equal(r.code, 0, r.stderr);
  const reference = { baselines: runOfPid(refBaselines.pid), logreg: runOfPid(refLogreg.pid) };
  assert.ok(reference.baselines && reference.logreg);
  const before = { baselines: filesOf(reference.baselines.dir), logreg: filesOf(reference.logreg.dir) };

  const jobs = [
    ...BASELINE_POINTS.map((point) => ({ point, args: BASELINES, ref: before.baselines })),
    ...LOGREG_POINTS.map((point) => ({ point, args: LOGREG, ref: before.logreg })),
  ];
  const killed = await twoAtATime(jobs, async (job) => ({ ...job, started: await start(job.args, job.point) }));

  const incompleteLogreg: string[] = [];
  for (const { point, args, ref, started } of killed) {
    const what = `killed at ${point}`;
    assert.ok(started.paused, `${what}: the run reached the point (stderr: ${started.stderr})`);
    assert.equal(started.signal, "SIGKILL", what);
    const run = runOfPid(started.pid) ?? listRuns(runsDir).find((r) => r.status === "incomplete" && !r.record);
    assert.ok(run, `${what}: its folder is there`);
    const entry = readRun(run.dir);
    assert.equal(entry.status, point === "before-latest" ? "complete" : "incomplete", what);
    const { files } = filesOf(run.dir);
    for (const [file, hash] of Object.entries(files)) {
      if (file === "run.json") continue;
      if (file === "report.html") {
        // Its figure ids carry the process id: whole means it ends as the reference's does.
        assert.match(fs.readFileSync(path.join(run.dir, file), "utf8"), /<\/body><\/html>$/, `${what}: ${file}`);
        continue;
      }
      assert.equal(hash, ref.files[file], `${what}: ${file} is under its final name, so it must be whole`);
    }
    if (args === LOGREG && entry.status !== "complete") incompleteLogreg.push(entry.id);
    // The folder is removed so that the next check finds the next killed run by its pid alone.
    if (!entry.record) fs.rmSync(run.dir, { recursive: true });
  }
  assert.deepEqual(filesOf(reference.baselines.dir), before.baselines, "the older baseline run is untouched");
  assert.deepEqual(filesOf(reference.logreg.dir), before.logreg, "the older logreg run is untouched");

  // predict uses the one complete run that trained logreg, and refuses the killed ones by name.
  const used = predict(["--text", "Thanks for fixing the fire door", "--runs-dir", runsDir]);
  assert.equal(used.code, 0, used.err);
  assert.match(used.err, new RegExp(`predict: run ${reference.logreg.id}`));
  assert.equal(incompleteLogreg.length, LOGREG_POINTS.length);
  for (const id of incompleteLogreg) {
    const refused = predict(["--text", "hi", "--run", id, "--runs-dir", runsDir]);
    assert.equal(refused.code, 1, refused.err);
    assert.match(refused.err, new RegExp(`run ${id} is incomplete`));
    assert.doesNotMatch(refused.err, /\n\s+at /, "no stack trace");
  }
});
