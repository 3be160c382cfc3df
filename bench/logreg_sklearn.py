#!/usr/bin/python3
"""Time scikit-learn's LogisticRegression(lbfgs) on the designs bench/logreg.ts wrote, one fit per request.

Usage: /usr/bin/python3 bench/logreg_sklearn.py   (driven by bench/logreg.ts over stdin/stdout, one JSON per line)
First line in: the setup. It names a folder holding, per design, NAME.dense.npy (float32) and, with a sparse TF-IDF
block, NAME.indptr.npy / NAME.indices.npy / NAME.values.npy (CSR), plus the labels and the rows to time.
First line out: per row the solver's own account of one untimed fit (iterations, function evaluations, why scipy
stopped, the objective scipy saw and its final max |gradient|, coef and intercept) and the BLAS/OpenMP thread counts.
Then per line in, a row index: one timed fit of that row; out: its wall and CPU seconds (CPU over all threads).
Timing one fit per request lets the caller interleave these fits with its own, so both see the same machine load.
"""
import json
import os
import sys
import time

import numpy as np
import scipy.optimize
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info

req = json.loads(sys.stdin.readline())
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


def fit(r):
    cw = None if r["classWeight"] == "none" else r["classWeight"]
    return LogisticRegression(C=r["C"], class_weight=cw, tol=r["tol"], max_iter=10000).fit(designs[r["design"]], y)


def probe(r):
    """One fit with scipy.optimize.minimize wrapped (scikit-learn calls it as optimize.minimize) to read its result."""
    seen = []
    minimize = scipy.optimize.minimize

    def recording(*args, **kwargs):
        res = minimize(*args, **kwargs)
        seen.append(res)
        return res

    scipy.optimize.minimize = recording
    try:
        m = fit(r)
    finally:
        scipy.optimize.minimize = minimize
    res = seen[-1]
    return {"iterations": int(res.nit), "evaluations": int(res.nfev), "message": str(res.message),
            "fun": float(res.fun), "gradMaxAbs": float(np.max(np.abs(res.jac))),
            "coef": m.coef_.ravel().tolist(), "intercept": float(m.intercept_[0])}


designs = {name: load(name) for name in req["designs"]}
for name in designs:  # one untimed fit per design first, as bench/logreg.ts does
    fit({"design": name, "C": 1, "classWeight": "none", "tol": req["rows"][0]["tol"]})
threads = ", ".join(f"{i['internal_api']} {i['num_threads']}" for i in threadpool_info())
print(json.dumps({"rows": [probe(r) for r in req["rows"]], "threads": threads}), flush=True)
for line in sys.stdin:
    r = req["rows"][int(line)]
    wall, cpu = time.perf_counter(), time.process_time()
    fit(r)
    print(json.dumps({"seconds": time.perf_counter() - wall, "cpuSeconds": time.process_time() - cpu}), flush=True)
