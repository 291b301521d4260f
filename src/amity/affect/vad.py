"""Label geometry: where each GoEmotions label sits in valence/arousal space, its Ekman group, and ED mapping.

Valence and arousal are on Amity's scale (-1 .. 1). The values for the 28 label words were set by hand, guided
by the NRC Valence-Arousal-Dominance lexicon's ratings of those words (Mohammad 2018; 0..1 scale, rescaled as
2x-1) and rounded; they are *not* a copy of the lexicon. A turn's valence/arousal is the probability-weighted
mean of its labels' positions (:func:`valence_arousal`), so "neutral" pulls towards the centre.

The Ekman grouping is GoEmotions' own ``ekman_mapping.json`` (Demszky et al. 2020). :data:`ED_TO_GOEMOTIONS`
maps each of the 32 EmpatheticDialogues situation labels to the GoEmotions labels that express it; it is used
only to evaluate the 28-label model zero-shot on ED (see ``docs/models/text_emotion.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

LABELS: tuple[str, ...] = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity",
    "desire", "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear",
    "gratitude", "grief", "joy", "love", "nervousness", "optimism", "pride", "realization", "relief",
    "remorse", "sadness", "surprise", "neutral",
)  # fmt: skip

VA: dict[str, tuple[float, float]] = {
    "admiration": (0.70, 0.20),
    "amusement": (0.75, 0.50),
    "anger": (-0.70, 0.75),
    "annoyance": (-0.50, 0.40),
    "approval": (0.50, 0.00),
    "caring": (0.60, 0.05),
    "confusion": (-0.25, 0.25),
    "curiosity": (0.30, 0.40),
    "desire": (0.40, 0.55),
    "disappointment": (-0.60, -0.10),
    "disapproval": (-0.50, 0.20),
    "disgust": (-0.70, 0.45),
    "embarrassment": (-0.50, 0.35),
    "excitement": (0.75, 0.85),
    "fear": (-0.75, 0.70),
    "gratitude": (0.80, 0.10),
    "grief": (-0.85, -0.20),
    "joy": (0.90, 0.60),
    "love": (0.90, 0.35),
    "nervousness": (-0.50, 0.65),
    "optimism": (0.70, 0.30),
    "pride": (0.70, 0.45),
    "realization": (0.10, 0.15),
    "relief": (0.60, -0.45),
    "remorse": (-0.60, 0.00),
    "sadness": (-0.80, -0.40),
    "surprise": (0.20, 0.75),
    "neutral": (0.00, 0.00),
}

EKMAN: dict[str, tuple[str, ...]] = {
    "anger": ("anger", "annoyance", "disapproval"),
    "disgust": ("disgust",),
    "fear": ("fear", "nervousness"),
    "joy": (
        "joy", "amusement", "approval", "excitement", "gratitude", "love", "optimism", "relief", "pride",
        "admiration", "desire", "caring",
    ),
    "sadness": ("sadness", "disappointment", "embarrassment", "grief", "remorse"),
    "surprise": ("surprise", "realization", "confusion", "curiosity"),
    "neutral": ("neutral",),
}  # fmt: skip

EKMAN_OF: dict[str, str] = {label: group for group, members in EKMAN.items() for label in members}

ED_LABELS: tuple[str, ...] = (
    "sad", "trusting", "terrified", "caring", "disappointed", "faithful", "joyful", "jealous", "disgusted",
    "surprised", "ashamed", "afraid", "impressed", "sentimental", "devastated", "excited", "anticipating",
    "annoyed", "anxious", "furious", "content", "lonely", "angry", "confident", "apprehensive", "guilty",
    "embarrassed", "grateful", "hopeful", "proud", "prepared", "nostalgic",
)  # fmt: skip

ED_TO_GOEMOTIONS: dict[str, tuple[str, ...]] = {
    "sad": ("sadness",),
    "trusting": ("approval", "caring"),
    "terrified": ("fear",),
    "caring": ("caring",),
    "disappointed": ("disappointment",),
    "faithful": ("love", "approval"),
    "joyful": ("joy",),
    "jealous": ("desire", "annoyance"),
    "disgusted": ("disgust",),
    "surprised": ("surprise",),
    "ashamed": ("remorse", "embarrassment"),
    "afraid": ("fear",),
    "impressed": ("admiration",),
    "sentimental": ("love", "sadness"),
    "devastated": ("grief", "sadness"),
    "excited": ("excitement",),
    "anticipating": ("excitement", "desire", "optimism"),
    "annoyed": ("annoyance",),
    "anxious": ("nervousness",),
    "furious": ("anger",),
    "content": ("joy", "relief", "approval"),
    "lonely": ("sadness",),
    "angry": ("anger",),
    "confident": ("pride", "optimism"),
    "apprehensive": ("nervousness", "fear"),
    "guilty": ("remorse",),
    "embarrassed": ("embarrassment",),
    "grateful": ("gratitude",),
    "hopeful": ("optimism",),
    "proud": ("pride",),
    "prepared": ("optimism", "approval"),
    "nostalgic": ("love", "sadness", "realization"),
}

_VA = np.array([VA[label] for label in LABELS], dtype=np.float32)


def valence_arousal(probs: NDArray[np.float32] | Sequence[float]) -> tuple[float, float]:
    """Probability-weighted mean position of the 28 labels; (0, 0) when nothing is predicted."""
    p = np.asarray(probs, dtype=np.float32)
    total = float(p.sum())
    if total <= 0:
        return 0.0, 0.0
    v, a = (p @ _VA) / total
    return float(np.clip(v, -1, 1)), float(np.clip(a, -1, 1))


def ed_scores(probs: NDArray[np.float32]) -> NDArray[np.float32]:
    """(n, 28) GoEmotions probabilities -> (n, 32) ED scores: the mean probability of each ED class's labels."""
    index = {label: i for i, label in enumerate(LABELS)}
    m = np.zeros((len(LABELS), len(ED_LABELS)), dtype=np.float32)
    for j, ed in enumerate(ED_LABELS):
        for label in ED_TO_GOEMOTIONS[ed]:
            m[index[label], j] = 1.0 / len(ED_TO_GOEMOTIONS[ed])
    return np.asarray(probs, dtype=np.float32) @ m
