import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../lib/data/dataset";
import { DataError } from "../lib/data/errors";
import { charWbNgrams, words } from "../lib/embeddings/tokenize";
import { fitTfidfBlock, tfidfTransform } from "../lib/embeddings/tfidf";
import { randomizedSvd } from "../lib/embeddings/svd";
import { DEFAULT_LSA_CONFIG, LsaEmbedder } from "../lib/embeddings/lsa";
import { readNpyMatrix, writeNpyMatrix } from "../lib/embeddings/npy";
import { computeEmbeddings, loadEmbeddings, writeEmbeddings, DEFAULT_MANIFEST_FILE } from "../lib/embeddings/store";
import { readManifest, sha256 } from "../lib/embeddings/manifest";
import { applySplit, readSplitFile } from "../lib/split/splitFile";
import { DEFAULT_DATA_FILE, DEFAULT_SPLIT_FILE } from "../lib/paths";
import { fixture, tempDir } from "./helpers";

const dataset = loadDataset(DEFAULT_DATA_FILE);
const split = applySplit(dataset, readSplitFile(DEFAULT_SPLIT_FILE, dataset));

describe("TF-IDF and LSA", () => {
  test("tokenizers: words keep inner apostrophes; char_wb pads words like scikit-learn", () => {
    assert.deepEqual(words("Thanks, Priya's team — don't stop! 24/7"), [
      "thanks",
      "priya's",
      "team",
      "don't",
      "stop",
      "24",
      "7",
    ]);
    assert.deepEqual(charWbNgrams("ab", 3, 5), [" ab", "ab ", " ab "]);
    assert.deepEqual(charWbNgrams("a", 3, 5), [" a "]);
  });

  /** scripts/make_fixtures.py's TF-IDF and SVD reference: per block, the vocabulary, idf and non-zeros (COO). */
  interface TfidfFixture {
    texts: string[];
    singularValues: number[];
    blocks: Array<{
      analyzer: "word" | "char_wb";
      ngramRange: [number, number];
      minDf: number;
      vocabulary: string[];
      idf: number[];
      values: number[];
      rows: number[];
      cols: number[];
    }>;
  }
  const ref = JSON.parse(fs.readFileSync(fixture("sklearn", "tfidf_lsa.json"), "utf8")) as TfidfFixture;

  test("TF-IDF blocks equal scikit-learn's TfidfVectorizer (vocabulary, idf, values to 1e-10)", () => {
    for (const b of ref.blocks) {
      const config = { analyzer: b.analyzer, ngramRange: b.ngramRange, minDf: b.minDf, maxFeatures: 1e9 } as const;
      const block = fitTfidfBlock(ref.texts, { ...config, ngramRange: [b.ngramRange[0], b.ngramRange[1]] });
      assert.deepEqual(block.vocabulary, b.vocabulary, `${b.analyzer} vocabulary`);
      block.idf.forEach((v, i) => assert.ok(Math.abs(v - b.idf[i]) < 1e-10, `idf ${block.vocabulary[i]}`));
      const m = tfidfTransform([block], ref.texts);
      const dense = new Map<string, number>();
      for (let i = 0; i < m.rows; i++)
        for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) dense.set(`${i},${m.indices[p]}`, m.values[p]);
      assert.equal(dense.size, b.values.length, `${b.analyzer} non-zeros`);
      b.values.forEach((v: number, k: number) => {
        const ours = dense.get(`${b.rows[k]},${b.cols[k]}`) ?? 0;
        assert.ok(Math.abs(ours - v) < 1e-10, `${b.analyzer} value at (${b.rows[k]}, ${b.cols[k]}): ${ours} vs ${v}`);
      });
    }
  });

  test("randomized SVD finds numpy's exact leading singular values", () => {
    const blocks = ref.blocks.map((b) =>
      fitTfidfBlock(ref.texts, {
        analyzer: b.analyzer,
        ngramRange: [b.ngramRange[0], b.ngramRange[1]],
        minDf: b.minDf,
        maxFeatures: 1e9,
      }),
    );
    const a = tfidfTransform(blocks, ref.texts);
    const k = 20;
    const svd = randomizedSvd(a, k, 1, 30, 20); // flat spectrum on 80 texts: many power iterations to converge
    for (let c = 0; c < k; c++) {
      const rel = Math.abs(svd.singularValues[c] - ref.singularValues[c]) / ref.singularValues[c];
      assert.ok(rel < 1e-8, `σ${c}: ${svd.singularValues[c]} vs ${ref.singularValues[c]}`);
    }
  });

  test("LSA is fitted on training texts only: changing the test texts changes no training embedding", async () => {
    const config = { ...DEFAULT_LSA_CONFIG, dimension: 32 };
    const small = { train: split.train.slice(0, 400), test: split.test.slice(0, 50) };
    const a = await computeEmbeddings(small, "tfidf-lsa", config);
    const altered = {
      train: small.train,
      test: small.test.map((r) => ({ ...r, message: "fire drill evacuation safety " + r.message })),
    };
    const b = await computeEmbeddings(altered, "tfidf-lsa", config);
    assert.deepEqual(a.train.data, b.train.data);
    assert.notDeepEqual(a.test.data, b.test.data);
  });

  test("LSA rows are unit length, a new text embeds, and a saved embedder reloads to identical vectors", () => {
    const texts = split.train.slice(0, 300).map((r) => r.message);
    const e = LsaEmbedder.fit(texts, { ...DEFAULT_LSA_CONFIG, dimension: 16 });
    const m = e.transform(["Thanks Priya for reporting the phishing email", "zzzz qqqq"]);
    const norm = Math.hypot(...m.data.subarray(0, 16));
    assert.ok(Math.abs(norm - 1) < 1e-5);
    assert.deepEqual(Array.from(m.data.subarray(16)), Array(16).fill(0), "a text of unknown terms embeds as zeros");
    const dir = tempDir();
    e.save(dir);
    assert.deepEqual(LsaEmbedder.load(dir).transform(texts.slice(0, 5)).data, e.transform(texts.slice(0, 5)).data);
  });
});

