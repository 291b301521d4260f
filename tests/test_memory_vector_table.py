"""The SQLite vector table's layout (``amity.store.vector_table``): small chunks, vectors carried across layouts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from amity.memory.embedders import HashingEmbedder
from amity.memory.hybrid import HybridMemoryIndex, vector_space
from amity.memory.index import MemoryItem
from amity.store.db import Database
from amity.store.schema_memory import MIGRATIONS
from amity.store.sqlite_memory import SQLiteMemoryStore
from amity.store.vector_table import VEC_CHUNK_SIZE

EMB = HashingEmbedder(dim=64)


def _index(db: Database, use_vec: bool) -> HybridMemoryIndex:
    return HybridMemoryIndex(SQLiteMemoryStore(db, EMB.dim, vector_space(EMB), use_vec=use_vec), EMB)


def _fill(index: HybridMemoryIndex) -> None:
    for user in range(3):
        index.add_many(
            f"u{user}",
            [
                MemoryItem(user_id=f"u{user}", text=f"note {i} about tea and the garden", id=f"u{user}-{i}")
                for i in range(5)
            ],
        )


def _need_vec0(db: Database) -> None:
    try:
        import sqlite_vec
    except ImportError:
        pytest.skip("sqlite-vec is not installed")
    if not db.load_extension(sqlite_vec.load):
        pytest.skip("sqlite-vec cannot be loaded here")


def test_each_user_costs_one_small_chunk(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.db", MIGRATIONS)
    _need_vec0(db)
    _fill(_index(db, True))
    sql = db.query_one("SELECT sql FROM sqlite_master WHERE name = 'memory_vec'")[0]
    assert f"chunk_size={VEC_CHUNK_SIZE}" in sql
    chunks = db.query("SELECT length(vectors) FROM memory_vec_vector_chunks00")
    assert len(chunks) == 3 and {c[0] for c in chunks} == {VEC_CHUNK_SIZE * EMB.dim * 4}


def _old_vec0_index(db: Database) -> None:
    """What the earlier release wrote: sqlite-vec's default chunks, the layout recorded as ``vec0``."""
    db.execute(
        "CREATE VIRTUAL TABLE memory_vec USING vec0(item_rowid integer primary key, user_id text "
        f"partition key, kind text, embedding float[{EMB.dim}] distance_metric=cosine)"
    )
    db.execute("INSERT INTO memory_meta(key, value) VALUES ('vector_space', ?)", (f"{vector_space(EMB)}:64:vec0",))
    for user in range(3):
        for i in range(5):
            text = f"note {i} about tea and the garden"
            db.execute(
                "INSERT INTO memory_items(id, user_id, text, created_at, created_ts) VALUES (?, ?, ?, ?, 0)",
                (f"u{user}-{i}", f"u{user}", text, "2025-01-01T00:00:00+00:00"),
            )
            rowid = db.query_one("SELECT rowid FROM memory_items WHERE id = ?", (f"u{user}-{i}",))[0]
            vec = np.asarray(EMB.embed([text])[0], dtype=np.float32)
            db.execute(
                "INSERT INTO memory_vec(item_rowid, user_id, kind, embedding) VALUES (?, ?, 'episode', ?)",
                (rowid, f"u{user}", vec.tobytes()),
            )


@pytest.mark.parametrize("old", ["vec0", "plain"])
def test_a_layout_change_copies_the_vectors(tmp_path: Path, old: str) -> None:
    db = Database(tmp_path / "m.db", MIGRATIONS)
    _need_vec0(db)
    query = EMB.embed_query(["tea garden"])[0]
    if old == "vec0":
        _old_vec0_index(db)
        expected = None
    else:
        before = _index(db, False)
        _fill(before)
        expected = before.store.knn("u1", query, 3)
    after = _index(db, True)
    assert after.store.missing_vectors() == []  # nothing to re-embed
    assert f"chunk_size={VEC_CHUNK_SIZE}" in db.query_one("SELECT sql FROM sqlite_master WHERE name = 'memory_vec'")[0]
    assert db.query_one("SELECT COUNT(*) FROM memory_vec")[0] == 15
    found = after.store.knn("u1", query, 3)
    assert {c.id for c in found} <= {f"u1-{i}" for i in range(5)} and len(found) == 3
    if expected is not None:  # the same vectors: the same neighbours and scores
        assert [c.id for c in found] == [c.id for c in expected]
        assert np.allclose([c.score for c in found], [c.score for c in expected], atol=1e-5)
        assert db.query_one("SELECT 1 FROM sqlite_master WHERE name = 'memory_vec_plain'") is None


def test_another_embedder_still_starts_empty(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.db", MIGRATIONS)
    _fill(_index(db, False))
    other = HashingEmbedder(dim=32)
    store = SQLiteMemoryStore(db, other.dim, vector_space(other), use_vec=False)
    assert len(store.missing_vectors()) == 15
