"""Amity: a local-first companion. See docs/ARCHITECTURE.md for the map."""

from amity.errors import AmityError, Category
from amity.events import (
    AffectDetected,
    AudioChunk,
    Event,
    MemoryChanged,
    Notice,
    SafetyFlag,
    TextDelta,
    TurnEnd,
)
from amity.types import Affect, ChannelAffect, Emotion, MemoryHit, Message, Persona, SafetyResult

__version__ = "0.1.0"

__all__ = [
    "Affect",
    "AffectDetected",
    "AmityError",
    "AudioChunk",
    "Category",
    "ChannelAffect",
    "Emotion",
    "Event",
    "MemoryChanged",
    "MemoryHit",
    "Message",
    "Notice",
    "Persona",
    "SafetyFlag",
    "SafetyResult",
    "TextDelta",
    "TurnEnd",
    "__version__",
]
