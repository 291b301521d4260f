"""Stateless app processes: two apps (standing in for two ``amity serve`` workers) share one PostgreSQL.

A turn written through one app is visible through the other, the conversation continues across them,
mood, care and safety state are shared, and a separate OS process (``amity say``) writes into the same
database. Concurrent writers on separate connections still number turns without gaps or duplicates
(write transactions hold one advisory lock, like SQLite's ``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from amity.app import App, build_app
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.store.affect_store import AffectStore
from amity.store.care_store import CareStore
from amity.store.conversations import ConversationStore
from amity.store.pg_database import PostgresDatabase, open_postgres
from amity.store.safety_store import SafetyStore
from amity.store.sql import user_transaction
from tests.pg_server import fresh_database


@pytest.fixture
def database_url(pg_dsn: str) -> str:
    return fresh_database(pg_dsn)


@pytest.fixture
async def workers(database_url: str) -> AsyncIterator[tuple[App, App]]:
    config = Config(database_url=database_url, embedder="hashing")
    first = build_app(config, llm=FakeLLM(default="Worker one here."))
    second = build_app(config, llm=FakeLLM(default="Worker two here."))
    yield first, second
    await first.aclose()
    await second.aclose()


async def say(app: App, user: str, text: str) -> TurnEnd:
    end = None
    async for event in app.companion.turn(user, text):
        if isinstance(event, TurnEnd):
            end = event
    assert end is not None
    return end


async def test_a_turn_written_by_one_worker_is_read_by_the_other(workers: tuple[App, App]) -> None:
    one, two = workers
    assert one.db is not two.db  # separate connections, nothing shared in memory
    first = await say(one, "sam", "I feel really happy today, I got the job!")
    turns = two.store.turns_for_user("sam")
    assert [(t.role, t.text) for t in turns] == [
        ("user", "I feel really happy today, I got the job!"),
        ("assistant", "Worker one here."),
    ]
    second = await say(two, "sam", "My sister Ana is visiting on Saturday.")
    assert (second.session, second.turn) == (first.session, 2)  # the same conversation continues
    assert [t.text for t in one.store.recent_turns("sam")][-1] == "Worker two here."
    # the other areas' state is shared too: mood, safety usage, care strategies
    assert len(AffectStore(one.db).mood_history("sam")) == 2
    usage = SafetyStore(one.db).usage_days("sam")
    assert usage and usage[0].turns == 2
    assert len(CareStore(two.db).recent_strategies("sam", first.session)) == 2
    # and memory: what worker two stored is recalled by worker one
    facts = one.db.query("SELECT text FROM memory_items WHERE user_id = ? AND kind = 'fact'", ("sam",))
    texts = sorted(r["text"] for r in facts)
    assert texts[0] == "Ana is the user's sister" and texts[1].startswith("Ana's visit is on Saturday ")


def test_a_separate_process_writes_into_the_same_database(database_url: str) -> None:
    env = {
        **os.environ,
        "AMITY_DATABASE_URL": database_url,
        "AMITY_MODEL": "fake:echo",
        "AMITY_EMBEDDER": "hashing",
    }
    out = subprocess.run(
        [sys.executable, "-m", "amity.cli.main", "say", "hello from another process", "--json", "--user", "maya"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    reply = json.loads(out)["reply"]
    db = open_postgres(database_url)
    try:
        texts = [t.text for t in ConversationStore(db).turns_for_user("maya")]
    finally:
        db.close()
    assert texts == ["hello from another process", reply]


def test_concurrent_writers_number_turns_without_duplicates(database_url: str) -> None:
    dbs = [open_postgres(database_url) for _ in range(3)]
    stores = [ConversationStore(db) for db in dbs]
    session = stores[0].new_session(stores[0].ensure_user("sam").id)
    errors: list[BaseException] = []

    def run(store: ConversationStore) -> None:
        try:
            for i in range(10):
                store.add_turn(session, "user", f"message {i}")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(store,)) for store in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert sorted(t.index for t in stores[1].turns_for_user("sam")) == list(range(1, 31))
    finally:
        for db in dbs:
            db.close()


def test_sign_up_on_one_worker_chat_on_the_other_over_http(database_url: str, config: Config) -> None:
    """The server's view: a token issued by worker A works on worker B; history written by B reads on A."""
    from fastapi.testclient import TestClient

    from amity.server import create_app
    from amity.server.app import ServerSettings

    settings = ServerSettings(hash_profile="test")
    shared = replace(config, database_url=database_url, embedder="hashing")
    app_a = build_app(shared, llm=FakeLLM(default="From A."), db=open_postgres(database_url))
    app_b = build_app(shared, llm=FakeLLM(default="From B."), db=open_postgres(database_url))
    with TestClient(create_app(app_a, settings=settings)) as a, TestClient(create_app(app_b, settings=settings)) as b:
        r = a.post("/api/v1/auth/register", json={"username": "sam", "password": "a long password"})
        assert r.status_code == 201, r.text
        token = r.json()["token"]
        with b.websocket_connect("/api/v1/ws") as ws:
            ws.send_json({"type": "auth", "token": token})
            assert ws.receive_json()["type"] == "ready"
            ws.send_json({"type": "say", "id": "m1", "text": "Hello over there"})
            while (frame := ws.receive_json())["type"] != "end":
                pass
        assert frame["reply"] == "From B."
        history = a.get("/api/v1/history", headers={"Authorization": f"Bearer {token}"}).json()
        assert [t["text"] for t in history] == ["Hello over there", "From B."]
    app_a.db.close()
    app_b.db.close()


