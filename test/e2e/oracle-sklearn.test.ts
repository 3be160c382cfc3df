// Optional oracle: compares against scikit-learn run live. Skipped (and says so) where it is not installed;
// .ci/run installs python3-sklearn so CI always runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from "../../lib/metrics/curves";
import { brierScore, calibrationBins, logLoss } from "../../lib/metrics/probabilistic";
import { classificationAt } from "../../lib/metrics/confusion";
import { LogisticRegression } from "../../lib/models/logisticRegression";
import { gaussian, makeRng } from "../../lib/util/random";
import { ROOT } from "../helpers";
import { loadDataset } from "../../lib/data/dataset";
import { DEFAULT_DATA_FILE } from "../../lib/paths";
import { Featurizer } from "../../lib/features/featurizer";
import { featureSpec } from "../../lib/features/spec";

const PYTHON = "/usr/bin/python3";
const probe = spawnSync(PYTHON, ["-c", "import sklearn"], { encoding: "utf8" });
const skip =
  probe.status === 0
    ? false
    : `scikit-learn is not installed for ${PYTHON} (apt-get install python3-sklearn): oracle not run`;

function randomCase(seed: number, n: number, rounding: number | null) {
  const rng = makeRng(seed);
  const y = Array.from({ length: n }, () => (rng() < 0.2 ? 1 : 0));
  if (!y.includes(1)) y[0] = 1;
  const scores = y.map((v) => {
    const s = Math.min(1, Math.max(0, 0.3 * v + 0.7 * rng()));
    return rounding ? Math.round(s * rounding) / rounding : s;
  });
  return { y, scores, threshold: 0.5 };
}

test("metrics and LR equal scikit-learn run live on fresh random inputs", { skip }, () => {
  const metricCases = [randomCase(11, 300, null), randomCase(12, 150, 20), randomCase(13, 80, 4)];
  const rng = makeRng(5);
  const n = 300,
    d = 8;
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => gaussian(rng)));
  const y = X.map((r) => (r[0] + 0.5 * r[1] + gaussian(rng) > 1 ? 1 : 0));
  const request = { metricCases, logreg: { X, y, C: 0.7, classWeight: "balanced" } };
  const run = spawnSync(PYTHON, [path.join(ROOT, "scripts", "sklearn_oracle.py")], {
    input: JSON.stringify(request),
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const ref = JSON.parse(run.stdout);
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-10, `${what}: ${a} vs ${b}`);
  metricCases.forEach((c, k) => {
    const r = ref.metrics[k];
    const pr = precisionRecallCurve(c.y, c.scores);
    pr.precision.forEach((v, i) => close(v, r.pr.precision[i], `case ${k} precision[${i}]`));
    assert.equal(pr.thresholds.length, r.pr.thresholds.length);
    close(averagePrecision(c.y, c.scores), r.averagePrecision, `case ${k} AP`);
    close(rocAuc(c.y, c.scores), r.rocAuc, `case ${k} ROC-AUC`);
    assert.deepEqual(rocCurve(c.y, c.scores).fpr.length, r.roc.fpr.length);
    close(logLoss(c.y, c.scores), r.logLoss, `case ${k} log-loss`);
    close(brierScore(c.y, c.scores), r.brier, `case ${k} Brier`);
    calibrationBins(c.y, c.scores).forEach((b, i) =>
      close(b.fractionPositive, r.calibration.fractionPositive[i], `case ${k} calibration[${i}]`),
    );
    const m = classificationAt(c.y, c.scores, c.threshold);
    close(m.precision, r.precision, `case ${k} precision`);
    close(m.recall, r.recall, `case ${k} recall`);
    close(m.f1, r.f1, `case ${k} F1`);
  });
  const data = Float32Array.from(X.flat());
  const model = new LogisticRegression({ C: 0.7, classWeight: "balanced", tol: 1e-8 }).fit(
    { rows: n, cols: d, data },
    y,
  );
  const ours = model.objective({ rows: n, cols: d, data }, y);
  const theirs = model.objective(
    { rows: n, cols: d, data },
    y,
    Float64Array.from(ref.logreg.coef),
    ref.logreg.intercept,
  );
  assert.ok(Math.abs(ours - theirs) / theirs <= 1e-6, `objective ${ours} vs scikit-learn ${theirs}`);
});

test(
  "LR on encoder vectors beside sparse TF-IDF reaches scikit-learn's optimum (scipy hstack, run live)",
  { skip },
  () => {
    const usable = loadDataset(DEFAULT_DATA_FILE).usable.slice(0, 300);
    const y = usable.map((r) => r.label);
    const rng = makeRng(9);
    const rows = {
      texts: usable.map((r) => r.message),
      X: { rows: 300, cols: 12, data: Float32Array.from({ length: 3600 }, () => gaussian(rng) / 4) },
    };
    const design = Featurizer.fit(featureSpec(true, { kind: "tfidf" }), rows, y).transform(rows);
    const sp = design.sparse!;
    const sparseLogreg = {
      rows: 300,
      dense: Array.from(design.dense!.data),
      sparseCols: sp.cols,
      indptr: Array.from(sp.indptr),
      indices: Array.from(sp.indices),
      values: Array.from(sp.values),
      y,
      C: 10,
    };
    const request = { metricCases: [], logreg: { X: [[0], [1]], y: [0, 1], C: 1, classWeight: null }, sparseLogreg };
    const run = spawnSync(PYTHON, [path.join(ROOT, "scripts", "sklearn_oracle.py")], {
      input: JSON.stringify(request),
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    assert.equal(run.status, 0, run.stderr);
    const ref = JSON.parse(run.stdout).sparseLogreg;
    const model = new LogisticRegression({ C: 10, classWeight: "balanced", tol: 1e-8 }).fit(design, y);
    const ours = model.objective(design, y);
    const theirs = model.objective(design, y, Float64Array.from(ref.coef), ref.intercept);
    assert.ok(Math.abs(ours - theirs) / theirs <= 1e-6, `objective ${ours} vs scikit-learn ${theirs}`);
    let dotp = 0,
      na = 0,
      nb = 0;
    model.coef.forEach((w, j) => ((dotp += w * ref.coef[j]), (na += w * w), (nb += ref.coef[j] ** 2)));
    assert.ok(dotp / Math.sqrt(na * nb) >= 0.9999, `coefficient cosine ${dotp / Math.sqrt(na * nb)}`);
  },
);
