"""SQLite migrations of the safety area (append only).

* ``safety_events``   - the safety log: one row per event (crisis, disclosure, guard, reminder, …), viewable
  by the user with ``amity safety log``; ``detail_json`` holds categories and matched phrases, never the
  whole message.
* ``safety_settings`` - per-user safety profile: age / minor flag, daily limit, work or school setting,
  camera / microphone consent.
* ``safety_usage``    - per-user, per-day (UTC) active seconds and turns, for break reminders, the daily
  limit of minor mode and the healthy-attachment nudge.
"""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _safety_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE safety_events (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id TEXT,
            kind TEXT NOT NULL,
            detail_json TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX safety_events_user_time ON safety_events(user_id, created_at);
        CREATE INDEX safety_events_user_kind ON safety_events(user_id, kind, created_at);
        CREATE TABLE safety_settings (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (user_id, key)
        );
        CREATE TABLE safety_usage (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            active_seconds REAL NOT NULL DEFAULT 0,
            turns INTEGER NOT NULL DEFAULT 0,
            last_turn_at TEXT NOT NULL,
            PRIMARY KEY (user_id, day)
        );
        """
    )


MIGRATIONS: list[Migration] = [("safety_v1", _safety_v1)]
