"""Text emotion: the 28 GoEmotions labels (multi-label) from one message, numpy only at run time.

The shipped model is ``artifacts/text_emotion_tfidf.npz``, written by
``training/text_emotion/train_tfidf.py``: TF-IDF features (:mod:`amity.affect.features`) -> 28 logistic
regressions (int8 weights, one scale per label) -> sigmoid probabilities -> per-label thresholds tuned on
GoEmotions dev. Nothing is loaded at import; the artifact is read on the first prediction
(:meth:`TextEmotionModel.load`). The model card is ``docs/models/text_emotion.md``.

A prediction becomes a :class:`amity.types.ChannelAffect` (channel ``"text"``): labels over their threshold
(at least the best one) with their probabilities, valence/arousal from :mod:`amity.affect.vad`, and a
confidence that is the top label's probability (how sure the classifier is, not how right it is: see the model
card's metrics).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from amity.affect.features import TfidfVectorizer
from amity.affect.vad import valence_arousal
from amity.errors import ModelError
from amity.types import ChannelAffect, Emotion

ARTIFACT = "text_emotion_tfidf.npz"


def default_artifact() -> Path:
    return Path(str(resources.files("amity.affect") / "artifacts" / ARTIFACT))


class TextEmotionModel:
    """Lazily loaded GoEmotions classifier; thread-safe, cheap to construct."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_artifact()
        self._lock = threading.Lock()
        self._loaded = False
        self.labels: tuple[str, ...] = ()
        self.thresholds: NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._vectorizer: TfidfVectorizer | None = None
        self._weight: NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)
        self._bias: NDArray[np.float32] = np.zeros(0, dtype=np.float32)

    def load(self) -> None:
        """Read the artifact (once)."""
        with self._lock:
            if self._loaded:
                return
            try:
                with np.load(self.path, allow_pickle=False) as z:
                    terms = str(z["terms"]).split("\n")
                    self.labels = tuple(str(z["labels"]).split("\n"))
                    self.thresholds = z["thresholds"].astype(np.float32)
                    self._weight = z["weight"].astype(np.float32) * z["scale"].astype(np.float32)
                    self._bias = z["bias"].astype(np.float32)
                    idf = z["idf"].astype(np.float32)
            except (OSError, KeyError, ValueError) as exc:
                raise ModelError(
                    f"The text emotion model at {self.path} cannot be read: {exc}.",
                    "Reinstall Amity, or rebuild it: `python training/text_emotion/train_tfidf.py --write`.",
                ) from exc
            self._vectorizer = TfidfVectorizer({t: i for i, t in enumerate(terms)}, idf)
            self._loaded = True

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """(n, 28) sigmoid probabilities."""
        self.load()
        assert self._vectorizer is not None
        out = np.empty((len(texts), len(self.labels)), dtype=np.float32)
        for k, text in enumerate(texts):
            idx, val = self._vectorizer.row(text)
            logits = val @ self._weight[idx] + self._bias if len(idx) else self._bias
            out[k] = 1.0 / (1.0 + np.exp(-logits))
        return out

    def decide(self, probs: NDArray[np.float32]) -> NDArray[np.bool_]:
        """Labels over their threshold; when none passes, the best label relative to its threshold."""
        self.load()
        pred = probs >= self.thresholds
        empty = ~pred.any(axis=1)
        top = np.argmax(probs / np.maximum(self.thresholds, 1e-6), axis=1)
        pred[np.nonzero(empty)[0], top[empty]] = True
        return pred

    def predict_batch(self, texts: Sequence[str]) -> list[ChannelAffect]:
        probs = self.probabilities(texts)
        chosen = self.decide(probs)
        return [self._affect(p, c) for p, c in zip(probs, chosen, strict=True)]

    def predict(self, text: str) -> ChannelAffect:
        return self.predict_batch([text])[0]

    def _affect(self, probs: NDArray[np.float32], chosen: NDArray[np.bool_]) -> ChannelAffect:
        order = [int(i) for i in np.argsort(-probs) if chosen[i]]
        labels = tuple(Emotion(self.labels[i], float(probs[i])) for i in order)
        valence, arousal = valence_arousal(probs)
        return ChannelAffect(
            channel="text",
            label=labels[0].label,
            valence=valence,
            arousal=arousal,
            confidence=float(probs[order[0]]),
            labels=labels,
        )


_shared: TextEmotionModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> TextEmotionModel:
    """The process-wide model (loaded on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = TextEmotionModel()
        return _shared
