#!/usr/bin/python3
"""The Python peer of `npm start`'s work, for the benchmark: same embeddings, same split, same protocol.

Reads a JSON request on stdin (labels, repeat groups, seed, C grid, bootstrap resamples), then:
5-fold StratifiedGroupKFold CV on train -> LogisticRegression C by average precision -> out-of-fold scores ->
max-F1 threshold -> refit -> test once; MLPClassifier (the nearest peer of our TF.js MLP: one hidden layer of 64,
Adam, L2, early stopping on 15% of train) the same way; bootstrap CIs for precision, recall, F1 and AP on test and OOF.
Prints JSON: seconds and each model's test average precision.
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve, precision_score, recall_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.neural_network import MLPClassifier

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
req = json.load(sys.stdin)
t0 = time.perf_counter()
Xtr = np.load(os.path.join(ROOT, "data", "train_embs.npy")).astype(np.float64)
Xte = np.load(os.path.join(ROOT, "data", "test_embs.npy")).astype(np.float64)
ytr, yte, gtr = np.array(req["trainY"]), np.array(req["testY"]), np.array(req["trainGroups"])
seed = req["seed"]
folds = list(StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed).split(Xtr, ytr, gtr))


def oof_scores(make):
    oof = np.zeros(len(ytr))
    for tr, va in folds:
        oof[va] = make().fit(Xtr[tr], ytr[tr]).predict_proba(Xtr[va])[:, 1]
    return oof


def max_f1_threshold(y, s):
    p, r, t = precision_recall_curve(y, s)
    f = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-300), 0)[:-1]
    return t[np.argmax(f)]


rng = np.random.RandomState(seed)


def cis(y, s, thr):
    out = {}
    n = len(y)
    idx = rng.randint(0, n, size=(req["resamples"], n))
    for name, f in [("precision", lambda a, b: precision_score(a, b >= thr, zero_division=0)),
                    ("recall", lambda a, b: recall_score(a, b >= thr, zero_division=0)),
                    ("f1", lambda a, b: f1_score(a, b >= thr, zero_division=0)),
                    ("ap", average_precision_score)]:
        vals = [f(y[i], s[i]) for i in idx if 0 < y[i].sum() < n]
        out[name] = [float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))]
    return out


results = {}
# Logistic regression: C by CV average precision, then OOF at the best C.
best = max(req["Cs"], key=lambda C: np.mean([
    average_precision_score(ytr[va], LogisticRegression(C=C, class_weight="balanced", max_iter=1000).fit(Xtr[tr], ytr[tr]).predict_proba(Xtr[va])[:, 1])
    for tr, va in folds]))
oof = oof_scores(lambda: LogisticRegression(C=best, class_weight="balanced", max_iter=1000))
thr = max_f1_threshold(ytr, oof)
test = LogisticRegression(C=best, class_weight="balanced", max_iter=1000).fit(Xtr, ytr).predict_proba(Xte)[:, 1]
cis(ytr, oof, thr); cis(yte, test, thr)
results["logreg"] = {"C": best, "testAveragePrecision": average_precision_score(yte, test)}

make_mlp = lambda: MLPClassifier(hidden_layer_sizes=(64,), alpha=1e-4, learning_rate_init=1e-3, batch_size=64, max_iter=100,
                                 early_stopping=True, validation_fraction=0.15, n_iter_no_change=8, random_state=seed)
oof = oof_scores(make_mlp)
thr = max_f1_threshold(ytr, oof)
test = make_mlp().fit(Xtr, ytr).predict_proba(Xte)[:, 1]
cis(ytr, oof, thr); cis(yte, test, thr)
results["mlp"] = {"testAveragePrecision": average_precision_score(yte, test)}
print(json.dumps({"seconds": time.perf_counter() - t0, "models": results}))
