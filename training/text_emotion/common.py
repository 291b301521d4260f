"""Shared helpers of the text-emotion training scripts: data paths, TSV loading, threshold tuning.

Training only (never imported by ``amity`` at run time). Data comes from ``$AMITY_SHARED_DATA/goemotions``
(default ``<repo>/../shared/data``); intermediate results are cached under ``training/text_emotion/cache/``
(git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / "cache"
ARTIFACTS = REPO / "src" / "amity" / "affect" / "artifacts"
N_LABELS = 28


def shared_data() -> Path:
    return Path(os.environ.get("AMITY_SHARED_DATA", REPO.parent / "shared" / "data"))


def load_goemotions(split: str) -> tuple[list[str], NDArray[np.float32]]:
    """Texts and a (n, 28) 0/1 label matrix of one GoEmotions split."""
    path = shared_data() / "goemotions" / f"{split}.tsv"
    texts: list[str] = []
    rows: list[list[int]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            texts.append(parts[0])
            rows.append([int(x) for x in parts[1].split(",") if x])
    y = np.zeros((len(texts), N_LABELS), dtype=np.float32)
    for i, ids in enumerate(rows):
        y[i, ids] = 1.0
    return texts, y


def label_names() -> list[str]:
    return (shared_data() / "goemotions" / "emotions.txt").read_text(encoding="utf-8").split()


def f1_per_label(y: NDArray[np.float32], pred: NDArray[np.bool_]) -> NDArray[np.float64]:
    tp = (pred & (y > 0)).sum(0).astype(np.float64)
    fp = (pred & (y == 0)).sum(0).astype(np.float64)
    fn = (~pred & (y > 0)).sum(0).astype(np.float64)
    denom = 2 * tp + fp + fn
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def tune_thresholds(probs: NDArray[np.float32], y: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per-label threshold maximising that label's F1 (grid 0.02..0.90)."""
    grid = np.arange(0.02, 0.91, 0.01)
    best = np.full(probs.shape[1], 0.5, dtype=np.float32)
    best_f1 = np.full(probs.shape[1], -1.0)
    for t in grid:
        f1 = f1_per_label(y, probs >= t)
        better = f1 > best_f1
        best[better] = t
        best_f1[better] = f1[better]
    return best


def predict_with_thresholds(probs: NDArray[np.float32], thresholds: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Labels over their threshold; when none passes, the single best label relative to its threshold."""
    pred = probs >= thresholds
    empty = ~pred.any(1)
    top = np.argmax(probs / np.maximum(thresholds, 1e-6), axis=1)
    pred[np.where(empty)[0], top[empty]] = True
    return pred


def scores(probs: NDArray[np.float32], y: NDArray[np.float32], thresholds: NDArray[np.float32]) -> dict[str, float]:
    pred = predict_with_thresholds(probs, thresholds)
    f1 = f1_per_label(y, pred)
    tp = float((pred & (y > 0)).sum())
    micro = 2 * tp / max(float(pred.sum() + (y > 0).sum()), 1.0)
    return {"macro_f1": float(f1.mean()), "micro_f1": micro}


def split_half_scores(probs: NDArray[np.float32], y: NDArray[np.float32]) -> dict[str, float]:
    """Honest check: tune thresholds on one half of dev, score on the other, and the reverse (mean)."""
    n = len(y)
    idx = np.random.default_rng(0).permutation(n)
    a, b = idx[: n // 2], idx[n // 2 :]
    out = []
    for tune, test in ((a, b), (b, a)):
        th = tune_thresholds(probs[tune], y[tune])
        out.append(scores(probs[test], y[test], th)["macro_f1"])
    return {"macro_f1_half_split": float(np.mean(out))}
