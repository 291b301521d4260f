"""After-turn work (``TurnContext.after_end``, :mod:`amity.after_turn`): it runs after ``TurnEnd``, in order
per user, before the user's next turn, durably, and survives a consumer that stops at ``TurnEnd``;
errors are logged and do not stop the other steps. Real SQLite throughout (group commit where durability
is checked, with a gated ``fsync``); the memory stage's indexing is checked with the hashing embedder."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from amity.app import App, build_app
from amity.config import Config
from amity.events import Event, MemoryChanged, TurnEnd
from amity.llm.fake import FakeLLM
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.recall import MemoryStage
from amity.stages import BaseStage, TurnContext
from amity.store.db import Database
from amity.store.schema import all_migrations

SETTING = "test.after_turn"


class Deferring(BaseStage):
    """Hands a step to ``after_end`` that writes the turn's text as a setting (after ``delay_s``)."""

    def __init__(self, app_ref: list[App], delay_s: float = 0.0, fail: bool = False) -> None:
        self.app_ref = app_ref
        self.delay_s = delay_s
        self.fail = fail
        self.seen: list[object] = []  # what each turn's before_reply read back
        self.log: list[str] = []

    async def before_reply(self, ctx: TurnContext) -> None:
        self.seen.append(self.app_ref[0].store.get_setting(ctx.user.id, SETTING, None))

    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        text = ctx.text

        async def broken() -> None:
            raise RuntimeError("indexing exploded")

        async def write() -> None:
            self.log.append(f"start {text}")
            await asyncio.sleep(self.delay_s)
            self.app_ref[0].store.set_setting(ctx.user.id, SETTING, text)
            self.log.append(f"done {text}")

        if self.fail:
            ctx.after_end(broken)
        ctx.after_end(write)


def make_app(config: Config, path: Path, stage: BaseStage, app_ref: list[App]) -> App:
    db = Database(path, all_migrations())
    app = build_app(config, llm=FakeLLM(default="I hear you."), db=db, stages=[stage])
    app_ref.append(app)
    return app


async def until_end(events: AsyncIterator[Event]) -> TurnEnd:
    async for event in events:
        if isinstance(event, TurnEnd):
            return event
    raise AssertionError("no TurnEnd")


async def test_work_runs_after_turn_end_and_the_next_turn_waits_for_it(config: Config, tmp_path: Path) -> None:
    ref: list[App] = []
    stage = Deferring(ref, delay_s=0.2)
    app = make_app(config, tmp_path / "a.db", stage, ref)
    turn = app.companion.turn("sam", "first message")
    await until_end(turn)
    assert stage.log == []  # TurnEnd came first: nothing of the after-turn work has run yet
    assert app.companion.after_turn.pending("sam")
    await turn.aclose()  # the consumer goes away (a closed socket): the work is not cancelled
    events = [e async for e in app.companion.turn("sam", "second message")]
    assert isinstance(events[-1], TurnEnd)
    assert stage.seen == [None, "first message"]  # the second turn read what the first one deferred
    assert stage.log == ["start first message", "done first message", "start second message", "done second message"]
    assert not app.companion.after_turn.pending("sam")  # reading every event waits for the work
    await app.aclose()


async def test_after_turn_writes_are_durable_before_the_work_completes(config: Config, tmp_path: Path) -> None:
    ref: list[App] = []
    app = make_app(config, tmp_path / "d.db", Deferring(ref), ref)
    gate = threading.Event()
    held = threading.Event()

    def gated_fsync(fd: int) -> None:
        if not gate.is_set():
            held.set()
            gate.wait(10)

    assert isinstance(app.db, Database)
    app.db.enable_group_commit(fsync=gated_fsync)
    gate.set()
    turn = app.companion.turn("sam", "keep this")
    await until_end(turn)  # the reply was synced (gate open)
    gate.clear()  # from now on the disk holds every fsync
    rest = asyncio.ensure_future(turn.__anext__())
    settled = asyncio.ensure_future(app.companion.after_turn.settled("sam"))
    await asyncio.to_thread(held.wait, 10)
    await asyncio.sleep(0.1)
    assert app.store.get_setting("sam", SETTING, None) == "keep this"  # written (visible) ...
    assert not settled.done()  # ... but the work is not done until it is on disk
    gate.set()
    await settled
    with pytest.raises(StopAsyncIteration):
        await rest
    await app.aclose()


async def test_errors_are_logged_and_the_other_steps_still_run(
    config: Config, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ref: list[App] = []
    stage = Deferring(ref, fail=True)
    app = make_app(config, tmp_path / "e.db", stage, ref)
    with caplog.at_level(logging.ERROR, logger="amity.after_turn"):
        events = [e async for e in app.companion.turn("sam", "hello there")]
    assert isinstance(events[-1], TurnEnd)
    assert "after-turn work failed" in caplog.text and "indexing exploded" in caplog.text
    assert app.store.get_setting("sam", SETTING, None) == "hello there"  # the step after the failing one ran
    second = [e async for e in app.companion.turn("sam", "and again")]
    assert isinstance(second[-1], TurnEnd) and stage.seen == [None, "hello there"]
    await app.aclose()


async def test_episodes_are_announced_before_turn_end_and_indexed_after_it(config: Config, tmp_path: Path) -> None:
    app = build_app(
        replace(config, embedder="hashing"),
        llm=FakeLLM(default="A cat! Tell me more."),
        db=Database(tmp_path / "m.db", all_migrations()),
    )
    memory = next(s for s in app.companion.stages if isinstance(s, MemoryStage))
    assert isinstance(memory.index, HybridMemoryIndex) and not memory.offload  # hashing: no thread hop
    turn = app.companion.turn("ana", "I adopted a tabby cat called Biscuit last week.")
    events: list[Event] = []
    async for event in turn:
        events.append(event)
        if isinstance(event, TurnEnd):
            break
    episodes = [e for e in events if isinstance(e, MemoryChanged) and e.kind == "episode"]
    assert [e.action for e in episodes] == ["added", "added"]
    await turn.aclose()
    await app.companion.after_turn.settled("ana")
    found = memory.index.search("ana", "tabby cat Biscuit", 5)
    assert {h.id for h in found} >= {episodes[0].id, episodes[1].id}
    # the recall query's vector was reused when the same text was indexed (embedded once)
    assert memory.index.cache.hits >= 1
    await app.aclose()


async def test_app_close_drains_pending_work(config: Config, tmp_path: Path) -> None:
    ref: list[App] = []
    stage = Deferring(ref, delay_s=0.2)
    app = make_app(config, tmp_path / "c.db", stage, ref)
    turn = app.companion.turn("sam", "last words")
    await until_end(turn)
    await turn.aclose()
    await app.aclose()  # waits for the after-turn work before the database closes
    assert stage.log == ["start last words", "done last words"]
    reopened = Database(tmp_path / "c.db", all_migrations())
    assert reopened.query_one("SELECT COUNT(*) FROM user_settings WHERE key = ?", (SETTING,))[0] == 1
    reopened.close()
