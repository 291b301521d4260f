"""SQLite migrations of semantic memory: facts with provenance and history, reminder opt-in and log.

Facts are never updated in place except for ``confidence`` and the supersession columns: a change is a
new row whose ``supersedes`` names the old one, and the old row gets ``superseded_by``/``superseded_at``.
No foreign key to ``users``: the same tables exist on PostgreSQL, where the core tables may not.
"""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _facts_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE facts (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            subject TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            date_value TEXT,
            confidence REAL NOT NULL,
            source_turn_id TEXT,
            quote TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            supersedes TEXT,
            superseded_by TEXT,
            superseded_at TEXT
        );
        CREATE INDEX facts_user_active ON facts(user_id, superseded_by);
        CREATE INDEX facts_supersedes ON facts(supersedes);
        CREATE TABLE reminder_prefs (
            user_id TEXT PRIMARY KEY,
            enabled INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE reminder_log (
            user_id TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            shown_at TEXT NOT NULL
        );
        CREATE INDEX reminder_log_user ON reminder_log(user_id, shown_at);
        """
    )


MIGRATIONS: list[Migration] = [("facts_v1", _facts_v1)]
