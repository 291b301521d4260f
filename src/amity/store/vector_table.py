"""The SQLite memory store's vector table: created lazily, rebuilt when the vector space changes.

The table needs the sqlite-vec extension loaded and the embedder's dimension, so it is not part of the
migrations (``schema_memory``). ``memory_meta['vector_space']`` records ``<embedder>:<dim>:<layout>``, where
the layout is ``vec0/c<chunk size>`` (sqlite-vec) or ``plain`` (float32 BLOBs, when the extension cannot be
loaded). When the embedder or the dimension changes, the new table starts empty and the index re-embeds
(``SQLiteMemoryStore.missing_vectors``). When only the layout changes (a new chunk size, the extension
appearing or missing) the vectors are the same numbers: they are copied across, never re-embedded.

Chunk size: vec0 keeps each partition (one user) in chunks of ``chunk_size`` vectors, allocated whole. Its
default (1,024 × 384 floats = 1.5 MB) cost every user of a server 1.5 MB of disk and a 15 ms write for their
first memory, and a small user's KNN read the whole chunk. 64 vectors (96 KB) cost 1 ms; KNN over 2,000
vectors is 1.26 vs 0.97 ms, over 20,000 18.5 vs 15.2 ms (docs/MEMORY.md), and from 20,000 vectors a
user's searches use the in-memory index (``amity.memory.ann``) anyway. Moving an existing table to the new
layout is a one-time copy on the first open after the upgrade: 7.9 s for 120k vectors, 77 s for 1.02M here.
"""

from __future__ import annotations

import logging

from amity.store.db import Database

log = logging.getLogger(__name__)

VEC_CHUNK_SIZE = 64
VEC_TABLE = "memory_vec"
PLAIN_TABLE = "memory_vec_plain"


def layout(use_vec: bool) -> str:
    """The storage layout's name as recorded in the vector space."""
    return f"vec0/c{VEC_CHUNK_SIZE}" if use_vec else "plain"


def ensure_vector_table(db: Database, space: str, dim: int, use_vec: bool) -> None:
    """Make ``memory_vec`` (or ``memory_vec_plain``) hold vectors of ``space`` (``<embedder>:<dim>:<layout>``)."""
    row = db.query_one("SELECT value FROM memory_meta WHERE key = 'vector_space'")
    table = VEC_TABLE if use_vec else PLAIN_TABLE
    exists = db.query_one("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)) is not None
    recorded = str(row[0]) if row is not None else None
    if recorded == space and exists:
        return
    source = _carry_source(db, recorded, space, use_vec)
    if source is not None:  # one time, after an upgrade: ~8 s per 100k memories here
        log.info("Moving the memory vectors to the %s layout (once; nothing is re-embedded).", space.rsplit(":", 1)[1])
    with db.transaction() as conn:
        if source is not None:
            conn.execute(
                f"CREATE TEMP TABLE memory_vec_carry AS SELECT item_rowid, user_id, kind, embedding FROM {source}"
            )
            if source != table:
                conn.execute(f"DROP TABLE {source}")
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        if use_vec:
            conn.execute(
                f"CREATE VIRTUAL TABLE {VEC_TABLE} USING vec0(item_rowid integer primary key, user_id text "
                f"partition key, kind text, embedding float[{dim}] distance_metric=cosine, "
                f"chunk_size={VEC_CHUNK_SIZE})"
            )
        else:
            conn.execute(
                f"CREATE TABLE {PLAIN_TABLE} (item_rowid INTEGER PRIMARY KEY, user_id TEXT NOT NULL, "
                "kind TEXT NOT NULL, embedding BLOB NOT NULL)"
            )
            conn.execute(f"CREATE INDEX {PLAIN_TABLE}_user ON {PLAIN_TABLE}(user_id)")
        if source is not None:
            conn.execute(
                f"INSERT INTO {table}(item_rowid, user_id, kind, embedding) "
                "SELECT item_rowid, user_id, kind, embedding FROM memory_vec_carry ORDER BY user_id, item_rowid"
            )
            conn.execute("DROP TABLE memory_vec_carry")
        conn.execute(
            "INSERT INTO memory_meta(key, value) VALUES ('vector_space', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (space,),
        )


def _carry_source(db: Database, recorded: str | None, space: str, use_vec: bool) -> str | None:
    """The table whose vectors can be copied into the new layout (same embedder and dimension), if any."""
    if recorded is None or recorded.rsplit(":", 1)[0] != space.rsplit(":", 1)[0]:
        return None
    old_layout = recorded.rsplit(":", 1)[1]
    source = PLAIN_TABLE if old_layout == "plain" else VEC_TABLE
    if source == VEC_TABLE and not use_vec:  # a vec0 table cannot be read without the extension
        return None
    return source if db.query_one("SELECT 1 FROM sqlite_master WHERE name = ?", (source,)) else None
