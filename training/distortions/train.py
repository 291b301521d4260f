"""Train the cognitive-distortion models shipped as
``src/amity/care/artifacts/distortion_{presence,type}.npz``.

Data: ``$AMITY_SHARED_DATA/cognitive_distortion/dev.csv`` (2,030 rows; the dataset has no official split).
Honest protocol:

1. A stratified 80/20 split (seed 0). The 20% part (406 rows) is held out and used only for the final report.
2. On the 80% part, 5-fold cross-validation chooses the regularisation ``C`` of both models and the presence
   decision threshold (maximising out-of-fold F1).
3. The held-out figures are computed with models fit on the 80% part and exported to the numpy runtime.
4. The shipped models are then refit on all 2,030 rows with the same settings (the independent check uses
   500 rows that are not in dev.csv).

    nice -n 10 python training/distortions/train.py        # ~1-2 min on a 2-core CPU
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from amity.care.cbt.distortions import (  # noqa: E402
    DENSE_NAMES,
    NO_DISTORTION,
    PRESENCE_ARTIFACT,
    TYPE_ARTIFACT,
    TYPES,
    DistortionDetector,
    dense_features,
    read_csv,
)
from amity.care.evaluation import f1_binary, macro_f1, shared_data  # noqa: E402
from amity.care.textfeat import ARTIFACTS, LinearTextModel, save_artifact, tokens  # noqa: E402

Rows = list[tuple[str, str]]


def _identity(x: list[str]) -> list[str]:
    return x


def fit(rows: Rows, target: str, c: float) -> tuple[TfidfVectorizer, LogisticRegression]:
    """``target`` is ``presence`` (labels "0"/"1") or ``type`` (distorted rows only)."""
    if target == "type":
        rows = [r for r in rows if r[1] != NO_DISTORTION]
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2, max_features=30000)
    x = _x(vec, rows, fit=True)
    y = [("1" if lab != NO_DISTORTION else "0") if target == "presence" else lab for _, lab in rows]
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if target == "type" else None)
    clf.fit(x, y)
    return vec, clf


def _x(vec: TfidfVectorizer, rows: Rows, fit: bool = False) -> sp.csr_matrix:
    grams = [tokens(t) for t, _ in rows]
    text = vec.fit_transform(grams) if fit else vec.transform(grams)
    return sp.hstack([text, sp.csr_matrix(np.asarray([dense_features(t) for t, _ in rows]))]).tocsr()


def export(vec: TfidfVectorizer, clf: LogisticRegression, path: Path, meta: dict[str, object]) -> None:
    vocab = [""] * len(vec.vocabulary_)
    for gram, j in vec.vocabulary_.items():
        vocab[j] = gram
    save_artifact(
        path,
        vocab=vocab,
        idf=vec.idf_,
        weights=clf.coef_,
        bias=clf.intercept_,
        classes=[str(k) for k in clf.classes_],
        dense_names=DENSE_NAMES,
        meta=meta,
    )


def select(rows: Rows) -> tuple[float, float, float]:
    """5-fold CV on ``rows``: best presence C and threshold, best type C."""
    y = np.asarray([lab != NO_DISTORTION for _, lab in rows])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(rows)), y))
    best_p: tuple[float, float, float] = (-1.0, 1.0, 0.5)
    for c in (1.0, 4.0, 16.0):
        oof = np.zeros(len(rows))
        for tr, te in folds:
            vec, clf = fit([rows[i] for i in tr], "presence", c)
            oof[te] = clf.predict_proba(_x(vec, [rows[i] for i in te]))[:, 1]
        for th in np.arange(0.2, 0.71, 0.02):
            f1 = f1_binary(list(y), list(oof >= th))
            if f1 > best_p[0]:
                best_p = (f1, c, float(th))
        print(
            f"presence C={c}: best CV F1 so far {best_p[0]:.4f} (C={best_p[1]}, th={best_p[2]:.2f})",
            flush=True,
        )
    distorted = [r for r in rows if r[1] != NO_DISTORTION]
    yt = [lab for _, lab in distorted]
    tfolds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(distorted)), yt))
    best_t = (-1.0, 1.0)
    for c in (1.0, 4.0, 16.0):
        pred = [""] * len(distorted)
        for tr, te in tfolds:
            vec, clf = fit([distorted[i] for i in tr], "type", c)
            for i, p in zip(te, clf.predict(_x(vec, [distorted[i] for i in te])), strict=True):
                pred[i] = str(p)
        mf1 = float(f1_score(yt, pred, average="macro"))
        print(f"type C={c}: CV macro-F1 {mf1:.4f}", flush=True)
        if mf1 > best_t[0]:
            best_t = (mf1, c)
    return best_p[1], best_p[2], best_t[1]


def held_out_report(train: Rows, test: Rows, cp: float, th: float, ct: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        pv, pc = fit(train, "presence", cp)
        tv, tc = fit(train, "type", ct)
        export(pv, pc, Path(tmp) / "p.npz", {"threshold": th})
        export(tv, tc, Path(tmp) / "t.npz", {})
        det = DistortionDetector(LinearTextModel.load(Path(tmp) / "p.npz"), LinearTextModel.load(Path(tmp) / "t.npz"))
        results = [det.detect(t) for t, _ in test]
    gold_p = [lab != NO_DISTORTION for _, lab in test]
    pairs = [(lab, r.top_type) for (_, lab), r in zip(test, results, strict=True) if lab != NO_DISTORTION]
    return {
        "f1_presence": round(f1_binary(gold_p, [r.present for r in results]), 4),
        "macro_f1_type": round(macro_f1([g for g, _ in pairs], [p for _, p in pairs], TYPES), 4),
        "n": len(test),
        "f1_presence_all_positive_baseline": round(f1_binary(gold_p, [True] * len(test)), 4),
    }


def main() -> None:
    rows = read_csv(shared_data() / "cognitive_distortion" / "dev.csv")
    labels = [lab for _, lab in rows]
    train, test = train_test_split(rows, test_size=0.2, random_state=0, stratify=labels)
    cp, th, ct = select(train)
    report = held_out_report(train, test, cp, th, ct)
    print("held-out 20%:", json.dumps(report), flush=True)
    meta = {"C": cp, "threshold": th, "held_out_20pct": report, "n_train": len(rows), "data": "dev.csv (all)"}
    pv, pc = fit(rows, "presence", cp)
    export(pv, pc, ARTIFACTS / PRESENCE_ARTIFACT, meta)
    tv, tc = fit(rows, "type", ct)
    export(tv, tc, ARTIFACTS / TYPE_ARTIFACT, {"C": ct, "held_out_20pct": report, "n_train": len(rows)})
    sizes = {p: (ARTIFACTS / p).stat().st_size for p in (PRESENCE_ARTIFACT, TYPE_ARTIFACT)}
    print(json.dumps({"presence_C": cp, "threshold": th, "type_C": ct, "bytes": sizes}, indent=2))


if __name__ == "__main__":
    main()
