"""Bounded BM25 (``SQLiteMemoryStore.bm25`` with a small ``bm25_budget``) on real SQLite, and its plan."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from amity.memory.index import Candidate, StoredItem
from amity.store.db import Database
from amity.store.fts_pruning import estimate_df, idf, merge_ranked, or_phrases, plan_phrases
from amity.store.schema_memory import MIGRATIONS
from amity.store.sqlite_memory import SQLiteMemoryStore

T0 = datetime(2025, 1, 1, tzinfo=UTC)
DIM = 8


def _item(user: str, i: int, text: str) -> StoredItem:
    return StoredItem(
        id=f"{user}-{i}", user_id=user, text=text, kind="episode", created_at=T0 + timedelta(minutes=i), importance=0.3
    )


def _add(store: SQLiteMemoryStore, items: list[StoredItem]) -> None:
    rng = np.random.default_rng(len(items))
    store.add_many(items, rng.normal(size=(len(items), DIM)).astype(np.float32))


@pytest.fixture
def db(tmp_path: Path) -> Database:
    """Alice: 60 rows about coffee, a few about Zanzibar; Bob: many rows with the same words."""
    database = Database(tmp_path / "m.db", MIGRATIONS)
    store = SQLiteMemoryStore(database, DIM, "test", use_vec=False)
    alice = [_item("alice", i, f"morning coffee with the team number {i}") for i in range(60)]
    alice += [
        _item("alice", 60, "we talked about Zanzibar beaches"),
        _item("alice", 61, "Zanzibar coffee was the best coffee on the trip"),
        _item("alice", 62, "a postcard from Zanzibar arrived"),
        _item("alice", 63, "tea and coffee and a long morning walk"),
    ]
    _add(store, alice)
    bob = [_item("bob", i, f"Zanzibar morning coffee plans {i}") for i in range(80)]
    _add(store, bob)
    return database


def _ids(candidates: list[Candidate]) -> list[str]:
    return [c.id for c in candidates]


def _stores(db: Database, budget: int) -> tuple[SQLiteMemoryStore, SQLiteMemoryStore]:
    exact = SQLiteMemoryStore(db, DIM, "test", use_vec=False, bm25_budget=None)
    return exact, SQLiteMemoryStore(db, DIM, "test", use_vec=False, bm25_budget=budget)


def test_within_budget_the_query_is_exact(db: Database) -> None:
    exact, bounded = _stores(db, 10_000)
    for query in ("coffee Zanzibar", "morning walk", "postcard"):
        assert bounded.bm25("alice", query, 10) == exact.bm25("alice", query, 10)  # ids and scores
    _, counted = _stores(db, 50)  # more rows than the budget, but these phrases match only 3 rows
    assert counted.bm25("alice", "postcard beaches walk", 10) == exact.bm25("alice", "postcard beaches walk", 10)


def test_rare_term_still_found_when_common_terms_are_pruned(db: Database) -> None:
    exact, bounded = _stores(db, 20)  # "postcard" (1 row) fits; "coffee" (144 rows) does not
    found = _ids(bounded.bm25("alice", "coffee postcard", 5))
    assert found[0] == "alice-62"
    assert exact.bm25("alice", "coffee postcard", 5)[0].id == "alice-62"
    assert set(found[1:]) <= {f"alice-{i}" for i in range(64)} and len(found) == 5


def test_rows_holding_two_common_terms_rank_first(db: Database) -> None:
    _, bounded = _stores(db, 20)  # for Alice both "zanzibar" and "coffee" are common (Bob's rows count)
    found = _ids(bounded.bm25("alice", "Zanzibar coffee", 5))
    assert found[0] == "alice-61"  # the one row of Alice's with both words
    assert set(found[1:3]) == {"alice-60", "alice-62"}  # then her rarer word alone (higher IDF)


def test_common_only_query_returns_newest_matches(db: Database) -> None:
    _, bounded = _stores(db, 20)
    scored = bounded.bm25("alice", "coffee", 8)
    found = _ids(scored)
    assert len(found) == 8 and len({c.score for c in scored}) == 1 and scored[0].score > 0  # one IDF bonus
    numbers = [int(i.split("-")[1]) for i in found]
    assert numbers == sorted(numbers, reverse=True)  # ties at one IDF: newest first
    items = SQLiteMemoryStore(db, DIM, "test", use_vec=False).get(found)
    assert all("coffee" in it.text.lower() for it in items.values())


def test_bounded_search_never_returns_another_users_rows(db: Database) -> None:
    _, bounded = _stores(db, 5)
    for query in ("Zanzibar coffee morning plans", "plans", "coffee", "Zanzibar beaches postcard"):
        assert all(i.startswith("alice-") for i in _ids(bounded.bm25("alice", query, 50)))
        assert all(i.startswith("bob-") for i in _ids(bounded.bm25("bob", query, 50)))
    assert bounded.bm25("carol", "Zanzibar coffee", 10) == []
    assert bounded.bm25("alice", "coffee", 5, kinds=["fact"]) == []


def test_or_phrases_reads_only_plain_or_expressions() -> None:
    assert or_phrases('"a" OR "b""c" OR "d e"') == ['"a"', '"b""c"', '"d e"']
    assert or_phrases('"a"') == ['"a"']
    for other in ('a OR "b"', '"a" AND "b"', '"a" OR', '"a" OR "b', 'NEAR("a" "b")'):
        assert or_phrases(other) is None


def test_plan_splits_rare_first_and_prices_common_terms() -> None:
    counts = {'"r"': 3, '"s"': 6, '"c"': 11, '"d"': 11}
    dfs = {'"r"': 3.0, '"s"': 6.0, '"c"': 400.0, '"d"': 900.0}
    plan = plan_phrases(list(counts), counts, dfs, rows=1000, budget=10)
    assert not plan.exact and plan.rare == ('"r"', '"s"') and set(plan.common) == {'"c"', '"d"'}
    assert plan.bonus['"c"'] == pytest.approx(math.log(600.5 / 400.5))
    assert plan.bonus['"d"'] == pytest.approx(math.log(100.5 / 900.5)) or plan.bonus['"d"'] == 1e-6
    assert plan_phrases(['"r"', '"s"'], counts, dfs, rows=1000, budget=10).exact
    only_common = plan_phrases(['"c"'], counts, dfs, rows=1000, budget=10)
    assert only_common.rare == () and only_common.common == ('"c"',)


def test_df_estimate_and_idf_follow_fts5() -> None:
    assert estimate_df(7, cap=11, last_rowid=500, first_rowid=1, span=1000) == 7
    assert estimate_df(11, cap=11, last_rowid=100, first_rowid=1, span=1000) == pytest.approx(110)
    assert idf(1000, 10) == pytest.approx(math.log(990.5 / 10.5))
    assert idf(1000, 900) == 1e-6 and idf(10, 20) == 1e-6
    assert merge_ranked({1: 2.0, 2: 3.0, 3: 2.0}, 2) == [2, 3]


def test_binary_candidate_selection_takes_the_smallest_distances() -> None:
    from amity.memory.ann import select_smallest

    rng = np.random.default_rng(3)
    distances = rng.integers(0, 40, size=5000).astype(np.uint16)
    for m in (1, 7, 100, 4999, 5000):
        picked = select_smallest(distances, m)
        assert len(picked) == m and len(set(picked.tolist())) == m
        assert distances[picked].max() <= np.sort(distances)[m - 1]  # ties at the cut may be any of them
    assert len(select_smallest(distances, 0)) == 0


@pytest.fixture
def shared_db(tmp_path: Path) -> Database:
    """A server's database: 40 users with the same common words, Alice with a few rows of her own."""
    database = Database(tmp_path / "shared.db", MIGRATIONS)
    store = SQLiteMemoryStore(database, DIM, "test", use_vec=False)
    for u in range(40):
        _add(store, [_item(f"user{u}", i, f"coffee with my sister, day {i} of the trip") for i in range(12)])
    _add(
        store,
        [
            _item("alice", 0, "coffee in Lisbon with my sister"),
            _item("alice", 1, "my sister's birthday is in May"),
            _item("alice", 2, "a long day at work, coffee helped"),
            _item("alice", 3, "the trip to Zanzibar"),
        ],
    )
    return database


