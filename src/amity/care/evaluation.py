"""Evaluations behind ``amity eval strategy`` and ``amity eval distortions``.

Both run the shipped numpy models over a public data file and return plain JSON-able dicts:

* :func:`evaluate_strategy` - ESConv jsonl: predict each supporter turn's strategy from the context before it
  (no priors from affect, which ESConv does not carry): ``{"accuracy", "macro_f1", "n"}``.
* :func:`evaluate_distortions` - the Shreevastava & Foltz CSV: presence F1 (distorted = positive class) and
  macro-F1 over the 10 distortion types on the rows that are distorted:
  ``{"f1_presence", "macro_f1_type", "n"}``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from amity.errors import InputError


def shared_data() -> Path:
    """``$AMITY_SHARED_DATA`` or ``<repo root>/../shared/data``."""
    env = os.environ.get("AMITY_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def f1_binary(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> float:
    """Unweighted mean of per-class F1 over ``labels`` (default: every label seen in gold or pred)."""
    classes = list(labels) if labels is not None else sorted(set(gold) | set(pred))
    if not classes:
        return 0.0
    scores = [f1_binary([g == c for g in gold], [p == c for p in pred]) for c in classes]
    return sum(scores) / len(scores)


def _require(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"No data file at {path}.", "Pass an existing file with --data.")


def evaluate_strategy(path: Path) -> dict[str, Any]:
    """Accuracy and macro-F1 of next-strategy prediction on an ESConv jsonl file."""
    from amity.care.strategy import STRATEGIES, StrategyPlanner, esconv_examples

    _require(path)
    planner = StrategyPlanner()
    gold: list[str] = []
    pred: list[str] = []
    for example in esconv_examples(path):
        gold.append(example.label)
        pred.append(planner.predict(example))
    if not gold:
        raise InputError(f"{path} holds no supporter turns.", "Pass an ESConv train/valid/test .jsonl file.")
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold)
    return {
        "accuracy": round(accuracy, 4),
        "macro_f1": round(macro_f1(gold, pred, STRATEGIES), 4),
        "n": len(gold),
    }


def evaluate_distortions(path: Path) -> dict[str, Any]:
    """Presence F1 and type macro-F1 of the distortion detector on a CSV in the dev.csv format."""
    from amity.care.cbt.distortions import NO_DISTORTION, TYPES, DistortionDetector, read_csv

    _require(path)
    rows = read_csv(path)
    if not rows:
        raise InputError(f"{path} holds no rows.", "Pass a CSV with 'Patient Question' and 'Dominant Distortion'.")
    detector = DistortionDetector()
    gold_presence: list[bool] = []
    pred_presence: list[bool] = []
    gold_type: list[str] = []
    pred_type: list[str] = []
    for text, label in rows:
        result = detector.detect(text)
        gold_presence.append(label != NO_DISTORTION)
        pred_presence.append(result.present)
        if label != NO_DISTORTION:
            gold_type.append(label)
            pred_type.append(result.top_type)
    return {
        "f1_presence": round(f1_binary(gold_presence, pred_presence), 4),
        "macro_f1_type": round(macro_f1(gold_type, pred_type, TYPES), 4),
        "n": len(rows),
    }
