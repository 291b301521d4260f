"""Offline evaluation of the voice and face channels (``amity eval speech`` / ``amity eval face``).

* :func:`evaluate_speech` reads the EmoDB layout (``DIR/wav/*.wav`` or ``DIR/*.wav``; the emotion letter is the
  6th character of the file name, the speaker the first two). The shipped model was trained on the 7 local
  speakers; files of *other* speakers are normalised with their own speaker's statistics over the evaluated
  files (the batch analogue of the running per-user statistics used live). Metric: unweighted average recall
  (UAR, EmoDB's usual figure) plus accuracy and a confusion matrix.
* :func:`evaluate_face` reads the FER2013 folder layout (``DIR/<emotion>/<file>.jpg``). FER2013 images are
  already 48×48 face crops — too small for the Haar cascade — so they go straight to the expression network
  (:meth:`FaceExpression.classify_members`); detection is exercised separately in the tests. Metrics: accuracy,
  macro-F1, confusion matrix (of the ensemble) and each member network's accuracy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from amity.errors import InputError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp")


def confusion_matrix(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """Rows = true label, columns = predicted label, in ``labels`` order."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, pred, strict=True):
        if t in index and p in index:
            matrix[index[t]][index[p]] += 1
    return matrix


def uar(truth: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted average recall: the mean of per-class recalls over the classes present in ``truth``."""
    recalls = []
    for label in sorted(set(truth)):
        rows = [p for t, p in zip(truth, pred, strict=True) if t == label]
        recalls.append(sum(p == label for p in rows) / len(rows))
    return float(np.mean(recalls)) if recalls else 0.0


def macro_f1(truth: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the classes present in ``truth``."""
    scores = []
    for label in sorted(set(truth)):
        tp = sum(t == label and p == label for t, p in zip(truth, pred, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, pred, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def evaluate_speech(data_dir: Path) -> dict[str, Any]:
    """UAR/accuracy of the shipped voice model on an EmoDB-layout folder."""
    from amity.senses.speech_emotion import EMODB_LETTERS, SpeechEmotion, read_wav

    data_dir = Path(data_dir)
    folder = data_dir / "wav" if (data_dir / "wav").is_dir() else data_dir
    files = sorted(f for f in folder.glob("*.wav") if len(f.stem) >= 6 and f.stem[5] in EMODB_LETTERS)
    if not files:
        raise InputError(
            f"No EmoDB-style .wav files in {folder}.",
            fix="Point --data at an EmoDB folder (wav/*.wav, emotion letter as the 6th character of the name).",
        )
    model = SpeechEmotion()
    features = np.vstack([model.extract(*read_wav(f)) for f in files])
    speakers = [f.name[:2] for f in files]
    probs = model.predict_batch(features, speakers)
    classes = model.model.classes
    truth = [EMODB_LETTERS[f.name[5]] for f in files]
    pred = [classes[i] for i in probs.argmax(axis=1)]
    labels = list(classes)
    return {
        "uar": round(uar(truth, pred), 4),
        "accuracy": round(float(np.mean([t == p for t, p in zip(truth, pred, strict=True)])), 4),
        "n": len(files),
        "confusion": {"labels": labels, "matrix": confusion_matrix(truth, pred, labels)},
        "speakers": sorted(set(speakers)),
        "normalisation": "per speaker, statistics over the evaluated files",
        **_seen_speakers(set(speakers)),
    }


def _seen_speakers(speakers: set[str]) -> dict[str, Any]:
    """Flag evaluated speakers the shipped model was trained on (their figures are in-sample)."""
    from amity.senses.speech_emotion import ARTIFACTS

    report = ARTIFACTS / "speech_emotion.json"
    trained = set(json.loads(report.read_text())["shipped"]["trained_on"]) if report.exists() else set()
    seen = sorted(speakers & trained)
    if not seen:
        return {}
    return {
        "seen_in_training": seen,
        "note": "in-sample for these speakers; see docs/models/speech_emotion.md for leave-one-speaker-out",
    }


def evaluate_face(data_dir: Path, batch_size: int = 128) -> dict[str, Any]:
    """Accuracy/macro-F1 of the shipped face model on a FER2013-layout folder of face crops."""
    from amity.senses.face import CLASSES, FaceExpression, read_image

    data_dir = Path(data_dir)
    items = (
        [
            (path, folder.name.lower())
            for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and p.name.lower() in CLASSES)
            for path in sorted(folder.iterdir())
            if path.suffix.lower() in IMAGE_SUFFIXES
        ]
        if data_dir.is_dir()
        else []
    )
    if not items:
        raise InputError(
            f"No labelled face images in {data_dir}.",
            fix=f"Use the FER2013 layout: DIR/<emotion>/<file>.jpg with emotion in {', '.join(CLASSES)}.",
        )
    model = FaceExpression()
    probs: dict[str, list[NDArray[np.float32]]] = {}
    for start in range(0, len(items), batch_size):
        crops = [read_image(path) for path, _ in items[start : start + batch_size]]
        for name, p in model.classify_members(crops).items():
            probs.setdefault(name, []).append(p)
    stacked = {name: np.concatenate(p) for name, p in probs.items()}
    pred = [CLASSES[i] for i in np.mean(list(stacked.values()), axis=0).argmax(axis=1)]
    truth = [label for _, label in items]
    labels = list(CLASSES)

    def accuracy(guess: list[str]) -> float:
        return round(float(np.mean([t == p for t, p in zip(truth, guess, strict=True)])), 4)

    return {
        "accuracy": accuracy(pred),
        "macro_f1": round(macro_f1(truth, pred), 4),
        "n": len(items),
        "members": {name: accuracy([CLASSES[i] for i in p.argmax(axis=1)]) for name, p in stacked.items()},
        "confusion": {"labels": labels, "matrix": confusion_matrix(truth, pred, labels)},
    }
