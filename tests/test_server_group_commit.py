"""Group commit (``amity.store.group_commit``) on real SQLite: durability points and a free event loop.

The disk is made slow through the flusher's ``fsync`` seam (``Database.enable_group_commit(fsync=...)``):
each sync sleeps, then really syncs. That is the cost that used to run inside every ``COMMIT`` on the
server's event loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

from amity.config import Config
from amity.engine import Companion
from amity.errors import StoreError
from amity.llm.base import Message
from amity.llm.fake import FakeLLM
from amity.server import create_app
from amity.server.app import ServerSettings
from amity.server.testing import build_test_app, serve_in_thread
from amity.store.conversations import ConversationStore
from amity.store.db import Database
from amity.store.schema import all_migrations

SLOW_FSYNC_S = 0.5


def slow_fsync(delay_s: float = SLOW_FSYNC_S) -> Callable[[int], None]:
    def sync(fd: int) -> None:
        time.sleep(delay_s)
        os.fsync(fd)

    return sync


@pytest.fixture
def fast_config(config: Config) -> Config:
    return dataclasses.replace(config, embedder="hashing")  # the memory index without the MiniLM cost


async def test_durable_returns_only_after_the_fsync(tmp_path: Path) -> None:
    gate = threading.Event()

    def gated(fd: int) -> None:
        gate.wait(10)
        os.fsync(fd)

    db = Database(tmp_path / "a.db", all_migrations())
    db.enable_group_commit(fsync=gated)
    try:
        store = ConversationStore(db)
        store.ensure_user("sam")  # a commit (INSERT INTO users), written but not yet synced
        waiting = asyncio.ensure_future(store.durable())
        await asyncio.sleep(0.3)
        assert not waiting.done()  # the commit is visible, but not acknowledged as durable
        assert db.query_one("SELECT id FROM users")["id"] == "sam"
        gate.set()
        await asyncio.wait_for(waiting, 5)
    finally:
        gate.set()
        db.close()


async def test_many_commits_share_one_fsync(tmp_path: Path) -> None:
    db = Database(tmp_path / "a.db", all_migrations())
    db.enable_group_commit(fsync=slow_fsync(0.2))
    try:
        store = ConversationStore(db)

        async def writer(i: int) -> None:
            store.ensure_user(f"user{i}")
            await store.durable()

        started = time.perf_counter()
        await asyncio.gather(*(writer(i) for i in range(30)))
        elapsed = time.perf_counter() - started
        flusher = db._flusher
        assert flusher is not None and flusher.commits == 30
        assert flusher.syncs <= 4  # the directory once, then one or two syncs for all 30 commits
        assert elapsed < 30 * 0.2 / 3  # serial fsyncs would take 6 s
    finally:
        db.close()


async def test_a_failed_fsync_is_reported_and_sticky(tmp_path: Path) -> None:
    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    db = Database(tmp_path / "a.db", all_migrations())
    db.enable_group_commit(fsync=broken)
    try:
        ConversationStore(db).ensure_user("sam")
        with pytest.raises(StoreError, match="Could not write"):
            await asyncio.wait_for(db.durable(), 5)
        with pytest.raises(StoreError, match="Could not write"):
            await db.durable()  # no later wait may claim durability
    finally:
        db.close()


async def test_the_users_message_is_on_disk_before_the_model_runs(tmp_path: Path, fast_config: Config) -> None:
    """The fsync hook snapshots what it is about to make durable; the model checks its message is in it."""
    durable_texts: set[str] = set()

    def recording_fsync(fd: int) -> None:
        # what is committed now (read under the connection's lock, so no transaction is half done)
        committed = {row["text"] for row in app.db.query("SELECT text FROM turns")}
        time.sleep(0.05)
        os.fsync(fd)
        durable_texts.update(committed)

    seen_by_model: list[bool] = []

    def reply(messages: Sequence[Message]) -> str:
        seen_by_model.append("the cat is ill" in durable_texts)
        return "I'm sorry to hear that."

    app = build_test_app(tmp_path / "a.db", FakeLLM(default=reply), fast_config)
    app.db.enable_group_commit(fsync=recording_fsync)
    try:
        companion: Companion = app.companion
        events = [e async for e in companion.turn("sam", "the cat is ill")]
        assert events[-1].reply == "I'm sorry to hear that."  # type: ignore[attr-defined]
        assert seen_by_model == [True]
        assert {"the cat is ill", "I'm sorry to hear that."} <= durable_texts  # both, before TurnEnd
    finally:
        await app.aclose()


def test_the_event_loop_answers_while_a_commit_syncs(tmp_path: Path, fast_config: Config) -> None:
    """Session A's turn waits on two slow fsyncs; session B's ping on the same worker answers at once."""
    app = build_test_app(tmp_path / "server.db", FakeLLM(default="Hello from the fake model."), fast_config)
    app.db.enable_group_commit(fsync=slow_fsync())  # create_app keeps this (group commit is already on)
    api = create_app(app, settings=ServerSettings(hash_profile="test", login_burst=50, chat_burst=50))
    try:
        with serve_in_thread(api) as base:
            tokens = [
                httpx.post(
                    f"{base}/api/v1/auth/register", json={"username": name, "password": "a long password"}
                ).json()["token"]
                for name in ("alice", "bob")
            ]
            turn_s, ping_ms = asyncio.run(_turn_and_ping(base.replace("http", "ws") + "/api/v1/ws", tokens))
    finally:
        app.db.close()
    assert turn_s >= 2 * SLOW_FSYNC_S  # A really waited for the disk (its message, then its reply)
    assert max(ping_ms) < SLOW_FSYNC_S * 1000 / 2, ping_ms  # B was never stuck behind A's fsync


async def _turn_and_ping(url: str, tokens: list[str]) -> tuple[float, list[float]]:
    async with connect(url) as a, connect(url) as b:
        for ws, token in ((a, tokens[0]), (b, tokens[1])):
            await ws.send(json.dumps({"type": "auth", "token": token}))
            assert json.loads(await ws.recv())["type"] == "ready"
        started = time.perf_counter()
        await a.send(json.dumps({"type": "say", "id": "1", "text": "I had a long day."}))

        async def finish_turn() -> float:
            while json.loads(await a.recv())["type"] != "end":
                pass
            return time.perf_counter() - started

        turn = asyncio.ensure_future(finish_turn())
        pings: list[float] = []
        while not turn.done():
            sent = time.perf_counter()
            await b.send(json.dumps({"type": "ping", "id": len(pings)}))
            assert json.loads(await b.recv())["type"] == "pong"
            pings.append((time.perf_counter() - sent) * 1000)
            await asyncio.sleep(0.02)
        assert len(pings) >= 10  # pings kept going during the whole turn
        return await turn, pings


async def test_checkpoints_run_in_the_background_and_close_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    db = Database(path, all_migrations())
    db.enable_group_commit()
    store = ConversationStore(db)
    session, _ = store.current_session(store.ensure_user("sam").id)
    for i in range(50):
        store.add_turn(session, "user", f"message {i}")
    await store.durable()
    deadline = time.monotonic() + 10
    while db._checkpointer is not None and db._checkpointer.checkpoints == 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)  # the checkpoint thread wakes about once a second
    assert db._checkpointer is not None and db._checkpointer.checkpoints >= 1
    store.add_turn(session, "assistant", "the last one")  # pending at close: close syncs it
    db.close()
    reopened = Database(path, all_migrations())
    try:
        assert reopened.query_one("SELECT count(*) FROM turns")[0] == 51
        assert reopened.integrity_check() == "ok"
    finally:
        reopened.close()
