#!/usr/bin/python3
"""Recompute every point estimate in a run's metrics.json from its predictions.csv with scikit-learn.

Usage: /usr/bin/python3 scripts/verify_metrics.py [run_dir]   (default: runs/latest, the newest complete run)
Exits 0 and prints "all N numbers agree" when every number matches to 1e-9; exits 1 listing mismatches.
"""
import csv
import json
import os
import sys
from collections import defaultdict

import numpy as np
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, confusion_matrix, f1_score,
                             log_loss, precision_score, recall_score, roc_auc_score)

d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "runs", "latest")
metrics = json.load(open(os.path.join(d, "metrics.json")))
groups = defaultdict(lambda: {"y": [], "s": [], "p": []})
with open(os.path.join(d, "predictions.csv"), newline="") as f:
    for row in csv.DictReader(f):
        g = groups[(row["model"], row["split"])]
        g["y"].append(int(row["target"]))
        g["s"].append(float(row["score"]))
        g["p"].append(int(row["predicted"]))

bad, checked = [], 0
for name, m in metrics["models"].items():
    for split, key in [("test", "test"), ("train_oof", "oof")]:
        g = groups[(name, split)]
        y, s, p = np.array(g["y"]), np.array(g["s"]), np.array(g["p"])
        if not np.array_equal(p, (s >= m["threshold"]).astype(int)):
            bad.append(f"{name}/{split}: 'predicted' is not score >= threshold")
        tn, fp, fn, tp = confusion_matrix(y, p, labels=[0, 1]).ravel()
        ref = {"precision": precision_score(y, p, zero_division=0), "recall": recall_score(y, p, zero_division=0),
               "f1": f1_score(y, p, zero_division=0), "accuracy": accuracy_score(y, p),
               "averagePrecision": average_precision_score(y, s), "rocAuc": roc_auc_score(y, s)}
        if m[key]["logLoss"] is not None:
            ref["logLoss"] = log_loss(y, s)
            ref["brier"] = brier_score_loss(y, s)
        ours = m[key]
        # A ratio with a zero denominator is null in metrics.json, with its reason; scikit-learn returns its
        # zero_division value there, so check the denominator is really zero instead.
        denominators = {"precision": p.sum(), "recall": y.sum(), "f1": p.sum() + y.sum()}
        for k, v in ref.items():
            checked += 1
            if ours[k] is None:
                if denominators.get(k, 1) != 0 or k not in ours["undefinedMetrics"]:
                    bad.append(f"{name}/{key}.{k}: null in metrics.json, but scikit-learn has a value ({v})")
            elif k in ours.get("undefinedMetrics", {}):
                bad.append(f"{name}/{key}.{k}: a value and a reason why it is undefined")
            elif abs(ours[k] - v) > 1e-9:
                bad.append(f"{name}/{key}.{k}: metrics.json {ours[k]} vs scikit-learn {v}")
        for k, v in {"tp": tp, "fp": fp, "tn": tn, "fn": fn}.items():
            checked += 1
            if ours["confusion"][k] != int(v):
                bad.append(f"{name}/{key}.confusion.{k}: {ours['confusion'][k]} vs {v}")
if bad:
    print("\n".join(bad))
    sys.exit(1)
print(f"all {checked} numbers agree with scikit-learn")
