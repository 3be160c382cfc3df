// One contract for every model, baselines included (in the spirit of scikit-learn's check_estimator):
// NotFittedError before fit, the same 0/1 label check, fit returns the model, probabilities in [0, 1] for every
// row, and toJSON → JSON → fromJSON gives the same scores.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LogisticRegression } from "../lib/models/logisticRegression";
import { MlpClassifier } from "../lib/models/mlp";
import { KeywordClassifier, MajorityClassifier } from "../lib/models/baselines";
import { LogregPipeline, MlpPipeline, pipelineFromJSON, PipelineJSON } from "../lib/features/pipelines";
import { featureSpec } from "../lib/features/spec";
import type { TextRows } from "../lib/features/featurizer";
import type { Matrix } from "../lib/linalg/matrix";
import { Estimator, NotFittedError } from "../lib/models/types";
import { DEFAULT_MLP_OPTIONS } from "../lib/models/mlp";
import { makeRng, gaussian } from "../lib/util/random";

const n = 80;
const rng = makeRng(3);
const y = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
const X = {
  rows: n,
  cols: 3,
  data: Float32Array.from({ length: 3 * n }, (_, k) => gaussian(rng) + (y[Math.floor(k / 3)] ? 1.5 : 0)),
};
const texts = y.map((v, i) => (v ? `thanks for the safety check at door ${i}` : `thanks for the coffee and cake ${i}`));
const rows: TextRows = { texts, X };
const groups = y.map((_, i) => i);
const mlpOptions = { ...DEFAULT_MLP_OPTIONS, maxEpochs: 3, hiddenUnits: [4] };

interface Case<X> {
  name: string;
  make: () => Estimator<X>;
  input: X;
  fromJSON: (j: unknown) => Estimator<X> | Promise<Estimator<X>>;
}
const roundTrip = <T>(j: T): T => JSON.parse(JSON.stringify(j));
const cases: Array<Case<Matrix> | Case<TextRows>> = [
  {
    name: "LogisticRegression",
    make: () => new LogisticRegression({ C: 1 }),
    input: X,
    fromJSON: (j) => LogisticRegression.fromJSON(j as never),
  },
  {
    name: "MlpClassifier",
    make: () => new MlpClassifier(mlpOptions),
    input: X,
    fromJSON: (j) => MlpClassifier.fromJSON(j as never),
  },
  {
    name: "MajorityClassifier",
    make: () => new MajorityClassifier(),
    input: rows,
    fromJSON: (j) => MajorityClassifier.fromJSON(j as never),
  },
  {
    name: "KeywordClassifier",
    make: () => new KeywordClassifier(),
    input: rows,
    fromJSON: (j) => KeywordClassifier.fromJSON(j as never),
  },
  {
    name: "LogregPipeline",
    make: () => new LogregPipeline(featureSpec(true, { kind: "tfidf" }), { C: 1 }),
    input: rows,
    fromJSON: (j) => pipelineFromJSON(j as PipelineJSON),
  },
  {
    name: "MlpPipeline",
    make: () => new MlpPipeline(featureSpec(true, { kind: "tfidf" }), mlpOptions),
    input: rows,
    fromJSON: (j) => pipelineFromJSON(j as PipelineJSON),
  },
];

function checkContract<X>(c: Case<X>): void {
  test(`estimator contract: ${c.name}`, async () => {
    const m = c.make();
    assert.equal(m.isFitted, false, "a new model is not fitted");
    await assert.rejects(
      async () => m.predictProba(c.input),
      NotFittedError,
      "predict before fit throws NotFittedError",
    );

    const badY = y.map((v, i) => (i === 5 ? 2 : v));
    await assert.rejects(
      async () => c.make().fit(c.input, badY, groups),
      /y\[5\] is 2; labels must be 0 or 1/,
      "one label check",
    );

    const fitted = await m.fit(c.input, y, groups);
    assert.equal(fitted, m, "fit returns the model");
    assert.equal(m.isFitted, true);
    const p = await m.predictProba(c.input);
    assert.ok(p instanceof Float64Array && p.length === n, "one probability per row");
    assert.ok(
      p.every((v) => v >= 0 && v <= 1),
      "probabilities in [0, 1]",
    );

    const back = await c.fromJSON(roundTrip(m.toJSON()));
    assert.equal(back.isFitted, true, "a loaded model is fitted");
    assert.deepEqual(await back.predictProba(c.input), p, "toJSON → fromJSON gives the same scores");
    m.dispose?.();
    back.dispose?.();
  });
}

for (const c of cases) checkContract<Matrix | TextRows>(c);
