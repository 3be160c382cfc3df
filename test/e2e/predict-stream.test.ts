// predict --input on a real trained run: one output row per input row (unscorable rows kept with a reason),
// --strict, chunking that does not change a byte, --output that appears only when complete, and --resume after a
// real process is killed, byte-identical to an uninterrupted run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { encoderRecord } from "../../lib/embeddings/manifest";
import { makeConfig } from "../../lib/experiment/config";
import { loadExperimentData } from "../../lib/experiment/data";
import { disposeResult, runExperiment } from "../../lib/experiment/run";
import { readRun } from "../../lib/runs/store";
import { finishRun, startRun } from "../../lib/runs/write";
import { ROOT, tempDir } from "../helpers";

const dir = tempDir("safety-predict-");
const runsDir = path.join(dir, "runs");
const PREDICT = path.join(ROOT, "cli", "predict.ts");

/** One quick logreg run, then a baseline-only run after it (the quick run that used to break predict). */
const trained = (async () => {
  const data = loadExperimentData();
  const save = async (models: Array<"logreg" | "majority">) => {
    const config = makeConfig({ models, cvFolds: 2, logreg: { Cs: [1] }, bootstrap: { resamples: 0, level: 0.95 } });
    const result = await runExperiment(data, config, () => {}, { workers: 1 });
    const run = startRun(data, config, { runsDir });
    finishRun(run, result, { html: "<html></html>\n", encoder: encoderRecord(data.embeddings.manifest) });
    disposeResult(result);
    return readRun(run.dir);
  };
  const logreg = await save(["logreg"]);
  const majority = await save(["majority"]);
  return { logreg, majority };
})();

function predict(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", PREDICT, "--runs-dir", runsDir, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** predict, SIGKILLed the moment it pauses at `point`. */
function predictKilledAt(args: string[], point: string): Promise<{ paused: boolean; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", PREDICT, "--runs-dir", runsDir, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: "true", SAFETY_SIGNAL_PAUSE_AT: point },
    });
    let err = "";
    let paused = false;
    child.stdout.resume();
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
      if (!paused && err.includes(`paused at ${point}\n`)) {
        paused = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ paused, err }));
  });
}

const MESSAGES = [
  "Thanks Ana for reporting the phishing email and resetting passwords",
  "Great quarterly sales numbers team!",
  "Kudos to Sam for fixing the broken fire door latch",
  "Thanks for organising the team lunch",
  "Shout-out to Lee for spotting the frayed cable and taping off the area",
  "Welcome aboard, Kim!",
  "Thank you Raj for locking the server room after hours",
  "Congrats on the product launch",
];

