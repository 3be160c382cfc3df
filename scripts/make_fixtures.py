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
    parts = sys.argv[1:] or ["tfidf", "bad_npy"]
    for p in parts:
        {"tfidf": tfidf_fixture, "bad_npy": bad_npy}[p]()
