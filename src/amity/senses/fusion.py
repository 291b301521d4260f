"""Late fusion of per-channel affect estimates (words, voice, face) into one :class:`~amity.types.Affect`.

Each channel model already reports a point in valence/arousal space plus a confidence, so fusion happens
there, late, and needs no joint training data (none exists for our channels):

* **weights** — ``w_i = confidence_i * reliability_i``. The reliability priors (:data:`RELIABILITY`) reflect the
  measured quality of each channel model: text is the most direct signal; the voice model is trained on acted
  German speech and the face model reaches about two thirds accuracy on FER2013, so both count for less.
* **valence/arousal** — the weighted mean of the channel points.
* **label** — every channel's label distribution is mapped onto one small shared vocabulary
  (:data:`CANONICAL`: Ekman's six, neutral, boredom, confusion; unknown labels pass through; GoEmotions'
  *curiosity* counts as neutral, see ``_GROUPS``), weighted by ``w_i`` and summed;
  the arg-max is the fused label. A channel without a distribution contributes its top label at its confidence.
* **confidence** — the weight-averaged channel confidence, halved when the channels conflict.
* **conflict** — two channels that are each confident enough (≥ :data:`CONFLICT_MIN_CONFIDENCE`) and clearly on
  opposite sides of neutral in valence (each ``|v|`` ≥ :data:`CONFLICT_MIN_VALENCE`, gap ≥ :data:`CONFLICT_GAP`).
  A smiling face over sad words is information, not noise: :func:`conflict_guidance` turns it into one gentle
  line for the system prompt so the companion can name it and ask, never assert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amity.types import Affect, Channel, ChannelAffect, Emotion

RELIABILITY: dict[Channel, float] = {"text": 1.0, "voice": 0.7, "face": 0.6}
CONFLICT_MIN_CONFIDENCE = 0.4
CONFLICT_MIN_VALENCE = 0.25
CONFLICT_GAP = 0.7

_GROUPS: dict[str, tuple[str, ...]] = {
    "joy": (
        "joy",
        "happy",
        "happiness",
        "amusement",
        "excitement",
        "gratitude",
        "love",
        "optimism",
        "pride",
        "relief",
        "admiration",
        "approval",
        "caring",
        "desire",
        "content",
        "contentment",
    ),
    "sadness": ("sadness", "sad", "grief", "disappointment", "remorse", "embarrassment", "loneliness"),
    "anger": ("anger", "angry", "annoyance", "disapproval", "frustration"),
    "fear": ("fear", "nervousness", "anxiety", "anxious", "worry"),
    "disgust": ("disgust",),
    "surprise": ("surprise", "realization"),
    # GoEmotions' Ekman mapping puts curiosity and confusion under surprise. Its curiosity is mostly the act of
    # asking ("How have you been?": curiosity 0.99), so it counts as neutral; confusion ("I'm so confused about
    # what to do") is named as itself. As "surprise" in the prompt, both misread every question.
    "confusion": ("confusion", "confused"),
    "neutral": ("neutral", "calm", "curiosity"),
    "boredom": ("boredom", "bored"),
}
CANONICAL: dict[str, str] = {alias: group for group, aliases in _GROUPS.items() for alias in aliases}

# How a channel's reading is described to the LLM in conflict guidance.
_SUBJECT: dict[Channel, str] = {"text": "words sound", "voice": "voice sounds", "face": "face looks"}
_ADJECTIVE: dict[str, str] = {
    "joy": "cheerful",
    "sadness": "sad",
    "anger": "angry",
    "fear": "worried",
    "disgust": "put off",
    "surprise": "surprised",
    "confusion": "confused",
    "neutral": "calm",
    "boredom": "flat",
}


def canonical_label(label: str) -> str:
    """Map a model-specific label (e.g. GoEmotions ``"grief"``, FER ``"happy"``) to the shared vocabulary."""
    key = label.strip().lower()
    return CANONICAL.get(key, key)


@dataclass(frozen=True)
class ChannelConflict:
    """Two channels that disagree: ``positive`` reads pleasant, ``negative`` unpleasant."""

    positive: ChannelAffect
    negative: ChannelAffect

    @property
    def gap(self) -> float:
        return self.positive.valence - self.negative.valence


def _weight(c: ChannelAffect) -> float:
    return max(0.0, min(1.0, c.confidence)) * RELIABILITY.get(c.channel, 0.5)


def find_conflict(channels: Sequence[ChannelAffect]) -> ChannelConflict | None:
    """The most divergent confident pair of channels with opposite valence, if any."""
    sure = [c for c in channels if c.confidence >= CONFLICT_MIN_CONFIDENCE and abs(c.valence) >= CONFLICT_MIN_VALENCE]
    best: ChannelConflict | None = None
    for pos in (c for c in sure if c.valence > 0):
        for neg in (c for c in sure if c.valence < 0 and c.channel != pos.channel):
            pair = ChannelConflict(positive=pos, negative=neg)
            if pair.gap >= CONFLICT_GAP and (best is None or pair.gap > best.gap):
                best = pair
    return best


def _fused_labels(channels: Sequence[ChannelAffect], weights: list[float]) -> tuple[Emotion, ...]:
    scores: dict[str, float] = {}
    for c, w in zip(channels, weights, strict=True):
        dist = c.labels or (Emotion(c.label, c.confidence),)
        for e in dist:
            key = canonical_label(e.label)
            scores[key] = scores.get(key, 0.0) + w * e.score
    total = sum(scores.values())
    if total <= 0:
        return ()
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Emotion(label, score / total) for label, score in ranked)


def fuse(channels: Sequence[ChannelAffect]) -> Affect:
    """Confidence-weighted late fusion of the channel estimates (see the module docstring)."""
    if not channels:
        return Affect(label="neutral", valence=0.0, arousal=0.0, confidence=0.0)
    weights = [_weight(c) for c in channels]
    total = sum(weights)
    if total <= 0:  # every channel has zero confidence: average without weighting, report no confidence
        weights = [1.0] * len(channels)
        total = float(len(channels))
    valence = sum(w * c.valence for c, w in zip(channels, weights, strict=True)) / total
    arousal = sum(w * c.arousal for c, w in zip(channels, weights, strict=True)) / total
    confidence = sum(w * c.confidence for c, w in zip(channels, weights, strict=True)) / total
    labels = _fused_labels(channels, weights)
    conflict = find_conflict(channels) is not None
    if conflict:
        confidence *= 0.5
    return Affect(
        label=labels[0].label if labels else canonical_label(channels[0].label),
        valence=max(-1.0, min(1.0, valence)),
        arousal=max(-1.0, min(1.0, arousal)),
        confidence=max(0.0, min(1.0, confidence)),
        labels=labels,
        channels=tuple(channels),
        conflict=conflict,
    )


def _describe(c: ChannelAffect) -> str:
    label = canonical_label(c.label)
    adjective = _ADJECTIVE.get(label)
    if adjective is None or (label == "neutral" and c.valence != 0):
        adjective = "upbeat" if c.valence > 0 else "low"
    return f"their {_SUBJECT[c.channel]} {adjective}"


def conflict_guidance(affect: Affect) -> str | None:
    """One gentle line of prompt guidance when the channels disagree, else ``None``."""
    found = find_conflict(affect.channels) if affect.conflict else None
    if found is None:
        return None
    first, second = found.negative, found.positive
    if second.channel == "text":  # lead with the words: that is what the user chose to say
        first, second = second, first
    sentence = f"{_describe(first)} but {_describe(second)}"
    return (
        f"{sentence[0].upper()}{sentence[1:]}; if it feels right, gently mention it and ask how they "
        "really feel, without insisting — these readings are guesses."
    )


def conflict_notice_text(affect: Affect) -> str | None:
    """A short, neutral description of the conflict for front ends (the ``affect_conflict`` notice)."""
    found = find_conflict(affect.channels) if affect.conflict else None
    if found is None:
        return None
    return (
        f"Mixed signals: {found.positive.channel} reads {canonical_label(found.positive.label)}, "
        f"{found.negative.channel} reads {canonical_label(found.negative.label)}."
    )
