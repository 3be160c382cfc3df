#!/usr/bin/python3
"""The Python peer of `npm start`'s work, for the benchmark: same texts, embeddings, folds and protocol, in scikit-learn.

Reads a JSON request on stdin (texts, labels, repeat groups, the committed CV folds, seed, C grid, n-gram blocks, MLP
settings, bootstrap resamples, worker count), then, as lib/experiment does:
- logreg: Pipeline(ColumnTransformer(encoder vectors passthrough + TF-IDF word 1-2 + char_wb 3-5), LogisticRegression
  (lbfgs, class_weight balanced, tol 1e-6)); per committed fold, the features fitted once and a warm-started C path;
  C by mean fold average precision (the configured rule: best mean, or one standard error); out-of-fold scores from the fold models at that C; max-F1 threshold on them; the
  fold models, averaged, score the test split.
- mlp: Pipeline(ColumnTransformer(encoder passthrough + TF-IDF -> SelectKBest(chi2, 10000)), MLPClassifier(early
  stopping)) the same way (no grid).
- bootstrap percentile intervals (whole repeat groups resampled) for precision, recall, F1 and AP on OOF and test.
Differences that scikit-learn imposes are listed in bench/experiment.ts. Prints JSON: seconds and each model's results.
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve, precision_score, recall_score
from joblib import Parallel, delayed
from sklearn.model_selection import cross_validate
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
req = json.load(sys.stdin)
t0 = time.perf_counter()
jobs = req["workers"]
seed = req["seed"]
# Our word tokens: runs of letters/digits, keeping inner apostrophes ("don't"); one-letter words count.
WORD_TOKENS = r"(?u)[^\W_]+(?:['’][^\W\d_]+)*"


def frame(split):
    X = np.load(os.path.join(ROOT, "data", f"{split}_embs.npy")).astype(np.float64)
    df = pd.DataFrame(X, columns=[f"e{j}" for j in range(X.shape[1])])
    df["text"] = req[f"{split}Texts"]
    return df


Xtr, Xte = frame("train"), frame("test")
emb_cols = [c for c in Xtr.columns if c != "text"]
ytr, yte = np.array(req["trainY"]), np.array(req["testY"])
gtr, gte = np.array(req["trainGroups"]), np.array(req["testGroups"])
n = len(ytr)
folds = [(np.setdiff1d(np.arange(n), va), np.array(va)) for va in req["foldValidation"]]


def tfidf_union():
    blocks = [(b["analyzer"], TfidfVectorizer(analyzer=b["analyzer"], ngram_range=tuple(b["ngramRange"]), min_df=b["minDf"],
                                              max_features=b["maxFeatures"], sublinear_tf=True, dtype=np.float64,
                                              **({"token_pattern": WORD_TOKENS} if b["analyzer"] == "word" else {})))
              for b in req["ngrams"]]
    # Each block L2-normalized, weighted 1/sqrt(blocks): unit-length rows, as lib/embeddings/tfidf.ts.
    return FeatureUnion(blocks, transformer_weights={name: 1 / np.sqrt(len(blocks)) for name, _ in blocks})


def features(lexical):
    return ColumnTransformer([("encoder", "passthrough", emb_cols), ("lexical", lexical, "text")], sparse_threshold=1.0)


def fold_ensemble(pipe):
    """Out-of-fold scores from each fold's model, and the fold models (the final model is their average)."""
    cv = cross_validate(pipe, Xtr, ytr, cv=folds, n_jobs=jobs, return_estimator=True, scoring="average_precision")
    oof = np.zeros(n)
    for (_, va), m in zip(folds, cv["estimator"]):
        oof[va] = m.predict_proba(Xtr.iloc[va])[:, 1]
    test = np.mean([m.predict_proba(Xte)[:, 1] for m in cv["estimator"]], axis=0)
    return oof, test


def max_f1_threshold(y, s):
    p, r, t = precision_recall_curve(y, s)
    f = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-300), 0)[:-1]
    return t[np.argmax(f)]


