#!/usr/bin/python3
"""Generate the scikit-learn reference fixtures the TypeScript tests compare against.

Run with Debian's own python3 after `apt-get install python3-sklearn python3-pandas`:

    /usr/bin/python3 scripts/make_fixtures.py

Writes JSON under test/fixtures/sklearn/ and deliberately broken .npy files
under test/fixtures/bad-embeddings/. The TypeScript code never reads these at
run time; only the tests do.
"""
import csv
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "sklearn")
BAD = os.path.join(ROOT, "test", "fixtures", "bad-embeddings")


def dump(name, obj):
    obj = {"generator": f"scripts/make_fixtures.py (scikit-learn {sklearn.__version__}, numpy {np.__version__})", **obj}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print("wrote", os.path.relpath(os.path.join(OUT, name), ROOT))


def train_messages(limit):
    """The first `limit` ASCII training messages (the TS tokenizer's regex and Python's agree on ASCII)."""
    split = {}
    with open(os.path.join(ROOT, "data", "split.csv"), newline="") as f:
        for row in csv.DictReader(f):
            split[row["id"]] = row["split"]
    out = []
    with open(os.path.join(ROOT, "data", "data.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = row["message"]
            if split[row["id"]] == "train" and m.strip() and m.isascii() and "&" not in m:
                out.append(m)
            if len(out) == limit:
                break
    return out


def tfidf_fixture():
    texts = train_messages(80)
    blocks = [
        dict(analyzer="word", ngram_range=(1, 2), min_df=2, token_pattern=r"(?u)[^\W_]+(?:['’][^\W\d_]+)*"),
        dict(analyzer="char_wb", ngram_range=(3, 5), min_df=2),
    ]
    out_blocks, mats = [], []
    for b in blocks:
        vec = TfidfVectorizer(lowercase=True, sublinear_tf=True, smooth_idf=True, norm="l2", **b)
        m = vec.fit_transform(texts).tocoo()
        vocab = vec.get_feature_names_out().tolist()
        out_blocks.append({"analyzer": b["analyzer"], "ngramRange": list(b["ngram_range"]), "minDf": b["min_df"],
                           "vocabulary": vocab, "idf": vec.idf_.tolist(),
                           "rows": m.row.tolist(), "cols": m.col.tolist(), "values": m.data.tolist()})
        mats.append(vec.transform(texts).toarray())
    combined = np.hstack(mats) / np.sqrt(len(mats))
    s = np.linalg.svd(combined, compute_uv=False)
    dump("tfidf_lsa.json", {"texts": texts, "blocks": out_blocks, "singularValues": s[:40].tolist()})


def metric_cases():
    rng = np.random.RandomState(0)
    cases = []
    y = (rng.rand(200) < 0.15).astype(int)
    s = np.clip(0.35 * y + 0.6 * rng.rand(200), 0, 1)
    cases.append(("random", y, s))
    cases.append(("heavy_ties", y, np.round(s, 1)))
    y2 = (rng.rand(60) < 0.3).astype(int)
    cases.append(("all_tied", y2, np.full(60, 0.5)))
    cases.append(("perfect", y2, np.where(y2 == 1, 0.9, 0.1) + 0.01 * rng.rand(60)))
    cases.append(("inverted", y2, np.where(y2 == 1, 0.2, 0.7)))
    cases.append(("textbook", np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])))
    y3 = (rng.rand(50) < 0.5).astype(int)
    cases.append(("hard_zero_one", y3, rng.randint(0, 2, 50).astype(float)))
    return cases


def metrics_fixture():
    from sklearn.metrics import (precision_recall_curve, average_precision_score, roc_curve, roc_auc_score,
                                 log_loss, brier_score_loss, confusion_matrix, precision_score, recall_score,
                                 f1_score, accuracy_score, cohen_kappa_score)
    from sklearn.calibration import calibration_curve
    out = []
    for name, y, s in metric_cases():
        p, r, t = precision_recall_curve(y, s)
        fpr, tpr, rt = roc_curve(y, s)
        fpr_all, tpr_all, _ = roc_curve(y, s, drop_intermediate=False)
        prob_true, prob_pred = calibration_curve(y, s, n_bins=10)
        at = []
        for thr in [0.5, 0.3, float(np.max(s)) + 0.01, float(np.min(s))]:
            pred = (s >= thr).astype(int)
            tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
            at.append({"threshold": thr, "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
                       "precision": precision_score(y, pred, zero_division=0),
                       "recall": recall_score(y, pred, zero_division=0),
                       "f1": f1_score(y, pred, zero_division=0),
                       "accuracy": accuracy_score(y, pred)})
        out.append({"name": name, "y": y.tolist(), "scores": s.tolist(),
                    "pr": {"precision": p.tolist(), "recall": r.tolist(), "thresholds": t.tolist()},
                    "averagePrecision": average_precision_score(y, s),
                    "roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": rt[1:].tolist()},
                    "rocAll": {"fpr": fpr_all.tolist(), "tpr": tpr_all.tolist()},
                    "rocAuc": roc_auc_score(y, s),
                    "logLoss": log_loss(y, s), "brier": brier_score_loss(y, s),
                    "calibration": {"fractionPositive": prob_true.tolist(), "meanPredicted": prob_pred.tolist()},
                    "at": at,
                    "kappaAtHalf": cohen_kappa_score(y, (s >= 0.5).astype(int)) if len(set((s >= 0.5).astype(int))) + len(set(y)) > 2 else None})
    dump("metrics.json", {"cases": out})


