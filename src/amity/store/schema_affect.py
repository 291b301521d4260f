"""SQLite migrations of the affect area (append only): mood history and personality evidence.

``mood_history`` keeps one row per user turn: that turn's estimate (label, valence, arousal, confidence) and
the smoothed mood after it. ``personality_evidence`` keeps word-category counts per user (never the text).
"""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _affect_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE mood_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id TEXT,
            turn_id TEXT,
            at TEXT NOT NULL,
            label TEXT NOT NULL,
            valence REAL NOT NULL,
            arousal REAL NOT NULL,
            confidence REAL NOT NULL,
            mood_valence REAL NOT NULL,
            mood_arousal REAL NOT NULL,
            mood_evidence REAL NOT NULL
        );
        CREATE INDEX mood_history_user ON mood_history(user_id, at);
        CREATE TABLE personality_evidence (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            words INTEGER NOT NULL,
            messages INTEGER NOT NULL,
            counts_json TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


MIGRATIONS: list[Migration] = [("affect_v1", _affect_v1)]
