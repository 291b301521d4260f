"""The one async core: ``Companion.turn`` runs a turn and yields :mod:`amity.events`.

A turn: validate → store the user's message (committed, and durable before any model call) → run stages'
``before_reply`` (safety, perception, memory, care; each may add guidance or a deterministic reply) →
stream the reply through the reply guards → store the reply → stages' ``after_reply`` → ``TurnEnd`` (once
everything the turn wrote is durable) → after-turn work: what stages handed to ``TurnContext.after_end``
(episode indexing, mood and personality bookkeeping) and the running summary of turns that left the
context window. That work runs as a background task (:mod:`amity.after_turn`): ordered per user, awaited
by the user's next turn before it reads anything, durable, and awaited by this generator after it yields
``TurnEnd`` (so a consumer that reads every event, like the CLI, sees it finished; the server sends ``end``
at the ``TurnEnd`` and so does not wait for it).

Durability goes through ``store.durable()``. With a plain database every commit is already on disk and it
returns at once; under group commit (the server: :mod:`amity.store.group_commit`) it waits for the shared
background ``fsync``. The wait for the user's message runs alongside the stages' ``before_reply`` and is
awaited before the reply starts, so the ``fsync`` overlaps the stages' work instead of adding to it.

Every front end (CLI, voice loop, web socket) consumes the same events. ``Companion.open`` runs when a
conversation (re)opens, so stages can show notices (AI disclosure, reminders, check-ins) before the user
speaks.

Prompt prefill off the critical path: the prompt is a stable prefix (persona, standing rules, summary,
examples, history; ``amity.prompt.stable_messages``) and a short late message (memories, guidance) before
the user's words. :meth:`Companion.warm` sends the *next* turn's stable prefix to the model between turns
(``amity.llm.base.prefill``: llama.cpp evaluates it into its prompt cache), so a turn evaluates only its
late message and the new message. A front end calls it when the CPU is otherwise idle (the voice loop:
after the reply's speech is synthesised). ``spoken=True`` turns add a standing rule for speech and cap the
late message at ``EngineSettings.spoken_late_tokens``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from amity.after_turn import AfterTurn
from amity.errors import AmityError, InputError, NotFound
from amity.events import Event, TextDelta, TurnEnd
from amity.llm.base import LLM, GenerationOptions, complete, prefill
from amity.prompt import (
    build_messages,
    history_window,
    select_history,
    stable_messages,
    summary_messages,
    turn_tokens,
    unsummarised,
    usable_summary,
)
from amity.stages import OpenContext, ReplyGuard, Stage, TurnContext
from amity.store.conversations import ConversationStore
from amity.store.db import from_ts, to_ts
from amity.types import ChannelAffect, Persona, Session, Turn, User

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 8000
STOP_SEQUENCES = ("<|im_end|>", "<|im_start|>", "<|endoftext|>", "\nUser:", "\nuser:")
EMPTY_REPLY_FALLBACK = "I'm here and listening. Would you tell me a little more?"
MAX_WARM_USERS = 1024  # users whose standing rules Companion.warm remembers
HISTORY_TURNS = 60  # turns read for the prompt's history (the token budget usually binds first)
SPOKEN_RULE = "This conversation is spoken aloud: no lists, markdown or emoji; begin with a short first sentence."


@dataclass(frozen=True)
class EngineSettings:
    max_reply_tokens: int = 200
    temperature: float = 0.7
    history_tokens: int = 1400
    # when the unsummarised turns outgrow history_tokens, the oldest are summarised at once until this share
    # of the budget is left: the window then grows again turn by turn, so the cached prompt prefix holds
    history_after_summary: float = 0.5
    summarise_after: int = 1  # at least this many turns past the budget before a summary is written
    locale: str = "en-US"
    # spoken turns: budget of the per-turn late message (evaluated while the user waits). 45, not 60, since the
    # affect/mood lines have a compact spoken form (~15 tokens less): the memories that fit stay about the same.
    spoken_late_tokens: int = 45


async def _pieces_of(text: str) -> AsyncIterator[str]:
    words = text.split(" ")
    for i, word in enumerate(words):
        yield word if i == 0 else " " + word


class Companion:
    """A companion bound to a store, an LLM and an ordered list of stages."""

    def __init__(
        self,
        llm: LLM,
        store: ConversationStore,
        *,
        stages: Sequence[Stage] = (),
        guards: Sequence[ReplyGuard] = (),
        settings: EngineSettings | None = None,
        persona_for: Callable[[str], Persona] | None = None,
        after_turn: AfterTurn | None = None,
    ) -> None:
        """``after_turn``: share one between companions over the same store (the per-user order)."""
        self.llm = llm
        self.store = store
        self.stages = list(stages)
        self.guards = list(guards)
        self.settings = settings or EngineSettings()
        self._persona_for = persona_for or (lambda _user_id: Persona())
        self.after_turn = after_turn or AfterTurn()
        self._opened: set[str] = set()  # sessions whose on_open ran in this process (no repeated notices)
        # user id → standing lines of their last LLM turn (for warm); bounded, least recent dropped first
        self._standing: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def _mark_opened(self, session_id: str) -> bool:
        """Record that a session's opening ran; False when it already had."""
        if session_id in self._opened:
            return False
        if len(self._opened) > 100_000:
            self._opened.clear()
        self._opened.add(session_id)
        return True

    def persona(self, user_id: str) -> Persona:
        return self._persona_for(user_id)

    def _session(self, user: User, session_id: str | None) -> tuple[Session, bool]:
        if session_id is None:
            return self.store.current_session(user.id)
        latest = self.store.db.query_one("SELECT id FROM sessions WHERE id = ? AND user_id = ?", (session_id, user.id))
        if latest is None:
            other = self.store.db.query_one("SELECT user_id FROM sessions WHERE id = ?", (session_id,))
            if other is not None:  # someone else's: answer as if it did not exist (reveal nothing)
                raise NotFound(f"There is no session '{session_id}'.", "Omit --session to continue your latest one.")
            return self.store.new_session(user.id, session_id), True
        return self.store.get_session(session_id, user.id), False

    async def open(self, user_id: str, session_id: str | None = None) -> AsyncIterator[Event]:
        """Open (or resume) a conversation; yields notices from the stages."""
        user = self.store.ensure_user(user_id, self.settings.locale)
        session, is_new = self._session(user, session_id)
        ctx = OpenContext(user=user, session=session, persona=self.persona(user.id), new_session=is_new)
        self._mark_opened(session.id)
        for stage in self.stages:
            await stage.on_open(ctx)
            for event in ctx.events:
                yield event
            ctx.events.clear()
        await self.store.durable()

    async def turn(
        self,
        user_id: str,
        text: str,
        *,
        session_id: str | None = None,
        channels: Sequence[ChannelAffect] = (),
        spoken: bool = False,
    ) -> AsyncIterator[Event]:
        """Run one turn; the last event is always :class:`TurnEnd`. ``spoken``: the reply will be heard, not
        read (voice): a standing rule for speech and a short late message (see the module docstring)."""
        text = (text or "").strip()
        if not text:
            raise InputError("The message is empty.", "Type something to say to your companion.")
        if len(text) > MAX_MESSAGE_CHARS:
            raise InputError(
                f"The message is {len(text)} characters long; the limit is {MAX_MESSAGE_CHARS}.",
                "Split it into shorter messages.",
            )
        started = time.perf_counter()
        await self.after_turn.settled(user_id)  # the previous turn's after-turn work first (its memories)
        user = self.store.ensure_user(user_id, self.settings.locale)
        session, is_new = self._session(user, session_id)
        history = self.store.recent_turns(user.id, limit=HISTORY_TURNS)
        user_turn = self.store.add_turn(session, "user", text)
        user_durable = asyncio.ensure_future(self.store.durable())  # awaited before the reply starts
        try:
            async for event in self._turn(
                user, session, is_new, history, user_turn, channels, started, user_durable, spoken
            ):
                yield event
        finally:
            if not user_durable.done():  # the caller stopped early (a closed socket): end the wait too
                user_durable.cancel()
            with contextlib.suppress(asyncio.CancelledError, AmityError):
                await user_durable

    async def _turn(
        self,
        user: User,
        session: Session,
        is_new: bool,
        history: list[Turn],
        user_turn: Turn,
        channels: Sequence[ChannelAffect],
        started: float,
        user_durable: asyncio.Future[None],
        spoken: bool,
    ) -> AsyncIterator[Event]:
        text = user_turn.text
        summary, summarised_until = self._summary(user.id)
        ctx = TurnContext(
            user=user,
            session=session,
            persona=self.persona(user.id),
            text=text,
            user_turn=user_turn,
            history=history,
            summary=summary,
            summarised_until=summarised_until,
            shown=frozenset(t.id for t in history_window(history, self.settings.history_tokens, summarised_until)),
            first_in_session=is_new or user_turn.index == 1,
            channels=tuple(channels),
            spoken=spoken,
            started=started,
        )
        if ctx.first_in_session and self._mark_opened(session.id):
            open_ctx = OpenContext(user=user, session=session, persona=ctx.persona, new_session=True)
            for stage in self.stages:
                await stage.on_open(open_ctx)
            for event in open_ctx.events:
                yield event
        for stage in self.stages:
            await stage.before_reply(ctx)
            for event in ctx.events:
                yield event
            ctx.events.clear()
        if ctx.affect is not None:
            self.store.set_turn_affect(user_turn.id, ctx.affect)

        await user_durable  # the user's message is on disk before any reply (model or deterministic)
        prepared_ms = (time.perf_counter() - started) * 1000  # storage + every stage's before_reply
        if ctx.reply_override is not None:
            pieces = _pieces_of(ctx.reply_override)
        else:
            if spoken:
                ctx.guide(SPOKEN_RULE, standing=True)
            self._standing[user.id] = tuple(ctx.standing)
            self._standing.move_to_end(user.id)
            if len(self._standing) > MAX_WARM_USERS:
                self._standing.popitem(last=False)
            late_budget = self.settings.spoken_late_tokens if spoken else None
            messages = build_messages(ctx, self.settings.history_tokens, late_budget)
            options = GenerationOptions(
                max_tokens=self.settings.max_reply_tokens,
                temperature=self.settings.temperature,
                stop=STOP_SEQUENCES,
            )
            pieces = self.llm.stream(messages, options)
        for guard in self.guards:
            pieces = guard.guard(ctx, pieces)

        parts: list[str] = []
        first_token_ms: float | None = None
        async for piece in pieces:
            if not piece:
                continue
            if first_token_ms is None:
                first_token_ms = (time.perf_counter() - started) * 1000
            parts.append(piece)
            yield TextDelta(piece)
        reply = "".join(parts).strip()
        if not reply:
            reply = EMPTY_REPLY_FALLBACK
            first_token_ms = first_token_ms or (time.perf_counter() - started) * 1000
            yield TextDelta(reply)
        ctx.reply_turn = self.store.add_turn(session, "assistant", reply)
        user = self.store.get_user(user.id)  # stages may have learned the user's name
        ctx.user = user

        for stage in self.stages:
            await stage.after_reply(ctx, reply)
            for event in ctx.events:
                yield event
            ctx.events.clear()
        await self.store.durable()  # the reply and what the stages learned, before the turn is acknowledged

        total_ms = (time.perf_counter() - started) * 1000
        after = self.after_turn.start(user.id, [*ctx.deferred, lambda: self._maintain_summary(user, session)])
        yield TurnEnd(
            user=user.id,
            session=session.id,
            turn=user_turn.index,
            reply=reply,
            affect=ctx.affect,
            safety=ctx.safety,
            memories_used=tuple(ctx.memories),
            strategy=ctx.strategy,
            timings_ms={"first_token": first_token_ms or total_ms, "total": total_ms, "prepare": prepared_ms},
        )
        await asyncio.wait([after])  # a consumer that reads on sees it done; cancelling it leaves the work be

    async def warm(self, user_id: str) -> bool:
        """Send the next turn's stable prompt prefix to the model now (history including the last
        exchange, no guidance), so that the next turn only evaluates its late message and the user's words.

        Best effort and idempotent: False when there is nothing to warm yet (no LLM turn for this user since
        the process started, so the standing rules are unknown) or the backend keeps no prompt cache; a
        backend error is logged, never raised. The prefix is what :meth:`turn` will build if the stages
        add the same standing rules as last time (they depend on the user, not the message); where it
        differs, llama.cpp still reuses the common part."""
        standing = self._standing.get(user_id)
        if standing is None:
            return False
        await self.after_turn.settled(user_id)  # the summary the last turn may have written
        try:
            user = self.store.get_user(user_id)
        except NotFound:
            return False
        summary, summarised_until = self._summary(user.id)
        messages = stable_messages(
            self.persona(user.id),
            user.display_name,
            standing,
            summary,
            self.store.recent_turns(user.id, limit=HISTORY_TURNS),
            self.settings.history_tokens,
            summarised_until,
        )
        try:
            return await prefill(self.llm, messages)
        except AmityError as exc:
            log.warning("prompt warm-up skipped: %s", exc.message)
            return False

    async def _maintain_summary(self, user: User, session: Session) -> None:
        """Summarise turns that have left the prompt's window once enough of them have piled up; then
        make the after-turn work durable (this is its last step)."""
        try:
            await self._summarise(user, session)
        finally:
            await self.store.durable()

    def _summary(self, user_id: str) -> tuple[str | None, datetime | None]:
        """The running summary and the created_at of the last turn it covers (None, None without one)."""
        found = self.store.latest_summary(user_id)
        return (found[0], from_ts(found[1])) if found else (None, None)

    async def _summarise(self, user: User, session: Session) -> None:
        """When the turns the summary does not cover outgrow the history budget, summarise the oldest of
        them at once, leaving ``history_after_summary`` of the budget (from a user turn on) in the prompt.

        Stepping the window this way keeps the prompt prefix the same for the turns in between (the
        window only grows at its end), so each step costs one re-evaluation of the prompt instead of one
        per turn. The summary is written before the next turn and before ``warm``, which therefore
        evaluates the new prefix off the critical path."""
        previous = self.store.latest_summary(user.id)
        pending = unsummarised(self.store.recent_turns(user.id, limit=200), from_ts(previous[1]) if previous else None)
        budget = self.settings.history_tokens
        if sum(turn_tokens(t) for t in pending) <= budget and len(pending) <= HISTORY_TURNS:
            return
        overflow = len(pending) - len(select_history(pending, budget))
        if overflow < self.settings.summarise_after:
            return
        kept = select_history(pending, int(budget * self.settings.history_after_summary))[-(HISTORY_TURNS // 2) :]
        cut = max(len(pending) - len(kept), 1)
        while cut < len(pending) - 1 and pending[cut].role != "user":
            cut += 1  # the window opens with the user's words, not with a reply to something it cannot show
        older = pending[:cut]
        try:
            text = await self._summary_of(user, previous[0] if previous else None, older)
            if text is None and len(older) > 4:  # a small model copes better with fewer turns: the older half
                older = older[: len(older) // 2]
                text = await self._summary_of(user, previous[0] if previous else None, older)
        except AmityError as exc:  # a summary can wait for a later turn; never lose the turn for it
            log.warning("summary skipped: %s", exc.message)
            return
        if text is not None:
            self.store.add_summary(user.id, session.id, text, to_ts(older[-1].created_at))

    async def _summary_of(self, user: User, previous: str | None, turns: list[Turn]) -> str | None:
        """The model's summary of ``turns`` on top of ``previous``; None when it is unusable (meanwhile the
        window shows the newest turns that fit)."""
        text = await complete(
            self.llm,
            summary_messages(previous, turns, user.display_name),
            GenerationOptions(max_tokens=160, temperature=0.2, stop=STOP_SEQUENCES),
        )
        text = text.strip()
        if not usable_summary(text, turns):
            log.warning("summary skipped: the model did not write a usable summary (%d characters)", len(text))
            return None
        return text