def test_workers_starting_at_once_migrate_a_fresh_database_once(database_url: str) -> None:
    """Extensions, the memory schema and the app's migrations are created under one advisory lock."""
    opened: list[PostgresDatabase] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def start() -> None:
        barrier.wait()
        try:
            opened.append(open_postgres(database_url))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == [] and len(opened) == 4
        names = [r[0] for r in opened[0].query("SELECT name FROM _migrations ORDER BY name")]
        assert len(names) == len(set(names)) and "core_v1" in names and "server_v1" in names
    finally:
        for db in opened:
            db.close()


def test_a_worker_reconnects_after_the_database_dropped_its_connection(database_url: str) -> None:
    """A restart or failover kills connections: one call fails with a clear error, the next reconnects."""
    from amity.errors import BackendUnavailable

    db = open_postgres(database_url)
    other = open_postgres(database_url)
    try:
        store = ConversationStore(db)
        session = store.new_session(store.ensure_user("sam").id)
        pid = db.query_one("SELECT pg_backend_pid()")
        assert pid is not None
        other.query("SELECT pg_terminate_backend(?)", (pid[0],))
        with pytest.raises(BackendUnavailable) as lost:
            store.add_turn(session, "user", "are you there?")
        assert "reconnects" in lost.value.fix
        assert store.add_turn(session, "user", "and now?").index == 1  # the failed write did not happen
        assert [t.text for t in ConversationStore(other).turns_for_user("sam")] == ["and now?"]
    finally:
        db.close()
        other.close()


def test_different_users_commit_in_parallel_one_user_and_global_writes_wait(database_url: str) -> None:
    """Per-turn writes lock their user (plus the global lock shared); anything global still waits."""
    holder, other, same, whole = (open_postgres(database_url) for _ in range(4))
    inside, release = threading.Event(), threading.Event()
    same_done, whole_done = threading.Event(), threading.Event()

    def hold() -> None:
        with user_transaction(holder, "sam"):
            inside.set()
            release.wait(20)

    def write(db: PostgresDatabase, user: str | None, done: threading.Event) -> None:
        with user_transaction(db, user) if user else db.transaction():
            done.set()

    threads = [threading.Thread(target=hold)]
    threads[0].start()
    try:
        assert inside.wait(10)
        other_done = threading.Event()
        threads.append(threading.Thread(target=write, args=(other, "ana", other_done)))
        threads[-1].start()
        assert other_done.wait(5)  # another user's writer commits while "sam" is locked
        threads += [
            threading.Thread(target=write, args=(same, "sam", same_done)),
            threading.Thread(target=write, args=(whole, None, whole_done)),
        ]
        for t in threads[2:]:
            t.start()
        assert not same_done.wait(0.5) and not whole_done.is_set()  # the same user, and global, wait
    finally:
        release.set()
        for t in threads:
            t.join(20)
        for db in (holder, other, same, whole):
            db.close()
    assert same_done.is_set() and whole_done.is_set()