@pytest.mark.parametrize("budget", [None, 10_000, 100, 5])
def test_owner_filter_gives_the_same_results(shared_db: Database, budget: int | None) -> None:
    unfiltered = SQLiteMemoryStore(shared_db, DIM, "test", use_vec=False, bm25_budget=budget, owner_filter=False)
    filtered = SQLiteMemoryStore(shared_db, DIM, "test", use_vec=False, bm25_budget=budget)
    assert filtered._owner_phrase("alice", 484) is not None  # 4 of 484 rows: the filter applies
    for query in ("coffee sister", "sister birthday", "day trip coffee", "Zanzibar", "coffee", "nothing matches"):
        for kinds in (None, ["episode"], ["fact"]):
            assert filtered.bm25("alice", query, 10, kinds) == unfiltered.bm25("alice", query, 10, kinds), query
    assert filtered.bm25("nobody", "coffee", 10) == []


def test_owner_filter_is_skipped_for_a_user_owning_most_rows(db: Database) -> None:
    store = SQLiteMemoryStore(db, DIM, "test", use_vec=False, bm25_budget=20)
    assert store._owner_phrase("bob", 144) is None  # 80 of 144 rows: walking the lists is cheaper
    assert store._owner_phrase("alice", 144) is None
    assert store._owner_phrase("carol", 144) == ""  # no items at all


