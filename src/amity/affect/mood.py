"""Mood: a slow, smoothed summary of how the user has seemed across turns and sessions.

The mood is a point in valence/arousal space plus an *evidence* weight. Between observations it relaxes
towards neutral (0, 0) with a half-life of :data:`HALF_LIFE_H` hours, and its evidence fades at the same rate,
so old evidence counts less. Each new turn estimate moves it by an exponential moving average whose step is
``ALPHA * confidence`` (an unsure reading barely moves it). Every update is stored as a row of mood history
(:mod:`amity.store.affect_store`), which is what ``amity me`` and the trend are built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

HALF_LIFE_H = 12.0
ALPHA = 0.35
MIN_STEP = 0.05


@dataclass(frozen=True)
class MoodState:
    valence: float
    arousal: float
    evidence: float  # sum of recent confidences, decayed; ~0 means "no idea"
    updated_at: datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "valence": round(self.valence, 4),
            "arousal": round(self.arousal, 4),
            "evidence": round(self.evidence, 4),
            "label": describe(self.valence, self.arousal),
            "updated_at": self.updated_at.isoformat(),
        }


def decay(state: MoodState, now: datetime) -> MoodState:
    """The state relaxed towards neutral for the time elapsed since its last update."""
    hours = max(0.0, (now - state.updated_at).total_seconds() / 3600.0)
    keep = 0.5 ** (hours / HALF_LIFE_H)
    return MoodState(state.valence * keep, state.arousal * keep, state.evidence * keep, now)


def update(state: MoodState | None, valence: float, arousal: float, confidence: float, now: datetime) -> MoodState:
    """Blend one turn's estimate into the (decayed) mood."""
    confidence = min(1.0, max(0.0, confidence))
    if state is None:
        state = MoodState(0.0, 0.0, 0.0, now)
    s = decay(state, now)
    step = max(MIN_STEP, ALPHA * confidence)
    return MoodState(
        valence=(1 - step) * s.valence + step * valence,
        arousal=(1 - step) * s.arousal + step * arousal,
        evidence=s.evidence + confidence,
        updated_at=now,
    )


def describe(valence: float, arousal: float) -> str:
    """A plain word for a point in valence/arousal space."""
    if valence > 0.15:
        return "upbeat" if arousal > 0.2 else "content"
    if valence < -0.15:
        return "tense or upset" if arousal > 0.2 else "low"
    return "even"
