"""``amity eval emotions``: score the text emotion model on GoEmotions TSV or EmpatheticDialogues CSV files.

* ``goemotions`` - ``text <TAB> comma-separated label ids <TAB> id`` (no header). Multi-label: macro-F1 over
  the 28 labels, micro-F1 over all (message, label) pairs, per-label precision/recall/F1/support, using the
  model's own per-label thresholds (:meth:`TextEmotionModel.decide`).
* ``ed`` - the EmpatheticDialogues situations CSV (``text,aug_text,label``, label 0..31). Single-label, 32
  classes the model was never trained on: each ED class is scored as the mean probability of the GoEmotions
  labels that express it (:data:`amity.affect.vad.ED_TO_GOEMOTIONS`) and the best-scoring class is the
  prediction. This is a zero-shot transfer check, not a trained 32-way classifier (no ED-derived weights ship:
  ED is CC BY-NC 4.0). ``micro_f1`` equals accuracy here.

``ms_per_message`` is the mean wall time of single-message :meth:`TextEmotionModel.predict` calls on (up to)
the first 300 messages, after one warm-up call: the latency a live turn sees, not batched throughput.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from amity.affect.text_emotion import TextEmotionModel, shared_model
from amity.affect.vad import ED_LABELS, LABELS, ed_scores
from amity.errors import InputError

FORMATS = ("goemotions", "ed")


def read_goemotions(path: Path) -> tuple[list[str], NDArray[np.bool_]]:
    texts: list[str] = []
    rows: list[list[int]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if not line.strip():
                continue
            try:
                ids = [int(x) for x in parts[1].split(",") if x.strip()]
            except (IndexError, ValueError) as exc:
                raise InputError(
                    f"{path}:{n} is not GoEmotions TSV (text <TAB> label ids <TAB> id).",
                    "Pass a GoEmotions .tsv file, or use --format ed for EmpatheticDialogues CSV.",
                ) from exc
            if any(i < 0 or i >= len(LABELS) for i in ids):
                raise InputError(f"{path}:{n} has a label id outside 0..27.", "Check the file's label column.")
            texts.append(parts[0])
            rows.append(ids)
    y = np.zeros((len(texts), len(LABELS)), dtype=bool)
    for i, ids in enumerate(rows):
        y[i, ids] = True
    return texts, y


def read_ed(path: Path) -> tuple[list[str], NDArray[np.int64]]:
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"text", "label"} <= set(reader.fieldnames):
            raise InputError(f"{path} has no text,label header.", "Pass an EmpatheticDialogues situations CSV.")
        for row in reader:
            try:
                label = int(row["label"])
            except (TypeError, ValueError) as exc:
                raise InputError(f"{path} has a bad label {row['label']!r}.", "Labels must be 0..31.") from exc
            if not 0 <= label < len(ED_LABELS):
                raise InputError(f"{path} has a label outside 0..31: {label}.", "Labels must be 0..31.")
            texts.append(row["text"])
            labels.append(label)
    return texts, np.asarray(labels, dtype=np.int64)


def _prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": int(tp + fn)}


def multilabel_report(y: NDArray[np.bool_], pred: NDArray[np.bool_], names: tuple[str, ...]) -> dict[str, Any]:
    tp = (pred & y).sum(0).astype(float)
    fp = (pred & ~y).sum(0).astype(float)
    fn = (~pred & y).sum(0).astype(float)
    per = {name: _prf(tp[j], fp[j], fn[j]) for j, name in enumerate(names)}
    macro = float(np.mean([v["f1"] for v in per.values()])) if per else 0.0
    micro = _prf(tp.sum(), fp.sum(), fn.sum())["f1"]
    return {"macro_f1": round(macro, 4), "micro_f1": micro, "n": len(y), "per_label": per}


def latency_ms(model: TextEmotionModel, texts: list[str], limit: int = 300) -> float:
    sample = texts[:limit] or ["hello"]
    model.predict(sample[0])
    t0 = time.perf_counter()
    for text in sample:
        model.predict(text)
    return round((time.perf_counter() - t0) * 1000 / len(sample), 3)


def evaluate_emotions(path: Path, fmt: str = "goemotions", model: TextEmotionModel | None = None) -> dict[str, Any]:
    """Score the model on a labelled file; returns macro_f1, micro_f1, n, per_label, ms_per_message."""
    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}.", f"Use one of: {', '.join(FORMATS)}.")
    if not path.is_file():
        raise InputError(f"{path} does not exist.", "Pass the path of a labelled data file.")
    model = model or shared_model()
    if fmt == "goemotions":
        texts, y = read_goemotions(path)
        if not texts:
            raise InputError(f"{path} holds no examples.", "Pass a non-empty file.")
        probs = model.probabilities(texts)
        report = multilabel_report(y, model.decide(probs), model.labels)
    else:
        texts, gold = read_ed(path)
        if not texts:
            raise InputError(f"{path} holds no examples.", "Pass a non-empty file.")
        guess = np.argmax(ed_scores(model.probabilities(texts)), axis=1)
        onehot_y = np.eye(len(ED_LABELS), dtype=bool)[gold]
        onehot_p = np.eye(len(ED_LABELS), dtype=bool)[guess]
        report = multilabel_report(onehot_y, onehot_p, ED_LABELS)
        report["micro_f1"] = round(float(np.mean(guess == gold)), 4)
        report["method"] = "zero-shot: ED class = mean probability of its mapped GoEmotions labels"
    report["ms_per_message"] = latency_ms(model, texts)
    return report
