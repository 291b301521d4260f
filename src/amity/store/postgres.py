"""PostgreSQL + pgvector stores: the fact store and the memory-index store, for multi-machine deployments.

Implements the same Protocols as the SQLite stores (:class:`amity.memory.facts.FactStore` and
:class:`amity.memory.index.MemoryStore`); ``tests/test_store_contract.py`` runs one suite on both. All
PostgreSQL dialect lives in this module (the schema included, applied by :func:`migrate` with a
``amity_migrations`` table like SQLite's ``_migrations``).

Dialect notes:

* Full text: ``memory_items.tsv`` is a generated ``tsvector`` (``english`` configuration, so stemming like
  SQLite's Porter tokenizer) over the text (weight A) and the context (weight B) with a GIN index. The
  query is the content words of the question OR-ed (``plainto_tsquery`` per word joined with ``||``); the
  GIN index finds the user's matching rows and they are ranked by Okapi BM25 computed in SQL exactly as
  FTS5's ``bm25()`` does, from per-user statistics that a trigger keeps (:mod:`amity.store.pg_bm25`).
* Vectors: ``embedding vector(dim)`` with an HNSW index (``vector_cosine_ops``). Searches are per user
  (``WHERE user_id = …``); with ``hnsw.iterative_scan = strict_order`` pgvector ≥ 0.8 keeps scanning the
  graph until enough rows of that user are found, so filtering does not starve the top-k.
  ``hnsw.ef_search`` is raised to 100 (the index's candidate list; recall vs. speed).
* When the embedder changes, the column is re-typed to the new dimension with all vectors NULL and
  :meth:`PostgresMemoryStore.missing_vectors` lists the items to re-embed (as in SQLite).

Connections come from :func:`connect` (psycopg 3, autocommit, one lock per connection; writes use
explicit transactions). psycopg and pgvector are optional: ``pip install 'amity[postgres]'``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import numpy as np

from amity.errors import BackendUnavailable, ConfigError, StoreError
from amity.memory.embedders import Embedder
from amity.memory.facts import FACT_COLUMNS, Fact, FactBook, ReminderLogEntry, new_fact_row
from amity.memory.hybrid import HybridMemoryIndex, vector_space
from amity.memory.index import Candidate, StoredItem, Vector
from amity.memory.retrieval import query_terms
from amity.store.pg_bm25 import BM25_B, BM25_K1, BM25_SQL, CONTEXT_WEIGHT, MEMORY_BM25

INSTALL_HINT = "pip install 'amity[postgres]'"
VECTOR_SETUP_LOCK = 4245  # advisory lock key of the vector column set-up (pg_database: 4242 migrate, 4243 write)
SCHEMA: list[tuple[str, str]] = [
    (
        "facts_v1",
        """
        CREATE TABLE facts (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL, subject TEXT NOT NULL, key TEXT NOT NULL,
            value TEXT NOT NULL, date_value TEXT, confidence DOUBLE PRECISION NOT NULL, source_turn_id TEXT,
            quote TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
            valid_from TIMESTAMPTZ NOT NULL, supersedes TEXT, superseded_by TEXT, superseded_at TIMESTAMPTZ
        );
        CREATE INDEX facts_user_active ON facts(user_id, superseded_by);
        CREATE INDEX facts_supersedes ON facts(supersedes);
        CREATE TABLE reminder_prefs (user_id TEXT PRIMARY KEY, enabled BOOLEAN NOT NULL,
                                     updated_at TIMESTAMPTZ NOT NULL);
        CREATE TABLE reminder_log (user_id TEXT NOT NULL, fact_id TEXT NOT NULL, occurrence TEXT NOT NULL,
                                   shown_at TIMESTAMPTZ NOT NULL);
        CREATE INDEX reminder_log_user ON reminder_log(user_id, shown_at);
        """,
    ),
    (
        "memory_v1",
        """
        CREATE TABLE memory_items (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'episode',
            session_id TEXT, source_id TEXT, role TEXT, text TEXT NOT NULL, context TEXT NOT NULL DEFAULT '',
            importance DOUBLE PRECISION NOT NULL DEFAULT 0.3, affect TEXT, created_at TIMESTAMPTZ NOT NULL,
            tsv TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english', text), 'A') || setweight(to_tsvector('english', context), 'B')
            ) STORED,
            embedding vector
        );
        CREATE INDEX memory_items_user ON memory_items(user_id, created_at);
        CREATE INDEX memory_items_source ON memory_items(source_id);
        CREATE INDEX memory_items_tsv ON memory_items USING GIN (tsv);
        CREATE TABLE memory_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    # 0/1 like every other flag (the SQLite layout): exported rows import into either database.
    ("facts_v2", "ALTER TABLE reminder_prefs ALTER COLUMN enabled TYPE SMALLINT USING enabled::int"),
    ("memory_v2", MEMORY_BM25),
]
ITEM_COLUMNS = "id, user_id, kind, session_id, source_id, role, text, importance, affect, created_at, context"


