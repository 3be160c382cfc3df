#!/usr/bin/python3
"""Live oracle for the tests: read inputs as JSON on stdin, answer with scikit-learn's numbers on stdout.

Used by test/oracle-sklearn.test.ts when Debian's python3 has scikit-learn; never by the library.
"""
import json
import sys

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (average_precision_score, brier_score_loss, f1_score, log_loss,
                             precision_recall_curve, precision_score, recall_score, roc_auc_score, roc_curve)

req = json.load(sys.stdin)
out = {"metrics": []}
for case in req["metricCases"]:
    y, s = np.array(case["y"]), np.array(case["scores"])
    p, r, t = precision_recall_curve(y, s)
    fpr, tpr, _ = roc_curve(y, s)
    pt, pp = calibration_curve(y, s, n_bins=10)
    pred = (s >= case["threshold"]).astype(int)
    out["metrics"].append({
        "pr": {"precision": p.tolist(), "recall": r.tolist(), "thresholds": t.tolist()},
        "averagePrecision": average_precision_score(y, s), "rocAuc": roc_auc_score(y, s),
        "roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist()},
        "logLoss": log_loss(y, s), "brier": brier_score_loss(y, s),
        "calibration": {"fractionPositive": pt.tolist(), "meanPredicted": pp.tolist()},
        "precision": precision_score(y, pred, zero_division=0), "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
    })
lr = req["logreg"]
X, y = np.array(lr["X"]), np.array(lr["y"])
m = LogisticRegression(C=lr["C"], class_weight=lr["classWeight"], tol=1e-10, max_iter=100000).fit(X, y)
out["logreg"] = {"coef": m.coef_.ravel().tolist(), "intercept": float(m.intercept_[0])}
if "sparseLogreg" in req:
    from scipy import sparse
    sl = req["sparseLogreg"]
    dense = np.array(sl["dense"]).reshape(sl["rows"], -1)
    sp = sparse.csr_matrix((sl["values"], sl["indices"], sl["indptr"]), shape=(sl["rows"], sl["sparseCols"]))
    Xs = sparse.hstack([sparse.csr_matrix(dense), sp]).tocsr()
    m = LogisticRegression(C=sl["C"], class_weight="balanced", tol=1e-10, max_iter=100000).fit(Xs, np.array(sl["y"]))
    out["sparseLogreg"] = {"coef": m.coef_.ravel().tolist(), "intercept": float(m.intercept_[0])}
json.dump(out, sys.stdout)
