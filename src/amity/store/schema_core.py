"""SQLite migrations of the core: users, sessions, turns, summaries, per-user settings (append only)."""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _core_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            display_name TEXT,
            locale TEXT NOT NULL DEFAULT 'en-US',
            birth_year INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            last_active_at TEXT NOT NULL
        );
        CREATE INDEX sessions_user ON sessions(user_id, last_active_at);
        CREATE TABLE turns (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            text TEXT NOT NULL,
            affect_json TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (session_id, idx, role)
        );
        CREATE INDEX turns_user_time ON turns(user_id, created_at);
        CREATE TABLE summaries (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            upto_created_at TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX summaries_user ON summaries(user_id, created_at);
        CREATE TABLE user_settings (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (user_id, key)
        );
        """
    )


MIGRATIONS: list[Migration] = [("core_v1", _core_v1)]
