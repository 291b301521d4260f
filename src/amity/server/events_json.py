"""Turn events as JSON objects for the WebSocket and the one-shot chat route (``type`` tells them apart).

``delta`` carries reply text; ``end`` is ``TurnEnd.to_json()`` (the same contract as ``amity say --json``)
plus ``companion`` - the companion's simulated affect after the turn, for the face - when available.
"""

from __future__ import annotations

import base64
from typing import Any

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


def event_to_json(event: Event) -> dict[str, Any]:
    if isinstance(event, TextDelta):
        return {"type": "delta", "text": event.text}
    if isinstance(event, Notice):
        return {"type": "notice", "kind": event.kind, "text": event.text}
    if isinstance(event, SafetyFlag):
        return {"type": "safety", **event.result.to_dict()}
    if isinstance(event, AffectDetected):
        return {"type": "affect", "affect": event.affect.to_dict()}
    if isinstance(event, AudioChunk):
        return {
            "type": "audio",
            "sample_rate": event.sample_rate,
            "pcm_s16le_b64": base64.b64encode(event.pcm).decode("ascii"),
        }
    if isinstance(event, MemoryChanged):
        return {
            "type": "memory",
            "action": event.action,
            "id": event.id,
            "text": event.text,
            "kind": event.kind,
        }
    if isinstance(event, TurnEnd):
        return {"type": "end", **event.to_json()}
    raise TypeError(f"unknown event {event!r}")  # pragma: no cover - the event set is closed
