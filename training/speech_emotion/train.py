"""Train the speech-emotion model on EmoDB (``$AMITY_SHARED_DATA/emodb/wav``) and report leave-one-speaker-out.

Steps: openSMILE functionals for every file (eGeMAPSv02 + ComParE_2016 at 16 kHz; cached in ``cache/``) →
per-speaker z-scores (speaker = first two characters of the file name) → optionally the ``k`` features with the
highest ANOVA F on the *training* rows (inside every fold, so held-out speakers never influence the choice) →
multinomial logistic regression (scikit-learn). Unselected features get zero weights in the exported model, so
run time is unchanged. For each configuration the script reports leave-one-speaker-out (LOSO) UAR/accuracy over the
7 local speakers, then fits the shipped configuration on all 7 and writes ``artifacts/speech_emotion.npz``
(numpy weights + the feature sets + the average-speaker prior used for live users) and
``artifacts/speech_emotion.json`` (metrics).

    nice -n 10 python training/speech_emotion/train.py              # ~2 min on 2 CPU cores
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.feature_selection import f_classif
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from amity.senses.evaluation import confusion_matrix, uar  # noqa: E402
from amity.senses.speech_emotion import (  # noqa: E402
    ARTIFACTS,
    EMODB_LETTERS,
    FeatureExtractor,
    read_wav,
    speaker_normalise,
)

CACHE = Path(__file__).resolve().parent / "cache"
ALL_SETS = ("eGeMAPSv02", "ComParE_2016")
N_EGEMAPS = 88
# (name, feature sets, C, k selected features or None = all). C and k come from an exploratory LOSO sweep
# (C in 0.001..1, k in 500/1000/2000); see the model card.
CONFIGS: list[tuple[str, tuple[str, ...], float, int | None]] = [
    ("egemaps_lr", ("eGeMAPSv02",), 0.1, None),
    ("egemaps+compare_lr", ALL_SETS, 0.01, None),
    ("egemaps+compare_anova1000_lr", ALL_SETS, 0.01, 1000),
]
SHIPPED = "egemaps+compare_anova1000_lr"


def shared_data() -> Path:
    default = ROOT.parent / "shared" / "data"
    return Path(os.environ.get("AMITY_SHARED_DATA", default))


def load_features(wav_dir: Path) -> tuple[np.ndarray, list[str]]:
    files = sorted(wav_dir.glob("*.wav"))
    names = [f.name for f in files]
    cache = CACHE / "emodb_features.npz"
    if cache.exists():
        with np.load(cache) as d:
            if list(d["names"]) == names:
                return d["X"], names
    extract = FeatureExtractor(ALL_SETS)
    rows = []
    for i, f in enumerate(files):
        pcm, rate = read_wav(f)
        rows.append(extract(pcm, rate))
        if i % 50 == 0:
            print(f"features {i}/{len(files)}", flush=True)
    X = np.vstack(rows)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, X=X, names=np.array(names))
    return X, names


def columns(sets: tuple[str, ...]) -> slice:
    return slice(0, N_EGEMAPS) if sets == ("eGeMAPSv02",) else slice(None)


class Fitted:
    """A logistic regression on the selected columns, exposed as full-width weights."""

    def __init__(self, z: np.ndarray, y: list[str], c: float, k: int | None) -> None:
        if k is None or k >= z.shape[1]:
            idx = np.arange(z.shape[1])
        else:
            with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # a few ComParE features are constant
                f, _ = f_classif(z, y)
            idx = np.sort(np.argsort(-np.nan_to_num(f))[:k])
        model = LogisticRegression(C=c, max_iter=5000).fit(z[:, idx], y)
        self.classes = [str(label) for label in model.classes_]
        self.coef = np.zeros((len(self.classes), z.shape[1]))
        self.coef[:, idx] = model.coef_
        self.intercept = model.intercept_
        self.selected = len(idx)

    def predict(self, z: np.ndarray) -> list[str]:
        scores = np.atleast_2d(z) @ self.coef.T + self.intercept
        return [self.classes[i] for i in scores.argmax(axis=1)]


def fit(z: np.ndarray, y: list[str], c: float, k: int | None = None) -> Fitted:
    return Fitted(z, y, c, k)


def loso(X: np.ndarray, y: list[str], speakers: list[str], c: float, k: int | None) -> dict[str, object]:
    z = speaker_normalise(X, speakers)
    spk = np.array(speakers)
    pred = np.empty(len(y), dtype=object)
    per_speaker = {}
    for s in sorted(set(speakers)):
        test = spk == s
        model = fit(z[~test], [t for t, m in zip(y, test, strict=True) if not m], c, k)
        pred[test] = model.predict(z[test])
        per_speaker[s] = round(uar([t for t, m in zip(y, test, strict=True) if m], list(pred[test])), 4)
    labels = sorted(set(y))
    return {
        "uar": round(uar(y, list(pred)), 4),
        "accuracy": round(float(np.mean(np.array(y) == pred)), 4),
        "n": len(y),
        "per_speaker_uar": per_speaker,
        "labels": labels,
        "confusion": confusion_matrix(y, list(pred), labels),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="EmoDB folder (default: shared data)")
    args = parser.parse_args()
    wav_dir = (args.data or shared_data() / "emodb") / "wav"
    X, names = load_features(wav_dir)
    y = [EMODB_LETTERS[n[5]] for n in names]
    speakers = [n[:2] for n in names]
    report: dict[str, object] = {"data": f"EmoDB, speakers {sorted(set(speakers))}, {len(names)} files"}
    for name, sets, c, k in CONFIGS:
        t0 = time.time()
        result = loso(X[:, columns(sets)], y, speakers, c, k)
        result.update({"feature_sets": list(sets), "C": c, "k": k, "seconds": round(time.time() - t0, 1)})
        report[name] = result
        print(name, json.dumps({k: result[k] for k in ("uar", "accuracy", "per_speaker_uar")}), flush=True)
    _, sets, c, k = next(cfg for cfg in CONFIGS if cfg[0] == SHIPPED)
    Xs = X[:, columns(sets)]
    model = fit(speaker_normalise(Xs, speakers), y, c, k)
    spk = np.array(speakers)
    means = np.array([Xs[spk == s].mean(axis=0) for s in sorted(set(speakers))])
    stds = np.array([Xs[spk == s].std(axis=0) + 1e-8 for s in sorted(set(speakers))])
    meta = {"classes": model.classes, "feature_sets": list(sets), "C": c, "k": k, "config": SHIPPED}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        ARTIFACTS / "speech_emotion.npz",
        coef=model.coef.astype(np.float32),
        intercept=model.intercept.astype(np.float32),
        prior_mean=means.mean(axis=0),
        prior_std=stds.mean(axis=0),
        meta=np.array(json.dumps(meta)),
    )
    report["shipped"] = {**meta, "trained_on": sorted(set(speakers)), "n": len(y)}
    (ARTIFACTS / "speech_emotion.json").write_text(json.dumps(report, indent=1) + "\n")
    print("wrote", ARTIFACTS / "speech_emotion.npz")


if __name__ == "__main__":
    main()
