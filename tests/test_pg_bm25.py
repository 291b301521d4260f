"""BM25 on PostgreSQL (``amity.store.postgres``): FTS5's scores, statistics that follow every write, the upgrade.

Each case gets a fresh database on the session's embedded PostgreSQL (``tests/pg_server.py``) and skips
with the reason when the server cannot start.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from amity.memory.embedders import HashingEmbedder
from amity.memory.index import StoredItem
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.store.sqlite_memory import SQLiteMemoryStore
from tests.pg_server import fresh_database

T0 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
TURNS = [
    ("Caroline went to the LGBTQ support group yesterday", "Hey Caroline, how was your week?"),
    ("Caroline painted a sunset with her kids", "What did you do this weekend?"),
    ("Caroline and Melanie talked about Caroline's adoption plans", ""),
    ("I went camping with the kids last summer", "Caroline asked about camping"),
    ("The support group was really helpful, Caroline said", ""),
    ("Melanie likes pottery; pottery classes calm her", ""),
    ("Caroline is reading a book about Zanzibar", "Any holiday plans?"),
]
QUERIES = ["Caroline Zanzibar", "Caroline support group", "pottery", "kids camping summer", "weekend plans"]


def _items(user: str = "u") -> list[StoredItem]:
    return [
        replace(
            StoredItem(f"{user}-{i}", user, text, "episode", T0 + timedelta(minutes=i), 0.5, "s1", None, "user"),
            context=context,
        )
        for i, (text, context) in enumerate(TURNS)
    ]


def _pg_store(pg_dsn: str) -> Any:
    from amity.store.postgres import PostgresMemoryStore, connect

    return PostgresMemoryStore(connect(fresh_database(pg_dsn)), 16, "hashing")


def _assert_same_ranking(pg: Any, sqlite: Any, query: str) -> None:
    got, want = pg.bm25("u", query, 10), sqlite.bm25("u", query, 10)
    assert [c.id for c in got] == [c.id for c in want], query
    assert [c.score for c in got] == pytest.approx([c.score for c in want], rel=1e-9, abs=1e-12), query


def test_bm25_ranks_a_rare_term_above_a_common_one_and_agrees_with_sqlite(pg_dsn: str, tmp_path: Path) -> None:
    emb = HashingEmbedder(dim=16)
    pg = _pg_store(pg_dsn)
    sqlite = SQLiteMemoryStore(Database(tmp_path / "a.db", all_migrations()), 16, "hashing")
    items = _items()
    for store in (pg, sqlite):
        store.add_many(items, emb.embed([i.text for i in items]))
    # "Caroline" is in six of seven turns, "Zanzibar" in one: IDF puts the rare name first
    assert pg.bm25("u", "Caroline Zanzibar", 3)[0].id == "u-6"
    for query in QUERIES:
        _assert_same_ranking(pg, sqlite, query)
    assert pg.bm25("u", "pottery", 5, kinds=["fact"]) == [] and pg.bm25("u", "the of", 5) == []


def test_statistics_follow_replace_forget_and_forget_user(pg_dsn: str) -> None:
    emb = HashingEmbedder(dim=16)
    store = _pg_store(pg_dsn)
    items = _items() + _items("v")
    store.add_many(items, emb.embed([i.text for i in items]))

    def df(lexeme: str, user: str = "u") -> list[Any]:
        return store.conn.query("SELECT df FROM memory_terms WHERE user_id = %s AND lexeme = %s", (user, lexeme))

    def stats(user: str = "u") -> list[Any]:
        return store.conn.query("SELECT items, tokens FROM memory_term_stats WHERE user_id = %s", (user,))

    assert df("carolin") == [(6,)] and df("zanzibar") == [(1,)] and stats()[0][0] == 7
    tokens = stats()[0][1]
    renamed = replace(items[6], text="Caroline is reading a book")  # an upsert replaces the lexemes
    store.add_many([renamed], emb.embed([renamed.text]))
    assert df("zanzibar") == [] and df("book") == [(1,)] and stats() == [(7, tokens - 2)]
    assert store.delete(["u-5"]) == 1  # forget: its rare lexeme is gone, the shared ones drop by one
    assert df("potteri") == [] and df("melani") == [(1,)] and stats()[0][0] == 6
    left = store.conn.query("SELECT lexeme FROM memory_terms WHERE user_id = 'u' AND lexeme = ANY(%s)", (["calm"],))
    assert left == [] and df("melani", "v") == [(2,)]  # the other user's statistics are their own
    assert store.delete_by_source(["nothing"]) == 0 and store.delete_user("u") == 6
    assert store.conn.query("SELECT count(*) FROM memory_terms WHERE user_id = 'u'") == [(0,)] and stats() == []
    assert stats("v")[0][0] == 7


def test_an_existing_database_upgrades_to_bm25(pg_dsn: str, tmp_path: Path) -> None:
    """Rows written before ``memory_v2`` get their statistics from the migration, then score like SQLite."""
    from amity.store.postgres import SCHEMA, PostgresMemoryStore, connect, open_raw

    dsn = fresh_database(pg_dsn)
    raw = open_raw(dsn)
    raw.execute("CREATE TABLE amity_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ)")
    for name, sql in SCHEMA[: [n for n, _ in SCHEMA].index("memory_v2")]:
        raw.execute(sql)
        raw.execute("INSERT INTO amity_migrations VALUES (%s, now())", (name,))
    items = _items()
    for it in items:
        raw.execute(
            "INSERT INTO memory_items (id, user_id, kind, session_id, text, context, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (it.id, it.user_id, it.kind, it.session_id, it.text, it.context, it.created_at),
        )
    raw.close()
    conn = connect(dsn)
    assert conn.query("SELECT df FROM memory_terms WHERE user_id = 'u' AND lexeme = 'carolin'") == [(6,)]
    pg = PostgresMemoryStore(conn, 16, "hashing")
    sqlite = SQLiteMemoryStore(Database(tmp_path / "a.db", all_migrations()), 16, "hashing")
    sqlite.add_many(items, HashingEmbedder(dim=16).embed([i.text for i in items]))
    for query in QUERIES:
        _assert_same_ranking(pg, sqlite, query)


def test_concurrent_writers_of_one_user_keep_exact_statistics(pg_dsn: str) -> None:
    """Two connections write and forget the same user's items at once (several statements per transaction,
    lexemes in opposite orders): no deadlock, and the statistics equal a recount afterwards."""
    import threading

    from amity.store.postgres import PostgresMemoryStore, connect

    dsn = fresh_database(pg_dsn)
    emb = HashingEmbedder(dim=16)
    words = ["apple", "banana", "cherry", "damson", "elder", "fig"]
    errors: list[BaseException] = []

    stores = [PostgresMemoryStore(connect(dsn), 16, "hashing") for _ in range(2)]  # the vector column first

    def writer(store: PostgresMemoryStore, name: str, order: list[str]) -> None:
        try:
            for round_ in range(15):
                with store.conn.transaction():
                    for i, word in enumerate(order):
                        item = replace(_items()[0], id=f"{name}-{round_}-{i}", text=f"{word} pie")
                        store.add_many([item], emb.embed([item.text]))
                    store.delete([f"{name}-{round_ - 1}-0"])
        except BaseException as exc:  # reported below: a deadlock would surface here
            errors.append(exc)
        finally:
            store.conn.close()

    threads = [
        threading.Thread(target=writer, args=(s, n, o))
        for s, n, o in zip(stores, "ab", (words, words[::-1]), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    conn = connect(dsn)
    recount = conn.query(
        "SELECT user_id, lexeme, count(*)::int FROM memory_items, unnest(tsvector_to_array(tsv)) AS lexeme "
        "GROUP BY 1, 2 ORDER BY 1, 2"
    )
    assert conn.query("SELECT user_id, lexeme, df FROM memory_terms ORDER BY 1, 2") == recount
    stats = conn.query("SELECT user_id, count(*)::int, sum(doc_len)::bigint FROM memory_items GROUP BY 1")
    assert (
        conn.query("SELECT user_id, items, tokens FROM memory_term_stats") == stats and stats[0][1] == 2 * 15 * 6 - 28
    )


def test_two_processes_opening_a_fresh_database_at_once(pg_dsn: str) -> None:
    """Two app workers starting together both set up the vector column: one does it, the other waits and
    finds it done (it used to fail with ``memory_items_hnsw already exists``)."""
    import threading

    from amity.store.postgres import PostgresMemoryStore, connect

    dsn = fresh_database(pg_dsn)
    conns = [connect(dsn) for _ in range(4)]
    start = threading.Barrier(len(conns))
    errors: list[BaseException] = []

    def open_store(conn: Any) -> None:
        try:
            start.wait()
            PostgresMemoryStore(conn, 16, "hashing")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = PostgresMemoryStore(conns[0], 16, "hashing")
    emb = HashingEmbedder(dim=16)
    store.add_many(_items(), emb.embed([i.text for i in _items()]))
    assert store.knn("u", emb.embed_query(["pottery"])[0], 1)
    for conn in conns:
        conn.close()