class PgConnection:
    """One psycopg connection (autocommit) behind a lock, with the ``vector`` type registered.

    When the server has closed it (a restart, a failover, an idle timeout) the next call reconnects
    (:meth:`ensure_open`); the statement that found it broken has failed and is never retried (it may
    have committed)."""

    def __init__(self, raw: Any, dsn: str = "") -> None:
        self.raw = raw
        self.dsn = dsn
        self.row_factory: Any = None
        self.lock = threading.RLock()

    def ensure_open(self) -> Any:
        """The live connection, reconnected if the old one is closed or broken (call with the lock held)."""
        if (self.raw.closed or self.raw.broken) and self.dsn:
            self.raw = open_raw(self.dsn)
            if self.row_factory is not None:
                self.raw.row_factory = self.row_factory
        return self.raw

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.lock, self.ensure_open().transaction():
            yield self.raw

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return list(self.ensure_open().execute(sql, params).fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.lock:
            return int(self.ensure_open().execute(sql, params).rowcount)

    def close(self) -> None:
        with self.lock:
            self.raw.close()


def connect(dsn: str) -> PgConnection:
    """Connect, create the ``vector`` extension, apply the schema, and tune HNSW search for filtering."""
    conn = PgConnection(open_raw(dsn), dsn)
    migrate(conn)
    return conn


def open_raw(dsn: str) -> Any:
    """A psycopg connection (autocommit) with the ``vector`` extension and type, HNSW search tuned."""
    try:
        import psycopg
        from pgvector.psycopg import register_vector
    except ImportError as exc:
        raise ConfigError("The PostgreSQL store needs psycopg and pgvector.", INSTALL_HINT) from exc
    try:
        raw = psycopg.connect(dsn, autocommit=True)
        with raw.transaction():  # IF NOT EXISTS still races when two processes start at once: lock first
            raw.execute("SELECT pg_advisory_xact_lock(4242)")
            raw.execute("CREATE EXTENSION IF NOT EXISTS vector")
        register_vector(raw)
        raw.execute("SET hnsw.iterative_scan = strict_order")
        raw.execute("SET hnsw.ef_search = 100")
    except psycopg.OperationalError as exc:
        raise BackendUnavailable(
            f"Cannot connect to PostgreSQL ({exc}).", "Check the DSN and that the server is running."
        ) from exc
    except psycopg.Error as exc:
        raise StoreError(f"PostgreSQL refused the setup: {exc}.", "Install pgvector on the server.") from exc
    return raw


def migrate(conn: PgConnection) -> None:
    with conn.transaction() as raw:
        raw.execute("SELECT pg_advisory_xact_lock(4242)")  # two processes migrating at once
        raw.execute("CREATE TABLE IF NOT EXISTS amity_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ)")
        done = {r[0] for r in raw.execute("SELECT name FROM amity_migrations").fetchall()}
        for name, sql in SCHEMA:
            if name not in done:
                raw.execute(sql)
                raw.execute("INSERT INTO amity_migrations VALUES (%s, now())", (name,))


def _fact(r: Sequence[Any]) -> Fact:
    return Fact(
        id=r[0],
        user_id=r[1],
        subject=r[2],
        key=r[3],
        value=r[4],
        date_value=r[5],
        confidence=float(r[6]),
        source_turn_id=r[7],
        quote=r[8],
        origin=r[9],
        created_at=r[10],
        valid_from=r[11],
        supersedes=r[12],
        superseded_by=r[13],
        superseded_at=r[14],
    )


class PostgresFactStore:
    """:class:`amity.memory.facts.FactStore` on PostgreSQL."""

    def __init__(self, conn: PgConnection) -> None:
        self.conn = conn

    def insert(self, fact: Fact, supersede: Sequence[str] = ()) -> None:
        with self.conn.transaction() as raw:
            raw.execute(
                f"INSERT INTO facts ({FACT_COLUMNS}) VALUES ({','.join(['%s'] * 15)})",
                new_fact_row(fact, lambda d: d),
            )
            if supersede:
                raw.execute(
                    "UPDATE facts SET superseded_by = %s, superseded_at = %s WHERE id = ANY(%s)",
                    (fact.id, fact.created_at, list(supersede)),
                )

    def set_confidence(self, fact_id: str, confidence: float) -> None:
        self.conn.execute("UPDATE facts SET confidence = %s WHERE id = %s", (confidence, fact_id))

    def get(self, fact_id: str) -> Fact | None:
        rows = self.conn.query(f"SELECT {FACT_COLUMNS} FROM facts WHERE id = %s", (fact_id,))
        return _fact(rows[0]) if rows else None

    def facts_of(self, user_id: str, include_superseded: bool = False) -> list[Fact]:
        where = "" if include_superseded else " AND superseded_by IS NULL"
        rows = self.conn.query(
            f"SELECT {FACT_COLUMNS} FROM facts WHERE user_id = %s{where} ORDER BY created_at, id", (user_id,)
        )
        return [_fact(r) for r in rows]

    def chain(self, fact_id: str) -> list[Fact]:
        rows = self.conn.query(
            "WITH RECURSIVE chain(id) AS (SELECT id FROM facts WHERE id = %s UNION "
            "SELECT f.id FROM facts f JOIN chain c ON f.supersedes = c.id OR f.superseded_by = c.id) "
            f"SELECT {FACT_COLUMNS} FROM facts WHERE id IN (SELECT id FROM chain) ORDER BY created_at, id",
            (fact_id,),
        )
        return [_fact(r) for r in rows]

    def delete(self, ids: Sequence[str]) -> int:
        if not ids:
            return 0
        with self.conn.transaction() as raw:
            raw.execute("DELETE FROM reminder_log WHERE fact_id = ANY(%s)", (list(ids),))
            return int(raw.execute("DELETE FROM facts WHERE id = ANY(%s)", (list(ids),)).rowcount)

    def delete_user(self, user_id: str) -> int:
        with self.conn.transaction() as raw:
            raw.execute("DELETE FROM reminder_log WHERE user_id = %s", (user_id,))
            raw.execute("DELETE FROM reminder_prefs WHERE user_id = %s", (user_id,))
            return int(raw.execute("DELETE FROM facts WHERE user_id = %s", (user_id,)).rowcount)

    def count(self, user_id: str | None = None) -> int:
        if user_id is None:
            return int(self.conn.query("SELECT COUNT(*) FROM facts")[0][0])
        return int(self.conn.query("SELECT COUNT(*) FROM facts WHERE user_id = %s", (user_id,))[0][0])

    def reminders_enabled(self, user_id: str) -> bool:
        rows = self.conn.query("SELECT enabled FROM reminder_prefs WHERE user_id = %s", (user_id,))
        return bool(rows[0][0]) if rows else False

    def set_reminders_enabled(self, user_id: str, enabled: bool) -> None:
        self.conn.execute(
            "INSERT INTO reminder_prefs (user_id, enabled, updated_at) VALUES (%s, %s, now()) "
            "ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, "
            "updated_at = EXCLUDED.updated_at",
            (user_id, int(enabled)),
        )

    def reminder_log(self, user_id: str, since: datetime) -> list[ReminderLogEntry]:
        rows = self.conn.query(
            "SELECT fact_id, occurrence, shown_at FROM reminder_log WHERE user_id = %s AND shown_at >= %s "
            "ORDER BY shown_at",
            (user_id, since),
        )
        return [ReminderLogEntry(r[0], r[1], r[2]) for r in rows]

    def log_reminder(self, user_id: str, fact_id: str, occurrence: str, shown_at: datetime) -> None:
        self.conn.execute(
            "INSERT INTO reminder_log (user_id, fact_id, occurrence, shown_at) VALUES (%s, %s, %s, %s)",
            (user_id, fact_id, occurrence, shown_at),
        )


def _item(r: Sequence[Any]) -> StoredItem:
    created: datetime = r[9]
    return StoredItem(
        id=r[0],
        user_id=r[1],
        kind=r[2],
        session_id=r[3],
        source_id=r[4],
        role=r[5],
        text=r[6],
        importance=float(r[7]),
        affect=r[8],
        created_at=created.astimezone(UTC),
        context=r[10],
    )


class PostgresMemoryStore:
    """:class:`amity.memory.index.MemoryStore` on PostgreSQL: tsvector + GIN, pgvector HNSW (cosine)."""

    def __init__(self, conn: PgConnection, dim: int, space: str) -> None:
        self.conn = conn
        self._dim = dim
        self._space = f"{space}:{dim}:pgvector"
        self._ensure_vector_column()

    @property
    def dim(self) -> int:
        return self._dim

    def _ensure_vector_column(self) -> None:
        rows = self.conn.query("SELECT value FROM memory_meta WHERE key = 'vector_space'")
        if rows and rows[0][0] == self._space:
            return
        with self.conn.transaction() as raw:
            # Two app processes opening a fresh database at once: one sets the column up, the other waits
            # here and then finds it done (the re-check reads the first one's commit).
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (VECTOR_SETUP_LOCK,))
            row = raw.execute("SELECT value FROM memory_meta WHERE key = 'vector_space'").fetchone()
            if row is not None and row[0] == self._space:
                return
            raw.execute("DROP INDEX IF EXISTS memory_items_hnsw")
            raw.execute(f"ALTER TABLE memory_items ALTER COLUMN embedding TYPE vector({self._dim}) USING NULL")
            raw.execute(
                "CREATE INDEX memory_items_hnsw ON memory_items USING hnsw (embedding vector_cosine_ops) "
                "WITH (m = 16, ef_construction = 64)"
            )
            raw.execute(
                "INSERT INTO memory_meta (key, value) VALUES ('vector_space', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (self._space,),
            )

    def _check(self, items: Sequence[StoredItem], vectors: Vector) -> None:
        if len(items) != len(vectors):
            raise StoreError("Memory items and vectors differ in number.", "This is a bug; please report it.")
        if vectors.size and vectors.shape[1] != self._dim:
            raise StoreError(
                f"Vectors have dimension {vectors.shape[1]}, the memory index expects {self._dim}.",
                "Rebuild the memory index with the configured embedder.",
            )

    def add_many(self, items: Sequence[StoredItem], vectors: Vector) -> None:
        """Insert or replace items (by id) with their vectors, up to 1,000 per statement (the BM25
        statistics trigger runs once per statement); a repeated id keeps its last version."""
        self._check(items, vectors)
        keep = sorted({item.id: i for i, item in enumerate(items)}.values())
        with self.conn.transaction() as raw:
            for start in range(0, len(keep), 1000):
                chunk = [items[i] for i in keep[start : start + 1000]]
                raw.execute(
                    f"INSERT INTO memory_items ({ITEM_COLUMNS}, embedding) SELECT * FROM unnest("
                    "%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], "
                    "%s::float8[], %s::text[], %s::timestamptz[], %s::text[], %s::vector[]) "
                    "ON CONFLICT (id) DO UPDATE SET "
                    "user_id = EXCLUDED.user_id, kind = EXCLUDED.kind, session_id = EXCLUDED.session_id, "
                    "source_id = EXCLUDED.source_id, role = EXCLUDED.role, text = EXCLUDED.text, "
                    "context = EXCLUDED.context, "
                    "importance = EXCLUDED.importance, affect = EXCLUDED.affect, "
                    "created_at = EXCLUDED.created_at, embedding = EXCLUDED.embedding",
                    (
                        [it.id for it in chunk],
                        [it.user_id for it in chunk],
                        [it.kind for it in chunk],
                        [it.session_id for it in chunk],
                        [it.source_id for it in chunk],
                        [it.role for it in chunk],
                        [it.text for it in chunk],
                        [it.importance for it in chunk],
                        [it.affect for it in chunk],
                        [it.created_at for it in chunk],
                        [it.context for it in chunk],
                        [np.asarray(vectors[i], dtype=np.float32) for i in keep[start : start + 1000]],
                    ),
                )

    def set_vectors(self, ids: Sequence[str], vectors: Vector) -> None:
        with self.conn.transaction() as raw:
            for item_id, vec in zip(ids, vectors, strict=True):
                raw.execute(
                    "UPDATE memory_items SET embedding = %s WHERE id = %s",
                    (np.asarray(vec, dtype=np.float32), item_id),
                )

    def missing_vectors(self, limit: int = 1000) -> list[tuple[str, str]]:
        rows = self.conn.query("SELECT id, text FROM memory_items WHERE embedding IS NULL LIMIT %s", (limit,))
        return [(str(r[0]), str(r[1])) for r in rows]

    @staticmethod
    def _kinds(kinds: Sequence[str] | None) -> tuple[str, list[Any]]:
        return (" AND kind = ANY(%s)", [list(kinds)]) if kinds else ("", [])

    def bm25(self, user_id: str, query: str, limit: int, kinds: Sequence[str] | None = None) -> list[Candidate]:
        """The user's best ``limit`` matches by Okapi BM25, FTS5's definition (:mod:`amity.store.pg_bm25`)."""
        terms = query_terms(query)
        if not terms or limit <= 0:
            return []
        tsquery = " || ".join(["plainto_tsquery('english', %s)"] * len(terms))
        kind_sql, kind_params = self._kinds(kinds)
        k1, b, cw = BM25_K1, BM25_B, CONTEXT_WEIGHT
        rows = self.conn.query(
            BM25_SQL.format(tsquery=tsquery, kinds=kind_sql.replace("kind", "m.kind")),
            (terms, user_id, user_id, k1 + 1, k1, 1 - b, b, cw, cw, user_id, *terms, *kind_params, limit),
        )
        return [Candidate(str(r[0]), float(r[1])) for r in rows]

    def knn(self, user_id: str, vector: Vector, limit: int, kinds: Sequence[str] | None = None) -> list[Candidate]:
        kind_sql, kind_params = self._kinds(kinds)
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        rows = self.conn.query(
            "SELECT id, embedding <=> %s AS distance FROM memory_items "
            f"WHERE user_id = %s AND embedding IS NOT NULL{kind_sql} ORDER BY distance LIMIT %s",
            (query, user_id, *kind_params, limit),
        )
        return [Candidate(str(r[0]), 1.0 - float(r[1])) for r in rows]

    def get(self, ids: Sequence[str]) -> dict[str, StoredItem]:
        if not ids:
            return {}
        rows = self.conn.query(f"SELECT {ITEM_COLUMNS} FROM memory_items WHERE id = ANY(%s)", (list(ids),))
        return {str(r[0]): _item(r) for r in rows}

    def items_of(self, user_id: str, since: datetime | None = None, limit: int = 1000) -> list[StoredItem]:
        rows = self.conn.query(
            f"SELECT {ITEM_COLUMNS} FROM memory_items WHERE user_id = %s AND created_at >= %s "
            "ORDER BY created_at DESC LIMIT %s",
            (user_id, since or datetime(1970, 1, 1, tzinfo=UTC), limit),
        )
        return [_item(r) for r in rows]

    def delete(self, ids: Sequence[str]) -> int:
        if not ids:
            return 0
        return self.conn.execute("DELETE FROM memory_items WHERE id = ANY(%s)", (list(ids),))

    def delete_by_source(self, source_ids: Sequence[str]) -> int:
        if not source_ids:
            return 0
        return self.conn.execute("DELETE FROM memory_items WHERE source_id = ANY(%s)", (list(source_ids),))

    def delete_user(self, user_id: str) -> int:
        return self.conn.execute("DELETE FROM memory_items WHERE user_id = %s", (user_id,))

    def previous_episode(self, user_id: str, session_id: str, before: datetime) -> str | None:
        rows = self.conn.query(
            "SELECT text FROM memory_items WHERE user_id = %s AND session_id = %s AND kind = 'episode' "
            "AND created_at < %s ORDER BY created_at DESC LIMIT 1",
            (user_id, session_id, before),
        )
        return str(rows[0][0]) if rows else None

    def count(self, user_id: str | None = None) -> int:
        if user_id is None:
            return int(self.conn.query("SELECT COUNT(*) FROM memory_items")[0][0])
        return int(self.conn.query("SELECT COUNT(*) FROM memory_items WHERE user_id = %s", (user_id,))[0][0])


def open_postgres_memory(dsn: str, embedder: Embedder | None = None) -> tuple[FactBook, HybridMemoryIndex]:
    """The fact book and the hybrid memory index on one PostgreSQL database (for ``MemoryStage``)."""
    return postgres_memory(connect(dsn), embedder)


def postgres_memory(conn: PgConnection, embedder: str | Embedder | None = None) -> tuple[FactBook, HybridMemoryIndex]:
    """The fact book and the hybrid memory index on an open connection (shared with ``PostgresDatabase``)."""
    from amity.memory.embedders import default_embedder, load_embedder

    emb = load_embedder(embedder) if isinstance(embedder, str) else (embedder or default_embedder())
    index = HybridMemoryIndex(PostgresMemoryStore(conn, emb.dim, vector_space(emb)), emb)
    index.reindex_missing()
    return FactBook(PostgresFactStore(conn)), index
