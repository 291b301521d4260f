"""SQLite migrations of the care area (append only).

* ``care_state``    - small per-user JSON documents (persona, learned preferences, companion mood,
  proactive check-in settings), one row per (user, key).
* ``care_mood``     - mood check-ins (1-10 and optional words).
* ``care_screening`` - PHQ-2 / GAD-2 answers and scores.
* ``care_strategy`` - the support strategy chosen for each reply (the planner's dialogue context).
* ``care_tool``     - CBT tool runs with their step and collected answers (resumable).
* ``care_journal``  - finished tool outputs: thought records, gratitude entries, activation plans.
"""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _care_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE care_state (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (user_id, key)
        );
        CREATE TABLE care_mood (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
            words TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX care_mood_user ON care_mood(user_id, created_at);
        CREATE TABLE care_screening (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            instrument TEXT NOT NULL CHECK (instrument IN ('phq2', 'gad2')),
            answers_json TEXT NOT NULL,
            score INTEGER NOT NULL,
            positive INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX care_screening_user ON care_screening(user_id, created_at);
        CREATE TABLE care_strategy (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL,
            turn_index INTEGER NOT NULL,
            strategy TEXT NOT NULL,
            stage TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (session_id, turn_index)
        );
        CREATE INDEX care_strategy_user ON care_strategy(user_id, created_at);
        CREATE TABLE care_tool (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            tool TEXT NOT NULL,
            step INTEGER NOT NULL DEFAULT 0,
            data_json TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'done', 'stopped')),
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX care_tool_user ON care_tool(user_id, status, updated_at);
        CREATE TABLE care_journal (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            body_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX care_journal_user ON care_journal(user_id, kind, created_at);
        """
    )


MIGRATIONS: list[Migration] = [("care_v1", _care_v1)]
