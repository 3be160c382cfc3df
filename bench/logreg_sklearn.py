#!/usr/bin/python3
"""Time scikit-learn's LogisticRegression(lbfgs) on the designs bench/logreg.ts wrote.

Usage: /usr/bin/python3 bench/logreg_sklearn.py < request.json
The request names a folder holding, per design, NAME.dense.npy (float32) and, with a sparse TF-IDF block,
NAME.indptr.npy / NAME.indices.npy / NAME.values.npy (CSR), plus the labels and the rows to time.
Prints JSON: per row the median seconds, iterations, coef and intercept, and the BLAS/OpenMP thread counts.
"""
import json
import os
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info

req = json.load(sys.stdin)
y = np.array(req["y"])


def load(name):
    base = os.path.join(req["dir"], name)
    dense = np.load(base + ".dense.npy").astype(np.float64) if os.path.exists(base + ".dense.npy") else None
    if not os.path.exists(base + ".indptr.npy"):
        return dense
    csr = sp.csr_matrix((np.load(base + ".values.npy"), np.load(base + ".indices.npy"), np.load(base + ".indptr.npy")),
                        shape=(len(y), req["sparseCols"][name]))
    # The same hstack a scikit-learn pipeline would build (ColumnTransformer / FeatureUnion output).
    return csr if dense is None else sp.hstack([sp.csr_matrix(dense), csr], format="csr")


designs = {name: load(name) for name in req["designs"]}
for X in designs.values():  # one untimed fit per design first, as bench/logreg.ts does
    LogisticRegression(tol=req["rows"][0]["tol"], max_iter=10000).fit(X, y)
rows = []
for r in req["rows"]:
    X = designs[r["design"]]
    cw = None if r["classWeight"] == "none" else r["classWeight"]
    times = []
    for _ in range(req["runs"]):
        t = time.perf_counter()
        m = LogisticRegression(C=r["C"], class_weight=cw, tol=r["tol"], max_iter=10000).fit(X, y)
        times.append(time.perf_counter() - t)
    rows.append({"seconds": sorted(times)[len(times) // 2], "iterations": int(m.n_iter_[0]),
                 "coef": m.coef_.ravel().tolist(), "intercept": float(m.intercept_[0])})
threads = ", ".join(f"{i['internal_api']} {i['num_threads']}" for i in threadpool_info())
print(json.dumps({"rows": rows, "threads": threads}))
