"""Helpers of the red-team suite: a hand-moved clock, the safety-wired companion, turn runners."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from amity.engine import Companion, EngineSettings
from amity.events import Event, Notice, TurnEnd
from amity.llm.base import LLM
from amity.profile import ProfileStage
from amity.safety.attachment import AttachmentStage
from amity.safety.guard import ManipulationGuard
from amity.safety.sensing import EmotionGate, SensingStage
from amity.safety.stage import SafetyStage
from amity.stages import Stage
from amity.store.conversations import ConversationStore
from amity.store.db import Database, utcnow
from amity.types import Persona

DATA = Path(__file__).resolve().parent / "data"


class Clock:
    """Starts at the real time (sessions are stamped with it) and moves only when told to."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def tomorrow_at(self, hour: int, minute: int = 0) -> None:
        """Move to a fixed time of day (tomorrow, so it stays later than the real time sessions carry)."""
        self.now = self.now.replace(hour=hour, minute=minute, second=0, microsecond=0) + timedelta(days=1)


def safety_companion(
    db: Database,
    llm: LLM,
    clock: Clock,
    *,
    persona: Persona | None = None,
    extra_stages: Sequence[Stage] = (),
    settings: EngineSettings | None = None,
) -> Companion:
    """The stage order the lead wires in app.py: safety first, sensing before perception, attachment
    after memory, the manipulation guard on every reply."""
    store = ConversationStore(db)
    stages: list[Stage] = [
        SafetyStage(db, clock=clock),
        ProfileStage(store),
        SensingStage(db, clock=clock),
        *extra_stages,
        EmotionGate(),
        AttachmentStage(db, clock=clock),
    ]
    return Companion(
        llm,
        store,
        stages=stages,
        guards=[ManipulationGuard(db, clock=clock)],
        persona_for=(lambda _uid: persona) if persona else None,
        settings=settings,
    )


async def run_turn(companion: Companion, user: str, text: str, **kw: object) -> tuple[TurnEnd, list[Event]]:
    events = [e async for e in companion.turn(user, text, **kw)]  # type: ignore[arg-type]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end, events


def notices(events: Sequence[Event], kind: str) -> list[Notice]:
    return [e for e in events if isinstance(e, Notice) and e.kind == kind]