describe("the committed embeddings", () => {
  test("`npm run embed` output is byte-identical when regenerated from the same data, split and seed", async (t) => {
    const manifest = readManifest(DEFAULT_MANIFEST_FILE);
    // The encoder's committed vectors are re-embedded, sampled, in test/use-lite.test.ts.
    if (manifest.method !== "tfidf-lsa") return t.skip(`the committed embeddings are ${manifest.method}`);
    const regenerated = await computeEmbeddings(split, "tfidf-lsa", manifest.params);
    const dir = tempDir();
    writeEmbeddings(regenerated, path.join(dir, "embeddings.json"));
    for (const part of ["train", "test"] as const) {
      const committed: Buffer = fs.readFileSync(
        path.join(path.dirname(DEFAULT_MANIFEST_FILE), manifest.files[part].file),
      );
      assert.equal(
        sha256(fs.readFileSync(path.join(dir, manifest.files[part].file))),
        sha256(committed),
        `${part} .npy differs`,
      );
    }
    assert.equal(
      fs.readFileSync(path.join(dir, "embeddings.json"), "utf8"),
      fs.readFileSync(DEFAULT_MANIFEST_FILE, "utf8"),
    );
  });

  test("the committed embeddings load and line up with the split; the manifest names the method honestly", () => {
    const emb = loadEmbeddings(split);
    assert.equal(emb.train.rows, split.train.length);
    assert.equal(emb.test.rows, split.test.length);
    assert.doesNotMatch(JSON.stringify(emb.manifest.name), /mpnet/i);
    if (emb.manifest.method === "use-lite") {
      assert.match(emb.manifest.name, /^Universal Sentence Encoder lite/);
      assert.equal(emb.manifest.fittedOn, "pretrained");
      return;
    }
    assert.equal(emb.manifest.method, "tfidf-lsa");
    assert.match(emb.manifest.name, /TF-IDF.*truncated SVD \(LSA\)/);
    assert.equal(emb.manifest.fittedOn, "train");
  });

  function expectEmbeddingError(split2: typeof split, re: RegExp, manifestFile = DEFAULT_MANIFEST_FILE) {
    assert.throws(
      () => loadEmbeddings(split2, manifestFile),
      (e: unknown) => {
        assert.ok(e instanceof DataError, String(e));
        assert.match(e.message, re);
        return true;
      },
    );
  }

  test("misaligned embeddings are refused with what changed: rows, order, text", () => {
    const swapped = [...split.train];
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expectEmbeddingError(
      { ...split, train: swapped },
      /embeddings\.json: train embeddings are in another row order: row 3/,
    );
    expectEmbeddingError(
      { ...split, test: split.test.slice(1) },
      /test embeddings are for other rows: 1 embedded row\(s\) are no longer in test/,
    );
    expectEmbeddingError(
      { ...split, train: [...split.train, split.test[0]] },
      /1 row\(s\) now in train have no embedding/,
    );
    const edited = split.test.map((r, i) => (i === 7 ? { ...r, message: r.message + " (edited)" } : r));
    expectEmbeddingError({ ...split, test: edited }, new RegExp(`message changed for ${split.test[7].id}`));
  });

  test("a .npy replaced behind the manifest's back, or of the wrong shape, is refused", () => {
    const dir = tempDir();
    const manifestFile = path.join(dir, "embeddings.json");
    fs.copyFileSync(DEFAULT_MANIFEST_FILE, manifestFile);
    const manifest = readManifest(manifestFile);
    const train = readNpyMatrix(path.join(path.dirname(DEFAULT_MANIFEST_FILE), manifest.files.train.file));
    train.data[0] += 0.5;
    writeNpyMatrix(path.join(dir, manifest.files.train.file), train);
    fs.copyFileSync(
      path.join(path.dirname(DEFAULT_MANIFEST_FILE), manifest.files.test.file),
      path.join(dir, manifest.files.test.file),
    );
    expectEmbeddingError(split, /train_embs\.npy: contents differ/, manifestFile);
    writeNpyMatrix(path.join(dir, manifest.files.train.file), {
      rows: train.rows,
      cols: 10,
      data: new Float32Array(train.rows * 10),
    });
    expectEmbeddingError(
      split,
      new RegExp(`train_embs\\.npy: expected ${manifest.dimension} columns, found 10`),
      manifestFile,
    );
  });

  const badExpected: Record<string, string[]> = JSON.parse(
    fs.readFileSync(fixture("bad-embeddings", "expected.json"), "utf8"),
  );
  for (const [name, fragments] of Object.entries(badExpected)) {
    test(`bad embeddings file ${name} is refused with a message naming the file`, () => {
      const file = fixture("bad-embeddings", name);
      assert.throws(
        () => readNpyMatrix(file),
        (e: unknown) => {
          assert.ok(e instanceof DataError, String(e));
          assert.ok(e.message.startsWith(file), e.message);
          for (const f of fragments) assert.ok(e.message.includes(f), `${JSON.stringify(f)} not in: ${e.message}`);
          return true;
        },
      );
    });
  }

  test("the good reference .npy written by numpy reads back", () => {
    const m = readNpyMatrix(fixture("bad-embeddings", "good.npy"));
    assert.deepEqual([m.rows, m.cols], [3, 4]);
    assert.deepEqual(
      Array.from(m.data),
      Array.from({ length: 12 }, (_, i) => i),
    );
  });
});
