// Saved formats are declared (zod) and checked on load: a corrupted field in each names the file and the field
// (ModelFileError), and a good file loads unchanged (checking it gives back the same bytes).
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ModelFileError } from "../lib/errors";
import { DEFAULT_MANIFEST_FILE } from "../lib/embeddings/store";
import { encoderRecord, readManifest } from "../lib/embeddings/manifest";
import { LsaEmbedder } from "../lib/embeddings/lsa";
import { loadPipeline, pipelineFileSchema } from "../lib/experiment/pipeline";
import { pipelineJsonSchema } from "../lib/features/formats";
import { LogregPipeline, MlpPipeline } from "../lib/features/pipelines";
import { featureSpec } from "../lib/features/spec";
import type { TextRows } from "../lib/features/featurizer";
import { keywordJsonSchema, KeywordClassifier, majorityJsonSchema, MajorityClassifier } from "../lib/models/baselines";
import { DEFAULT_MLP_OPTIONS } from "../lib/models/mlp";
import { checkSaved } from "../lib/util/savedJson";
import { gaussian, makeRng } from "../lib/util/random";
import { tempDir } from "./helpers";

// A small, quickly fitted pair of models on made-up rows: the formats are under test, not the models.
const n = 60;
const rng = makeRng(5);
const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
const X = { rows: n, cols: 4, data: Float32Array.from({ length: 4 * n }, (_, k) => gaussian(rng) + y[k >> 2]) };
const texts = y.map((v, i) => (v ? `thanks for fixing the fire door ${i}` : `thanks for the team lunch ${i}`));
const rows: TextRows = { texts, X };
const groups = y.map((_, i) => i);

type Json = ReturnType<typeof JSON.parse>;
const dir = tempDir("safety-formats-");
const files = {
  pipeline: path.join(dir, "pipeline.json"),
  logreg: path.join(dir, "logreg.json"),
  mlp: path.join(dir, "mlp.json"),
};
const good: Record<keyof typeof files, string> = { pipeline: "", logreg: "", mlp: "" };

const ready = (async () => {
  const lr = await new LogregPipeline(featureSpec(true, { kind: "chi2", k: 20 }), { C: 1 }).fit(rows, y);
  const mlp = await new MlpPipeline(featureSpec(true, { kind: "chi2", k: 20 }), {
    ...DEFAULT_MLP_OPTIONS,
    hiddenUnits: [4],
    maxEpochs: 2,
  }).fit(rows, y, groups);
  good.logreg = JSON.stringify({ kind: "fold-ensemble", members: [lr.toJSON(), lr.toJSON()] });
  good.mlp = JSON.stringify({ kind: "fold-ensemble", members: [mlp.toJSON()] });
  mlp.dispose();
  good.pipeline = JSON.stringify({
    formatVersion: 3,
    seed: 42,
    policy: { kind: "maxF1" },
    encoder: encoderRecord(readManifest(DEFAULT_MANIFEST_FILE)),
    models: { logreg: { threshold: 0.5, file: "logreg.json" }, mlp: { threshold: 0.4, file: "mlp.json" } },
  });
})();

/** Write the good files, with one of them changed by `edit`. */
function writeWith(which: keyof typeof files, edit: (j: Json) => void): void {
  for (const k of Object.keys(files) as Array<keyof typeof files>) fs.writeFileSync(files[k], good[k]);
  const j = JSON.parse(good[which]);
  edit(j);
  fs.writeFileSync(files[which], JSON.stringify(j));
}

/** Loading (and scoring with) the files must fail with a ModelFileError naming `file` and `field`. */
async function refused(file: string, field: string | undefined, detail: RegExp, model: "logreg" | "mlp" = "logreg") {
  await assert.rejects(
    async () => (await loadPipeline(dir)).score(model, rows),
    (e: unknown) => {
      assert.ok(e instanceof ModelFileError, String(e));
      assert.equal(e.subject.file, file);
      assert.equal(e.subject.field, field);
      assert.ok(e.message.startsWith(`${file}: ${field ?? ""}`), e.message);
      assert.match(e.message, detail);
      return true;
    },
  );
}