def test_owner_column_follows_deletes_and_updates(shared_db: Database) -> None:
    store = SQLiteMemoryStore(shared_db, DIM, "test", use_vec=False, bm25_budget=5)
    assert [c.id for c in store.bm25("alice", "Lisbon", 5)] == ["alice-0"]
    shared_db.execute("UPDATE memory_items SET text = 'tea in Porto' WHERE id = 'alice-0'")
    assert store.bm25("alice", "Lisbon", 5) == [] and [c.id for c in store.bm25("alice", "Porto", 5)] == ["alice-0"]
    store.delete(["alice-0"])
    assert store.bm25("alice", "Porto", 5) == []
    shared_db.execute("INSERT INTO memory_fts(memory_fts) VALUES ('integrity-check')")  # raises when out of step


def test_an_index_from_before_the_owner_column_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path, MIGRATIONS[:1])  # the schema as first released
    old.execute(
        "INSERT INTO memory_items (id, user_id, kind, text, context, created_at, created_ts) "
        "VALUES ('m1', 'usr_1', 'episode', 'my sister lives in Lisbon', '', '2025-01-01T00:00:00+00:00', 0)"
    )
    old.close()
    migrated = Database(path, MIGRATIONS)
    assert migrated.query_one("SELECT owner FROM memory_items WHERE id = 'm1'")[0] == b"usr_1".hex()
    hits = migrated.query("SELECT rowid FROM memory_fts WHERE memory_fts MATCH ?", (f'owner : "{b"usr_1".hex()}"',))
    assert len(hits) == 1
    store = SQLiteMemoryStore(migrated, DIM, "test", use_vec=False)
    assert [c.id for c in store.bm25("usr_1", "Lisbon", 5)] == ["m1"]
    migrated.execute("INSERT INTO memory_fts(memory_fts) VALUES ('integrity-check')")
    assert [tuple(r) for r in migrated.query("SELECT user_id, items FROM memory_users")] == [("usr_1", 1)]


def test_items_per_user_follow_every_write(shared_db: Database) -> None:
    def counts() -> dict[str, int]:
        return {r[0]: r[1] for r in shared_db.query("SELECT user_id, items FROM memory_users")}

    def recount() -> dict[str, int]:
        return {r[0]: r[1] for r in shared_db.query("SELECT user_id, COUNT(*) FROM memory_items GROUP BY 1")}

    assert counts() == recount() and counts()["alice"] == 4
    store = SQLiteMemoryStore(shared_db, DIM, "test", use_vec=False)
    _add(store, [_item("alice", 1, "my sister's birthday is on the 3rd of May")])  # replaces alice-1
    store.delete(["alice-0", "alice-2"])
    shared_db.execute("UPDATE memory_items SET user_id = 'bob' WHERE id = 'alice-3'")
    store.delete_user("user0")
    assert counts() == recount()
    assert counts()["alice"] == 1 and counts()["bob"] == 1 and "user0" not in counts()


def test_the_counts_are_not_exported(shared_db: Database) -> None:
    from amity.store.sqlite_dump import data_tables

    assert "memory_users" not in {t.name for t in data_tables(shared_db)}
    assert "memory_items" in {t.name for t in data_tables(shared_db)}
