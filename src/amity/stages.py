"""Extension points of a turn: a :class:`TurnContext` that stages read and enrich, and the stage protocols.

A turn runs its stages in order (safety → perception → memory → care …; see ``amity.app``). Each stage
may read and set fields on the context, add lines of guidance for the system prompt, queue events for
the front end, or set ``reply_override`` to answer deterministically without the LLM (crisis protocol,
honesty answers, goodbyes). After the reply is stored, ``after_reply`` runs on every stage (fact
extraction, mood tracking, …); work that need not delay the acknowledgement is handed to
``TurnContext.after_end`` and runs after ``TurnEnd`` (:mod:`amity.after_turn`). Reply guards wrap the
streamed reply (e.g. the manipulation guard).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from amity.events import Event
from amity.types import Affect, ChannelAffect, MemoryHit, Persona, SafetyResult, Session, Turn, User


@dataclass
class TurnContext:
    """Everything known about the turn in progress (mutable while the turn runs)."""

    user: User
    session: Session
    persona: Persona
    text: str
    user_turn: Turn
    history: list[Turn]
    summary: str | None = None
    summarised_until: datetime | None = None  # created_at of the last turn the summary covers
    shown: frozenset[str] = frozenset()  # ids of the history turns the prompt shows (``prompt.history_window``)
    first_in_session: bool = False
    channels: tuple[ChannelAffect, ...] = ()  # voice / face estimates supplied by the front end
    spoken: bool = False  # the reply will be heard (``Companion.turn(spoken=True)``): keep guidance short
    affect: Affect | None = None
    memories: list[MemoryHit] = field(default_factory=list)
    strategy: str | None = None
    safety: SafetyResult = field(default_factory=SafetyResult)
    guidance: list[str] = field(default_factory=list)
    standing: list[str] = field(default_factory=list)
    reply_override: str | None = None
    events: list[Event] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    reply_turn: Turn | None = None  # the stored reply (set before ``after_reply``)
    deferred: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def after_end(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run ``work`` after ``TurnEnd`` instead of before it (``amity.after_turn``: in order per user,
        before the user's next turn, durable, errors logged). For what the acknowledgement need not wait
        for and that emits no events: indexing, mood and personality bookkeeping."""
        self.deferred.append(work)

    def emit(self, event: Event) -> None:
        """Queue an event for the front end; the engine yields it after the stage returns."""
        self.events.append(event)

    def earlier_user_texts(self) -> list[str]:
        """The user's earlier messages of this conversation, newest first (this message left out)."""
        return [
            t.text
            for t in reversed(self.history)
            if t.role == "user" and t.session_id == self.session.id and t.id != self.user_turn.id
        ]

    def last_reply(self) -> str:
        """The companion's last reply in this conversation, or "" before the first."""
        replies = (t.text for t in reversed(self.history) if t.role == "assistant" and t.session_id == self.session.id)
        return next(replies, "")

    def guide(self, line: str, *, standing: bool = False) -> None:
        """Add one line of guidance to the prompt. ``standing`` lines (rules that hold turn after turn) go
        in the first system message, which llama.cpp keeps cached between turns; the others go just
        before the user's message."""
        target = self.standing if standing else self.guidance
        if line not in target:
            target.append(line)


@dataclass
class OpenContext:
    """A conversation (re)opening: used for greetings, notices and reminders before the user speaks."""

    user: User
    session: Session
    persona: Persona
    new_session: bool
    events: list[Event] = field(default_factory=list)

    def emit(self, event: Event) -> None:
        self.events.append(event)


class Stage(Protocol):
    """One step of every turn. Subclass :class:`BaseStage` to implement only what you need."""

    async def on_open(self, ctx: OpenContext) -> None: ...

    async def before_reply(self, ctx: TurnContext) -> None: ...

    async def after_reply(self, ctx: TurnContext, reply: str) -> None: ...


class BaseStage:
    """A stage that does nothing; override the hooks you need."""

    async def on_open(self, ctx: OpenContext) -> None:
        return None

    async def before_reply(self, ctx: TurnContext) -> None:
        return None

    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        return None


class ReplyGuard(Protocol):
    """Wraps the streamed reply; may hold back, rewrite or replace pieces before the user sees them."""

    def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]: ...
