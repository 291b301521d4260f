"""SQLite migrations of the memory area (append only).

``memory_items`` holds every searchable memory (episodes, facts, summaries, dates) with an integer rowid
shared by the FTS5 index ``memory_fts`` (external content, kept in sync by triggers, Porter stemming).
FTS indexes two columns: ``text`` and ``context`` (the previous turn of the same session for episodes:
answers often sit in the reply to a question, +10 points BM25 recall@10 on LoCoMo dev)
and by the vector table. The vector table is *not* created here: sqlite-vec's ``vec0`` needs the
extension loaded on the connection first, and its dimension depends on the embedder, so
``amity.store.sqlite_memory`` creates it lazily (``memory_vec`` with sqlite-vec, else the plain
``memory_vec_plain`` BLOB table) and records the vector space in ``memory_meta``.
``memory_fts`` has a third column, ``owner`` (from ``memory_fts_owner``): the item's user as one token (the hex
of ``user_id``, a generated column of ``memory_items``). FTS5 cannot filter by user, so a query for one user
among many walked every user's postings of a common word; ``owner : "<hex>" AND (…)`` lets FTS5 skip through
those lists to the user's own rows (``SQLiteMemoryStore.bm25`` adds it for users with a small share of the
index, a share read from ``memory_users``, the items per user kept by triggers). Its BM25 weight is 0, so
scores are unchanged.
Items do not reference ``users``/``turns`` by foreign key: deleting a user or a turn must go through
``MemoryIndex.forget_user``/``forget`` so that vectors are removed too.
"""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _memory_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE memory_items (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'episode',
            session_id TEXT,
            source_id TEXT,
            role TEXT,
            text TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT '',
            importance REAL NOT NULL DEFAULT 0.3,
            affect TEXT,
            created_at TEXT NOT NULL,
            created_ts REAL NOT NULL
        );
        CREATE INDEX memory_items_user ON memory_items(user_id, created_ts);
        CREATE INDEX memory_items_source ON memory_items(source_id);
        CREATE VIRTUAL TABLE memory_fts USING fts5(
            text, context, content='memory_items', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER memory_items_ai AFTER INSERT ON memory_items BEGIN
            INSERT INTO memory_fts(rowid, text, context) VALUES (new.rowid, new.text, new.context);
        END;
        CREATE TRIGGER memory_items_ad AFTER DELETE ON memory_items BEGIN
            INSERT INTO memory_fts(memory_fts, rowid, text, context)
                VALUES ('delete', old.rowid, old.text, old.context);
        END;
        CREATE TRIGGER memory_items_au AFTER UPDATE OF text, context ON memory_items BEGIN
            INSERT INTO memory_fts(memory_fts, rowid, text, context)
                VALUES ('delete', old.rowid, old.text, old.context);
            INSERT INTO memory_fts(rowid, text, context) VALUES (new.rowid, new.text, new.context);
        END;
        CREATE TABLE memory_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


_FTS_TRIGGERS = """
    CREATE TRIGGER memory_items_ai AFTER INSERT ON memory_items BEGIN
        INSERT INTO memory_fts(rowid, text, context, owner) VALUES (new.rowid, new.text, new.context, new.owner);
    END;
    CREATE TRIGGER memory_items_ad AFTER DELETE ON memory_items BEGIN
        INSERT INTO memory_fts(memory_fts, rowid, text, context, owner)
            VALUES ('delete', old.rowid, old.text, old.context, old.owner);
    END;
    CREATE TRIGGER memory_items_au AFTER UPDATE OF text, context, user_id ON memory_items BEGIN
        INSERT INTO memory_fts(memory_fts, rowid, text, context, owner)
            VALUES ('delete', old.rowid, old.text, old.context, old.owner);
        INSERT INTO memory_fts(rowid, text, context, owner) VALUES (new.rowid, new.text, new.context, new.owner);
    END;
"""


def _memory_fts_owner(conn: Connection) -> None:
    """Rebuild the FTS index with the ``owner`` column (one token per user); a one-time re-tokenisation."""
    conn.executescript(
        """
        ALTER TABLE memory_items ADD COLUMN owner TEXT GENERATED ALWAYS AS (lower(hex(user_id))) VIRTUAL;
        DROP TRIGGER memory_items_ai;
        DROP TRIGGER memory_items_ad;
        DROP TRIGGER memory_items_au;
        DROP TABLE memory_fts;
        CREATE VIRTUAL TABLE memory_fts USING fts5(
            text, context, owner, content='memory_items', content_rowid='rowid', tokenize='porter unicode61'
        );
        INSERT INTO memory_fts(memory_fts) VALUES ('rebuild');
        """
        + _FTS_TRIGGERS
    )


def _memory_user_counts(conn: Connection) -> None:
    """Items per user, kept by triggers: the BM25 owner filter's O(1) "is this user a small share?" check."""
    conn.executescript(
        """
        CREATE TABLE memory_users (user_id TEXT PRIMARY KEY, items INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO memory_users (user_id, items) SELECT user_id, COUNT(*) FROM memory_items GROUP BY user_id;
        CREATE TRIGGER memory_users_ai AFTER INSERT ON memory_items BEGIN
            INSERT INTO memory_users (user_id, items) VALUES (new.user_id, 1)
                ON CONFLICT (user_id) DO UPDATE SET items = items + 1;
        END;
        CREATE TRIGGER memory_users_ad AFTER DELETE ON memory_items BEGIN
            UPDATE memory_users SET items = items - 1 WHERE user_id = old.user_id;
            DELETE FROM memory_users WHERE user_id = old.user_id AND items <= 0;
        END;
        CREATE TRIGGER memory_users_au AFTER UPDATE OF user_id ON memory_items
        WHEN new.user_id IS NOT old.user_id BEGIN
            UPDATE memory_users SET items = items - 1 WHERE user_id = old.user_id;
            DELETE FROM memory_users WHERE user_id = old.user_id AND items <= 0;
            INSERT INTO memory_users (user_id, items) VALUES (new.user_id, 1)
                ON CONFLICT (user_id) DO UPDATE SET items = items + 1;
        END;
        """
    )


MIGRATIONS: list[Migration] = [
    ("memory_v1", _memory_v1),
    ("memory_fts_owner", _memory_fts_owner),
    ("memory_user_counts", _memory_user_counts),
]
# Tables derived from ``memory_items`` by triggers: not exported (an import's inserts rebuild them).
DERIVED_TABLES = frozenset({"memory_users"})
