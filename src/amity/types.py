"""Frozen value types shared by every part of Amity. Storage lives elsewhere (``amity.store``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Role = Literal["system", "user", "assistant"]
Channel = Literal["text", "voice", "face"]


@dataclass(frozen=True)
class Message:
    """One chat message as sent to an LLM."""

    role: Role
    content: str


@dataclass(frozen=True)
class User:
    id: str
    display_name: str | None
    created_at: datetime
    locale: str = "en-US"
    birth_year: int | None = None


@dataclass(frozen=True)
class Session:
    id: str
    user_id: str
    started_at: datetime
    last_active_at: datetime


@dataclass(frozen=True)
class Emotion:
    """One emotion label with a score in [0, 1]."""

    label: str
    score: float


@dataclass(frozen=True)
class ChannelAffect:
    """What one channel (words, voice, face) suggests the user feels."""

    channel: Channel
    label: str
    valence: float  # -1 (unpleasant) .. 1 (pleasant)
    arousal: float  # -1 (calm) .. 1 (activated)
    confidence: float  # 0 .. 1
    labels: tuple[Emotion, ...] = ()
    reported: tuple[str, ...] = ()  # text channel: the user's own words about their feelings ("I'm so tired")

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "label": self.label,
            "valence": round(self.valence, 4),
            "arousal": round(self.arousal, 4),
            "confidence": round(self.confidence, 4),
            "labels": [{"label": e.label, "score": round(e.score, 4)} for e in self.labels],
            "reported": list(self.reported),
        }


@dataclass(frozen=True)
class Prosody:
    """How a reply is spoken: factors on the voice's own speech rate and pitch (1.0 = unchanged)."""

    rate: float = 1.0
    pitch: float = 1.0


@dataclass(frozen=True)
class Affect:
    """The fused estimate of the user's affect for one turn (an estimate, never a fact)."""

    label: str
    valence: float
    arousal: float
    confidence: float
    labels: tuple[Emotion, ...] = ()
    channels: tuple[ChannelAffect, ...] = ()
    conflict: bool = False

    @property
    def reported(self) -> tuple[str, ...]:
        """The user's own words about how they feel, from the text channel ("I'm so tired")."""
        return tuple(quote for c in self.channels if c.channel == "text" for quote in c.reported)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "valence": round(self.valence, 4),
            "arousal": round(self.arousal, 4),
            "confidence": round(self.confidence, 4),
            "labels": [{"label": e.label, "score": round(e.score, 4)} for e in self.labels],
            "channels": {c.channel: c.to_dict() for c in self.channels},
            "conflict": self.conflict,
        }


@dataclass(frozen=True)
class Turn:
    """One stored utterance, by the user or by the companion."""

    id: str
    user_id: str
    session_id: str
    index: int
    role: Role
    text: str
    created_at: datetime
    affect: Affect | None = None


@dataclass(frozen=True)
class MemoryHit:
    """A memory retrieved for a turn."""

    id: str
    text: str
    score: float
    kind: str = "episode"  # episode | fact | summary | date

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "score": round(self.score, 4), "kind": self.kind}


@dataclass(frozen=True)
class CrisisResource:
    """A crisis line or service, with where the entry comes from."""

    name: str
    contact: str
    region: str
    source: str
    hours: str = "24/7"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "contact": self.contact,
            "region": self.region,
            "source": self.source,
            "hours": self.hours,
        }


@dataclass(frozen=True)
class SafetyResult:
    """What the safety layer decided about one turn."""

    crisis: bool = False
    flags: tuple[str, ...] = ()
    resources: tuple[CrisisResource, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "crisis": self.crisis,
            "flags": list(self.flags),
            "resources": [r.to_dict() for r in self.resources],
        }


@dataclass(frozen=True)
class Persona:
    """Who the companion is. Stored per user; presets in ``amity.persona``."""

    name: str = "Amity"
    pronouns: str = "she/her"
    backstory: str = (
        "An AI companion who runs on this computer. Curious about people, fond of small details, "
        "honest that she is an AI."
    )
    traits: tuple[str, ...] = ("warm", "curious", "patient", "gently playful")
    speaking_style: str = "Short, warm, natural sentences. Asks one question at a time. No lists."
    voice: str = "default"
    examples: tuple[tuple[str, str], ...] = field(default=())
    # simulated tastes, the same every session ("what's your favourite animal?"), known from what people write
    likes: tuple[str, ...] = (
        "octopuses",
        "rainy afternoons",
        "the smell of fresh bread",
        "old letters people keep",
        "songs that make people cry a little",
    )