describe("the saved pipeline (models/)", () => {
  test("good files load and score; checking a file gives back the same bytes", async () => {
    await ready;
    writeWith("pipeline", () => {});
    const loaded = await loadPipeline(dir);
    for (const model of ["logreg", "mlp"] as const) {
      const { scores } = await loaded.score(model, rows);
      assert.equal(scores.length, n);
    }
    for (const k of ["logreg", "mlp"] as const)
      assert.equal(JSON.stringify(checkSaved(pipelineJsonSchema, JSON.parse(good[k]), files[k])), good[k]);
    assert.equal(
      JSON.stringify(checkSaved(pipelineFileSchema, JSON.parse(good.pipeline), files.pipeline)),
      good.pipeline,
    );
  });

  test("pipeline.json: each corrupted field is named", async () => {
    await ready;
    writeWith("pipeline", (j) => (j.formatVersion = 2));
    await refused(files.pipeline, "formatVersion", /is 2: saved by another version \(format 3 expected\)/);
    writeWith("pipeline", (j) => (j.models.logreg.threshold = "high"));
    await refused(files.pipeline, "models.logreg.threshold", /must be a finite number, got "high"/);
    writeWith("pipeline", (j) => (j.models.logreg.file = "../elsewhere.json"));
    await refused(files.pipeline, "models.logreg.file", /must be a \.json file name beside pipeline\.json/);
    writeWith("pipeline", (j) => (j.policy = { kind: "best" }));
    await refused(files.pipeline, "policy.kind", /must be one of "maxF1"/);
    writeWith("pipeline", (j) => (j.encoder.params.weightsSha256 = "e461"));
    await refused(files.pipeline, "encoder.params.weightsSha256", /must be a SHA-256 in hex, got "e461"/);
    writeWith("pipeline", (j) => (j.notes = "by hand"));
    await refused(files.pipeline, "notes", /is not a field \(known: formatVersion, seed, policy, encoder, models\)/);
    writeWith("pipeline", (j) => delete j.models.mlp);
    await refused(files.pipeline, "models.mlp", /is missing: model "mlp" was not trained in this run/, "mlp");
  });

  test("a file cut short, or missing, is named", async () => {
    await ready;
    writeWith("pipeline", () => {});
    fs.writeFileSync(files.logreg, good.logreg.slice(0, 1000));
    await refused(files.logreg, undefined, /not valid JSON .*corrupt or cut short/);
    fs.rmSync(files.logreg);
    await refused(files.logreg, undefined, /missing \(pipeline\.json names it\)/);
  });

  test("logreg.json: coefficients, the featurizer and the options are checked", async () => {
    await ready;
    writeWith("logreg", (j) => (j.members[1].model.coef[3] = "x"));
    await refused(files.logreg, "members[1].model.coef[3]", /must be a finite number, got "x"/);
    writeWith("logreg", (j) => j.members[0].features.blocks[0].idf.pop());
    await refused(files.logreg, "members[0].features.blocks[0].idf", /must hold one value per vocabulary term/);
    writeWith("logreg", (j) => delete j.members[0].features.columns);
    await refused(files.logreg, "members[0].features.columns", /is missing \(a chi2 step needs it\)/);
    writeWith("logreg", (j) => (j.members[0].model.options.C = 0));
    await refused(files.logreg, "members[0].model.options.C", /must be a number > 0, got 0/);
    writeWith("logreg", (j) => (j.members[0].kind = "svm-pipeline"));
    await refused(
      files.logreg,
      "members[0].kind",
      /must be one of "logreg-pipeline", "mlp-pipeline", got "svm-pipeline"/,
    );
    // A run folder whose pipeline.json lists the MLP's file for the logistic regression.
    writeWith("pipeline", (j) => (j.models.logreg.file = "mlp.json"));
    await refused(
      files.mlp,
      "members[0].kind",
      /must be "logreg-pipeline" \(pipeline\.json lists this file for logreg\)/,
    );
  });

  test("mlp.json: weights, their shapes and the options are checked", async () => {
    await ready;
    writeWith(
      "mlp",
      (j) => (j.members[0].model.weights[0].float32Base64 = j.members[0].model.weights[0].float32Base64.slice(8)),
    );
    await refused(
      files.mlp,
      "members[0].model.weights[0].float32Base64",
      /must hold \d+ float32 values \(shape \[/,
      "mlp",
    );
    writeWith("mlp", (j) => (j.members[0].model.weights[2].shape = [2, 2]));
    await refused(files.mlp, "members[0].model.weights[2].shape", /must be \[4,1\], got \[2,2\]/, "mlp");
    writeWith("mlp", (j) => (j.members[0].model.options.patience = 0));
    await refused(files.mlp, "members[0].model.options.patience", /must be an integer ≥ 1, got 0/, "mlp");
    writeWith("mlp", (j) => (j.members[0].model.fitInfo.history[0].valLoss = null));
    await refused(files.mlp, "members[0].model.fitInfo.history[0].valLoss", /must be a finite number, got null/, "mlp");
  });
});

describe("other saved formats", () => {
  test("the baselines' saved forms are declared", () => {
    const file = "majority.json";
    const majority = new MajorityClassifier().fit(rows, y).toJSON();
    assert.deepEqual(checkSaved(majorityJsonSchema, majority, file), majority);
    assert.throws(
      () => checkSaved(majorityJsonSchema, { ...majority, prior: 1.5 }, file),
      (e: unknown) =>
        e instanceof ModelFileError && e.subject.field === "prior" && /in \[0, 1\], got 1\.5/.test(e.message),
    );
    const keyword = new KeywordClassifier().fit(rows, y).toJSON();
    assert.deepEqual(checkSaved(keywordJsonSchema, keyword, "keyword.json"), keyword);
    assert.throws(
      () => checkSaved(keywordJsonSchema, { ...keyword, keywords: [] }, "keyword.json"),
      (e: unknown) => e instanceof ModelFileError && e.subject.field === "keywords",
    );
  });

  test("the embeddings manifest: each corrupted field is named", () => {
    const manifestDir = tempDir("safety-manifest-");
    const file = path.join(manifestDir, "embeddings.json");
    const original = JSON.parse(fs.readFileSync(DEFAULT_MANIFEST_FILE, "utf8"));
    const cases: Array<[(j: Json) => void, string, RegExp]> = [
      [(j) => (j.dimension = 0), "dimension", /must be an integer ≥ 1, got 0/],
      [(j) => (j.method = "bert"), "method", /must be one of "use-lite", "tfidf-lsa", "mpnet", got "bert"/],
      [(j) => j.files.train.ids.pop(), "files.train.ids", /must hold one entry per row/],
      [(j) => (j.files.test.npySha256 = "abc"), "files.test.npySha256", /must be a SHA-256 in hex, got "abc"/],
      [(j) => (j.files.test.file = "/etc/passwd"), "files.test.file", /must be a \.npy file name beside the manifest/],
      [(j) => (j.formatVersion = 2), "formatVersion", /must be 1, got 2/],
      [(j) => (j.params.batchSize = "64"), "params.batchSize", /must be an integer ≥ 1, got "64"/],
    ];
    for (const [edit, field, detail] of cases) {
      const j = structuredClone(original);
      edit(j);
      fs.writeFileSync(file, JSON.stringify(j));
      assert.throws(
        () => readManifest(file),
        (e: unknown) => {
          assert.ok(e instanceof ModelFileError, String(e));
          assert.equal(e.subject.field, field);
          assert.ok(e.message.startsWith(`${file}: ${field} `), e.message);
          assert.match(e.message, detail);
          return true;
        },
      );
    }
  });

  test("a saved LSA embedder: its metadata is checked on load", () => {
    const lsaDir = tempDir("safety-lsa-");
    const blocks = [{ analyzer: "word" as const, ngramRange: [1, 1] as [number, number], minDf: 1, maxFeatures: 100 }];
    LsaEmbedder.fit(texts, { dimension: 3, seed: 1, blocks, nIter: 2, oversample: 2 }).save(lsaDir);
    assert.equal(LsaEmbedder.load(lsaDir).dimension, 3);
    const meta = path.join(lsaDir, "lsa.json");
    const j = JSON.parse(fs.readFileSync(meta, "utf8"));
    fs.writeFileSync(meta, JSON.stringify({ ...j, config: { ...j.config, nIter: -1 } }));
    assert.throws(
      () => LsaEmbedder.load(lsaDir),
      (e: unknown) => e instanceof ModelFileError && e.subject.field === "config.nIter" && e.subject.file === meta,
    );
  });
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));
