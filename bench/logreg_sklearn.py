#!/usr/bin/python3
"""Time scikit-learn's LogisticRegression(lbfgs) on the committed training embeddings.

Usage: /usr/bin/python3 bench/logreg_sklearn.py C CLASS_WEIGHT TOL RUNS  (reads labels as a 0/1 string on stdin)
Prints JSON: median seconds, iterations, and the objective C·Σ sᵢ·logloss + ½‖w‖².
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C, cw, tol, runs = float(sys.argv[1]), (None if sys.argv[2] == "none" else sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
X = np.load(os.path.join(ROOT, "data", "train_embs.npy")).astype(np.float64)
y = np.array([int(c) for c in sys.stdin.read().strip()])
times = []
for _ in range(runs):
    t = time.perf_counter()
    m = LogisticRegression(C=C, class_weight=cw, tol=tol, max_iter=10000).fit(X, y)
    times.append(time.perf_counter() - t)
w, b = m.coef_.ravel(), float(m.intercept_[0])
sw = np.ones(len(y)) if cw is None else np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
z = X @ w + b
obj = float(C * np.sum(sw * (np.logaddexp(0, z) - y * z)) + 0.5 * w @ w)
print(json.dumps({"seconds": sorted(times)[len(times) // 2], "iterations": int(m.n_iter_[0]), "objective": obj}))