def logreg_fixture():
    """scikit-learn's LogisticRegression optimum on the committed training embeddings."""
    from sklearn.linear_model import LogisticRegression
    X = np.load(os.path.join(ROOT, "data", "train_embs.npy")).astype(np.float64)
    with open(os.path.join(ROOT, "data", "embeddings.json")) as f:
        ids = json.load(f)["files"]["train"]["ids"]
    labels = {}
    with open(os.path.join(ROOT, "data", "data.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            labels[row["id"]] = 1 if row["target"].strip().rstrip(".").strip().lower() == "true" else 0
    y = np.array([labels[i] for i in ids])
    fits = []
    for C, cw in [(1.0, None), (1.0, "balanced"), (10.0, "balanced"), (0.1, None)]:
        m = LogisticRegression(C=C, class_weight=cw, tol=1e-10, max_iter=100000).fit(X, y)
        w, b = m.coef_.ravel(), float(m.intercept_[0])
        sw = np.ones(len(y)) if cw is None else np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
        z = X @ w + b
        obj = float(np.sum(sw * (np.logaddexp(0, z) - y * z)) + 0.5 * w @ w / C)
        fits.append({"C": C, "classWeight": cw, "coef": w.tolist(), "intercept": b, "objective": obj,
                     "nIter": int(m.n_iter_[0])})
    dump("logreg.json", {"embeddings": "data/train_embs.npy", "ids": ids, "y": "".join(map(str, y)), "fits": fits})


def sgkf_fixture():
    """StratifiedGroupKFold(shuffle=False) fold assignments on synthetic labels with repeat groups."""
    from sklearn.model_selection import StratifiedGroupKFold
    rng = np.random.RandomState(0)
    cases = []
    for n, k in [(300, 5), (157, 3), (500, 4)]:
        groups, y, g = [], [], 0
        while len(y) < n:
            size = 1 if rng.rand() > 0.2 else int(rng.randint(2, 6))
            pos_rate = 0.13 if size == 1 else rng.choice([0.0, 0.5, 1.0])
            for _ in range(size):
                y.append(int(rng.rand() < pos_rate)); groups.append(g)
            g += 1
        fold = [0] * len(y)
        for f, (_, val) in enumerate(StratifiedGroupKFold(n_splits=k, shuffle=False).split(np.zeros(len(y)), y, groups)):
            for i in val:
                fold[i] = f
        cases.append({"k": k, "y": y, "groups": groups, "fold": fold})
    dump("sgkf.json", {"cases": cases})


def chi2_fixture():
    """chi2 scores and SelectKBest picks on a small sparse non-negative matrix with ties."""
    from scipy import sparse
    from sklearn.feature_selection import SelectKBest, chi2
    rng = np.random.RandomState(1)
    X = rng.rand(60, 40) * (rng.rand(60, 40) < 0.2)
    X[:, 7] = X[:, 8]  # a tie
    y = (rng.rand(60) < 0.3).astype(int)
    scores, _ = chi2(X, y)
    picks = {k: np.flatnonzero(SelectKBest(chi2, k=k).fit(X, y).get_support()).tolist() for k in (1, 5, 12)}
    S = sparse.csr_matrix(X)
    dump("chi2.json", {"rows": 60, "cols": 40, "indptr": S.indptr.tolist(), "indices": S.indices.tolist(),
                       "values": S.data.tolist(), "y": y.tolist(), "scores": scores.tolist(), "picks": picks})


def bad_npy():
    os.makedirs(BAD, exist_ok=True)
    good = np.arange(12, dtype=np.float32).reshape(3, 4)
    np.save(os.path.join(BAD, "float64.npy"), good.astype(np.float64))
    np.save(os.path.join(BAD, "fortran.npy"), np.asfortranarray(good))
    nan = good.copy(); nan[1, 2] = np.nan
    np.save(os.path.join(BAD, "nan.npy"), nan)
    inf = good.copy(); inf[2, 0] = np.inf
    np.save(os.path.join(BAD, "inf.npy"), inf)
    np.save(os.path.join(BAD, "one_d.npy"), good.ravel())
    np.save(os.path.join(BAD, "good.npy"), good)
    with open(os.path.join(BAD, "good.npy"), "rb") as f:
        raw = f.read()
    with open(os.path.join(BAD, "truncated.npy"), "wb") as f:
        f.write(raw[:-10])
    with open(os.path.join(BAD, "not_npy.npy"), "wb") as f:
        f.write(b"id,message\nm1,hello\n")
    print("wrote", os.path.relpath(BAD, ROOT))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    steps = {"tfidf": tfidf_fixture, "metrics": metrics_fixture, "logreg": logreg_fixture, "bad_npy": bad_npy, "sgkf": sgkf_fixture, "chi2": chi2_fixture}
    for p in sys.argv[1:] or list(steps):
        steps[p]()
