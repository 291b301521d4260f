"""The closed set of events a turn yields.

``Companion.turn`` is an async iterator of :data:`Event`. Every front end (CLI, voice loop, web socket)
consumes the same stream and renders what it understands; the set is deliberately small:

* :class:`Notice`      - something the user must be told outside the reply (AI disclosure, reminders)
* :class:`SafetyFlag`  - the safety layer's verdict on the user's message (crisis, resources)
* :class:`AffectDetected` - the estimate of how the user seems to feel
* :class:`TextDelta`   - a piece of the companion's reply, streamed
* :class:`AudioChunk`  - synthesized speech for the reply (voice front ends)
* :class:`MemoryChanged` - a memory or fact was added, updated or forgotten
* :class:`TurnEnd`     - the turn is complete and durably stored; carries the summary of the turn
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from amity.types import Affect, MemoryHit, SafetyResult


@dataclass(frozen=True)
class Notice:
    kind: str  # e.g. "ai_disclosure", "break_reminder", "reminder", "sensing", "check_in"
    text: str


@dataclass(frozen=True)
class SafetyFlag:
    result: SafetyResult


@dataclass(frozen=True)
class AffectDetected:
    affect: Affect


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class AudioChunk:
    pcm: bytes  # signed 16-bit little-endian mono
    sample_rate: int


@dataclass(frozen=True)
class MemoryChanged:
    action: Literal["added", "updated", "forgotten"]
    id: str
    text: str
    kind: str = "fact"


@dataclass(frozen=True)
class TurnEnd:
    user: str
    session: str
    turn: int
    reply: str
    affect: Affect | None = None
    safety: SafetyResult = field(default_factory=SafetyResult)
    memories_used: tuple[MemoryHit, ...] = ()
    strategy: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stable ``amity say --json`` contract."""
        return {
            "reply": self.reply,
            "user": self.user,
            "session": self.session,
            "turn": self.turn,
            "affect": self.affect.to_dict() if self.affect else None,
            "safety": self.safety.to_dict(),
            "memories_used": [m.to_dict() for m in self.memories_used],
            "strategy": self.strategy,
            "timings_ms": {
                "first_token": round(self.timings_ms.get("first_token", 0.0), 2),
                "total": round(self.timings_ms.get("total", 0.0), 2),
            },
        }


Event = Notice | SafetyFlag | AffectDetected | TextDelta | AudioChunk | MemoryChanged | TurnEnd