/** n rows id,message,extra cycling through MESSAGES, with some rows that can't be scored. */
function writeInput(file: string, n: number): void {
  const lines = ["id,message,extra"];
  for (let i = 1; i <= n; i++) {
    const m = MESSAGES[i % MESSAGES.length];
    if (i % 11 === 0) lines.push(`r${i},   ,x`);
    else if (i % 13 === 0) lines.push(`r${i},"${m}, with a comma",x,surplus`);
    else lines.push(`r${i},"${m} (${i})",x`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

test("every input row gets one output row: blank, non-UTF-8 and malformed rows keep their place with a reason", async () => {
  await trained;
  const input = path.join(dir, "mixed.csv");
  const head = Buffer.from(
    'id,message\nm1,"Thanks Ana for reporting the phishing email"\nm2,\nm3,&nbsp; \nm4,"two\nlines about a fire drill"\nm5,a,b\nm6,caf',
  );
  // m6 holds a byte that is not UTF-8 (Latin-1 é); the file ends without a newline.
  fs.writeFileSync(input, Buffer.concat([head, Buffer.from([0xe9]), Buffer.from("\nm7,Great sales numbers")]));
  const r = predict(["--input", input]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split("\n");
  assert.equal(lines[0], "id,score,predicted,reason");
  assert.equal(lines.length - 1, 7, "7 rows in, 7 rows out");
  const rows = r.out
    .trim()
    .split(/\n(?=m\d)/)
    .slice(1);
  assert.match(rows[0], /^m1,0\.\d+,1,$/);
  assert.equal(rows[1], "m2,,,blank message");
  assert.equal(rows[2], "m3,,,blank message", "an entity-only message is blank");
  assert.match(rows[3], /^m4,0\.\d+,[01],$/);
  assert.equal(rows[4], "m5,,,unreadable: 3 fields where the header has 2");
  assert.equal(rows[5], "m6,,,unreadable: not valid UTF-8");
  assert.match(rows[6], /^m7,0\.\d+,0,$/);
  assert.match(
    r.err,
    /7 rows in, 7 rows out: 3 scored, 4 not scored \(2 blank message, 1 wrong number of fields, 1 not valid UTF-8/,
  );
  assert.match(r.err, /predict: run \S+ .*model logreg/);
});

test("--strict stops at the first row it can't score, naming the file and row; nothing is written", async () => {
  await trained;
  const input = path.join(dir, "strict.csv");
  writeInput(input, 20);
  const output = path.join(dir, "strict-out.csv");
  const r = predict(["--input", input, "--strict", "--output", output]);
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    new RegExp(
      `^error: ${input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: row 11 \\(line 12\\): column "message" is blank`,
      "m",
    ),
  );
  assert.doesNotMatch(r.err, /\n\s+at /);
  assert.equal(fs.existsSync(output), false);
  assert.equal(fs.existsSync(`${output}.partial`), false);
});

test("chunks change no byte: 3 rows at a time gives the output of one chunk", async () => {
  await trained;
  const input = path.join(dir, "chunks.csv");
  writeInput(input, 30);
  const whole = predict(["--input", input]);
  const small = predict(["--input", input, "--chunk-size", "3"]);
  assert.equal(whole.code, 0, whole.err);
  assert.equal(small.code, 0, small.err);
  assert.equal(small.out, whole.out);
  assert.equal(whole.out.trim().split("\n").length - 1, 30);
  assert.match(small.err, /predict: 0 \/ 30 rows \(0\.0%\), starting…/);
  assert.match(small.err, /predict: 30 \/ 30 rows \(100\.0%\), [\d.]+ rows\/s, about 0s left/);
});

test("--output appears only when complete; a killed job resumes to the very bytes of an uninterrupted one", async () => {
  await trained;
  const input = path.join(dir, "resume.csv");
  writeInput(input, 40);
  const args = (out: string) => ["--input", input, "--output", out, "--chunk-size", "5"];
  const reference = path.join(dir, "reference.csv");
  const full = predict(args(reference));
  assert.equal(full.code, 0, full.err);
  assert.equal(fs.readFileSync(reference, "utf8").trim().split("\n").length - 1, 40);

  // Killed after a chunk reached the file but before its checkpoint, and after a checkpoint.
  for (const point of ["predict-written:3", "predict-checkpoint:6"]) {
    const out = path.join(dir, `resumed-${point.replace(/\W/g, "-")}.csv`);
    const killed = await predictKilledAt(args(out), point);
    assert.ok(killed.paused, killed.err);
    assert.equal(fs.existsSync(out), false, `${point}: no file under the final name`);
    assert.ok(fs.existsSync(`${out}.partial`) && fs.existsSync(`${out}.partial.json`));

    const again = predict(args(out));
    assert.equal(again.code, 1, "without --resume an interrupted job is not overwritten");
    assert.match(again.err, /an interrupted predict left \d+ scored rows here: add --resume/);

    const resumed = predict([...args(out), "--resume"]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /predict: resuming after row (10|30) of 40/);
    assert.equal(fs.readFileSync(out, "utf8"), fs.readFileSync(reference, "utf8"), `${point}: same bytes`);
    assert.equal(fs.existsSync(`${out}.partial`) || fs.existsSync(`${out}.partial.json`), false);
  }
});

test("--resume refuses another job: the input changed since the interruption", async () => {
  await trained;
  const input = path.join(dir, "changed.csv");
  writeInput(input, 20);
  const out = path.join(dir, "changed-out.csv");
  const killed = await predictKilledAt(
    ["--input", input, "--output", out, "--chunk-size", "5"],
    "predict-checkpoint:2",
  );
  assert.ok(killed.paused, killed.err);
  fs.appendFileSync(input, "r99,one more row,x\n");
  const r = predict(["--input", input, "--output", out, "--chunk-size", "5", "--resume"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /--resume refused: this is not the same job \(the input differs/);
  const other = predict(["--input", input, "--output", out, "--chunk-size", "4", "--resume"]);
  assert.match(other.err, /--chunk-size was 5, now 4/);
});

test("a quick baseline-only run after a full one does not break predict: it uses the latest run that trained the model", async () => {
  const { logreg, majority } = await trained;
  const r = predict(["--text", "Thanks for the fire drill"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`predict: run ${logreg.id}`));
  const explicit = predict(["--text", "hi", "--run", majority.id]);
  assert.equal(explicit.code, 1);
  assert.match(explicit.err, new RegExp(`run ${majority.id} did not train logreg \\(it trained majority\\)`));
});

test("predict's usage mistakes exit 2 with the reason", async () => {
  await trained;
  const cases: Array<[string[], RegExp]> = [
    [["--input", "x.csv", "--resume"], /--resume needs --output FILE/],
    [["--text", "hi", "--output", "o.csv"], /--output goes with --input, not --text/],
    [["--text", "hi", "--input", "x.csv"], /give --input FILE\.csv or --text, not both/],
    [["--text", "hi", "--run", "nope"], /--run: no run "nope"/],
    [["--input", "x.csv", "--chunk-size", "0"], /--chunk-size must be at least 1/],
  ];
  for (const [args, re] of cases) {
    const r = predict(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, re);
  }
});