def cis(y, s, groups, thr, k0):
    """Percentile intervals over resamples of whole repeat groups (a resample with one class only is skipped)."""
    out = {}
    ids = np.unique(groups)
    rows_of = {g: np.flatnonzero(groups == g) for g in ids}
    for k, (name, f) in enumerate([("precision", lambda a, b: precision_score(a, b >= thr, zero_division=0)),
                                   ("recall", lambda a, b: recall_score(a, b >= thr, zero_division=0)),
                                   ("f1", lambda a, b: f1_score(a, b >= thr, zero_division=0)),
                                   ("ap", average_precision_score)]):
        rng = np.random.RandomState(seed + k0 + k)
        vals = []
        for _ in range(req["resamples"]):
            i = np.concatenate([rows_of[g] for g in rng.choice(ids, size=len(ids))])
            if 0 < y[i].sum() < len(i):
                vals.append(f(y[i], s[i]))
        out[name] = [float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))]
    return out


results = {}
stages = {}
mark = time.perf_counter()


def stage(name):
    global mark
    now = time.perf_counter()
    stages[name] = stages.get(name, 0) + now - mark
    mark = now


def logreg_fold(tr, va):
    """One fold, as lib/experiment/foldTasks.ts does: features fitted once on the fold's training rows, then the C
    path, each C warm-started from the previous one (LogisticRegressionCV's way; GridSearchCV would refit the TF-IDF
    for every C, a slower peer than a careful user would write)."""
    feats = features(tfidf_union())
    A = feats.fit_transform(Xtr.iloc[tr], ytr[tr])
    V, T = feats.transform(Xtr.iloc[va]), feats.transform(Xte)
    model = LogisticRegression(class_weight="balanced", tol=1e-6, max_iter=1000, warm_start=True)
    out = []
    for C in req["Cs"]:
        model.set_params(C=C).fit(A, ytr[tr])
        out.append((model.predict_proba(V)[:, 1], model.predict_proba(T)[:, 1]))
    return out


paths = Parallel(n_jobs=jobs)(delayed(logreg_fold)(tr, va) for tr, va in folds)
fold_scores = [[average_precision_score(ytr[va], path[k][0]) for (_, va), path in zip(folds, paths)]
               for k in range(len(req["Cs"]))]
fold_ap = [np.mean(s) for s in fold_scores]
# C as lib/experiment/cRule.ts reads it off the grid: the best mean (ties to the smaller C), or, under the
# one-standard-error rule, the smallest C whose mean is within one standard error (sd over folds / sqrt(folds),
# ddof 1) of the best's.
Cs = req["Cs"]
k_best = max(range(len(Cs)), key=lambda k: (fold_ap[k], -Cs[k]))
if req.get("cRule", "best") == "oneStandardError":
    floor = fold_ap[k_best] - np.std(fold_scores[k_best], ddof=1) / np.sqrt(len(folds))
    k_best = min((k for k in range(len(Cs)) if fold_ap[k] >= floor), key=lambda k: Cs[k])
best = Cs[k_best]
oof = np.zeros(n)
for (_, va), path in zip(folds, paths):
    oof[va] = path[k_best][0]
test = np.mean([path[k_best][1] for path in paths], axis=0)
thr = max_f1_threshold(ytr, oof)
stage("logreg")
results["logreg"] = {"C": best, "testAveragePrecision": average_precision_score(yte, test),
                     "ci": {"oof": cis(ytr, oof, gtr, thr, 0), "test": cis(yte, test, gte, thr, 10)}}
stage("bootstrap")

o = req["mlp"]
lexical = Pipeline([("tfidf", tfidf_union()), ("chi2", SelectKBest(chi2, k=o["chi2"]))])
mlp = Pipeline([("features", features(lexical)),
                ("model", MLPClassifier(hidden_layer_sizes=tuple(o["hiddenUnits"]), alpha=o["l2"], learning_rate_init=o["learningRate"],
                                        batch_size=o["batchSize"], max_iter=o["maxEpochs"], early_stopping=True,
                                        validation_fraction=o["validationFraction"], n_iter_no_change=o["patience"],
                                        random_state=seed))])
oof, test = fold_ensemble(mlp)
thr = max_f1_threshold(ytr, oof)
stage("mlp")
results["mlp"] = {"testAveragePrecision": average_precision_score(yte, test),
                  "ci": {"oof": cis(ytr, oof, gtr, thr, 20), "test": cis(yte, test, gte, thr, 30)}}
stage("bootstrap")
print(json.dumps({"seconds": time.perf_counter() - t0, "stages": stages, "models": results}))
