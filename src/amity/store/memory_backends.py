"""The memory area's stores for whichever database the app runs on (SQLite or PostgreSQL).

SQLite keeps facts and the hybrid index in the app's file (FTS5 + sqlite-vec); PostgreSQL keeps them in
the same database as everything else (tsvector + pgvector, :mod:`amity.store.postgres`), on the same
connection, so forgetting a user removes their facts and vectors in the same transaction as their turns.
"""

from __future__ import annotations

from amity.memory.embedders import Embedder
from amity.memory.facts import FactBook
from amity.memory.hybrid import HybridMemoryIndex, open_memory_index
from amity.store.db import Database
from amity.store.portable import CarriedVectors
from amity.store.sql import POSTGRESQL, SqlDatabase


def fact_book(db: SqlDatabase) -> FactBook:
    """The fact book on ``db`` (no embedder needed)."""
    if db.dialect == POSTGRESQL:
        from amity.store.pg_database import PostgresDatabase
        from amity.store.postgres import PostgresFactStore

        assert isinstance(db, PostgresDatabase)
        return FactBook(PostgresFactStore(db.pg))
    from amity.store.sqlite_facts import SQLiteFactStore

    assert isinstance(db, Database)
    return FactBook(SQLiteFactStore(db))


def memory_index(db: SqlDatabase, embedder: str | Embedder | None = None) -> HybridMemoryIndex:
    """The hybrid (BM25 + vector) episodic index on ``db``; items of another embedder are re-embedded."""
    if db.dialect == POSTGRESQL:
        from amity.store.pg_database import PostgresDatabase
        from amity.store.postgres import postgres_memory

        assert isinstance(db, PostgresDatabase)
        return postgres_memory(db.pg, embedder)[1]
    assert isinstance(db, Database)
    return open_memory_index(db, embedder)


def restore_vectors(db: SqlDatabase, carried: CarriedVectors) -> bool:
    """Give imported items their exported vectors when this install's index uses the same vector space.

    Returns False (nothing written) when the index here was built with another embedder: the items then have
    no vector and the index re-embeds them when it next opens."""
    row = db.query_one("SELECT value FROM memory_meta WHERE key = 'vector_space'")
    if row is not None and str(row[0]).rsplit(":", 1)[0] != carried.space:
        return False
    space, _, dim = carried.space.rpartition(":")
    if not carried.ids or int(dim) != carried.dim:
        return False
    if db.dialect == POSTGRESQL:
        from amity.store.pg_database import PostgresDatabase
        from amity.store.postgres import PostgresMemoryStore

        assert isinstance(db, PostgresDatabase)
        PostgresMemoryStore(db.pg, carried.dim, space).set_vectors(carried.ids, carried.vectors)
        return True
    from amity.store.sqlite_memory import SQLiteMemoryStore

    assert isinstance(db, Database)
    SQLiteMemoryStore(db, carried.dim, space).set_vectors(carried.ids, carried.vectors)
    return True
