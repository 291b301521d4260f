"""Approach (a): TF-IDF (word 1-2-grams, char 3-5-grams, negation scope) + a logistic regression per label.

The features come from ``amity.affect.features`` (the same code the product runs). scikit-learn fits the 28
classifiers (training only); the weights are stored int8-quantized (one scale per label) with the vocabulary
and IDF in ``src/amity/affect/artifacts/text_emotion_tfidf.npz``; per-label thresholds are tuned on GoEmotions
dev.

    pip install scikit-learn scipy
    nice -n 10 python training/text_emotion/train_tfidf.py [--c 4.0] [--write]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from common import ARTIFACTS, CACHE, N_LABELS, REPO, label_names, load_goemotions, scores, split_half_scores
from common import tune_thresholds as tune
from scipy import sparse

sys.path.insert(0, str(REPO / "src"))
from amity.affect.features import TfidfVectorizer


def matrix(vec: TfidfVectorizer, texts: list[str]) -> sparse.csr_matrix:
    rows = vec.rows(texts)
    indptr = np.cumsum([0] + [len(i) for i, _ in rows])
    idx = np.concatenate([i for i, _ in rows]) if rows else np.zeros(0, np.int64)
    val = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float32)
    return sparse.csr_matrix((val, idx, indptr), shape=(len(texts), len(vec.idf)))


def quantize(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(w).max(axis=1) / 127.0
    q = np.round(w / scale[:, None]).clip(-127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--max-features", type=int, default=120_000)
    ap.add_argument("--write", action="store_true", help="write the artifact")
    args = ap.parse_args()
    t0 = time.time()
    texts, y = load_goemotions("train")
    dev_texts, dev_y = load_goemotions("dev")
    vec = TfidfVectorizer.fit(texts, min_df=args.min_df, max_features=args.max_features)
    x, xd = matrix(vec, texts), matrix(vec, dev_texts)
    print(f"features {x.shape[1]} ({time.time() - t0:.0f}s)", flush=True)
    w = np.zeros((N_LABELS, x.shape[1]), dtype=np.float32)
    b = np.zeros(N_LABELS, dtype=np.float32)
    for j in range(N_LABELS):
        clf = LogisticRegression(C=args.c, solver="liblinear", max_iter=200).fit(x, y[:, j])
        w[j], b[j] = clf.coef_[0], clf.intercept_[0]
    q, scale = quantize(w)
    logits = (xd @ (q.T.astype(np.float32) * scale)) + b
    probs = (1 / (1 + np.exp(-logits))).astype(np.float32)
    np.save(CACHE / "tfidf_dev_probs.npy", probs)
    th = tune(probs, dev_y)
    print(
        f"C={args.c} dev",
        scores(probs, dev_y, th),
        split_half_scores(probs, dev_y),
        f"{time.time() - t0:.0f}s",
    )
    if args.write:
        terms = sorted(vec.vocabulary, key=vec.vocabulary.__getitem__)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            ARTIFACTS / "text_emotion_tfidf.npz",
            terms=np.array("\n".join(terms)),
            idf=vec.idf.astype(np.float16),
            weight=q.T.copy(),  # (features, labels) int8
            scale=scale,
            bias=b,
            thresholds=th.astype(np.float32),
            labels=np.array("\n".join(label_names())),
        )
        print("wrote", ARTIFACTS / "text_emotion_tfidf.npz")


if __name__ == "__main__":
    main()
