"""SQL of the affect area: mood history rows and per-user personality evidence.

Every method takes the ``user_id`` it acts for and every query filters on it. Times are UTC ISO strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from amity.affect.mood import MoodState
from amity.affect.personality import Evidence
from amity.store.db import from_ts, to_ts, utcnow
from amity.store.sql import SqlDatabase, user_transaction


@dataclass(frozen=True)
class MoodPoint:
    """One stored turn estimate and the smoothed mood after it."""

    at: datetime
    label: str
    valence: float
    arousal: float
    confidence: float
    mood: MoodState
    session_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "label": self.label,
            "valence": round(self.valence, 4),
            "arousal": round(self.arousal, 4),
            "confidence": round(self.confidence, 4),
            "mood": self.mood.to_dict(),
            "session": self.session_id,
        }


def _point(row: Any) -> MoodPoint:
    at = from_ts(row["at"])
    return MoodPoint(
        at=at,
        label=row["label"],
        valence=row["valence"],
        arousal=row["arousal"],
        confidence=row["confidence"],
        mood=MoodState(row["mood_valence"], row["mood_arousal"], row["mood_evidence"], at),
        session_id=row["session_id"],
    )


class AffectStore:
    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    # mood ------------------------------------------------------------------
    def add_mood_point(
        self, user_id: str, point: MoodPoint, session_id: str | None = None, turn_id: str | None = None
    ) -> None:
        m = point.mood
        self.db.execute(
            "INSERT INTO mood_history(user_id, session_id, turn_id, at, label, valence, arousal, confidence, "
            "mood_valence, mood_arousal, mood_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                user_id, session_id, turn_id, to_ts(point.at), point.label, point.valence, point.arousal,
                point.confidence, m.valence, m.arousal, m.evidence,
            ),
        )  # fmt: skip

    def latest_mood(self, user_id: str) -> MoodState | None:
        row = self.db.query_one(
            "SELECT * FROM mood_history WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1", (user_id,)
        )
        return _point(row).mood if row else None

    def mood_history(self, user_id: str, limit: int = 200, since: datetime | None = None) -> list[MoodPoint]:
        """The latest ``limit`` points (after ``since``), oldest first."""
        rows = self.db.query(
            "SELECT * FROM mood_history WHERE user_id = ? AND at > ? ORDER BY at DESC, id DESC LIMIT ?",
            (user_id, to_ts(since) if since else "", limit),
        )
        return [_point(r) for r in reversed(rows)]

    def reset_mood(self, user_id: str) -> int:
        with self.db.transaction() as conn:
            cur = conn.execute("DELETE FROM mood_history WHERE user_id = ?", (user_id,))
            return int(cur.rowcount)

    # personality -----------------------------------------------------------
    def evidence(self, user_id: str) -> Evidence:
        row = self.db.query_one("SELECT * FROM personality_evidence WHERE user_id = ?", (user_id,))
        if row is None:
            return Evidence()
        return Evidence(words=row["words"], messages=row["messages"], counts=json.loads(row["counts_json"]))

    def save_evidence(self, user_id: str, evidence: Evidence) -> None:
        self.db.execute(
            "INSERT INTO personality_evidence(user_id, words, messages, counts_json, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET words = excluded.words, "
            "messages = excluded.messages, counts_json = excluded.counts_json, "
            "updated_at = excluded.updated_at",
            (
                user_id,
                evidence.words,
                evidence.messages,
                json.dumps(evidence.counts, sort_keys=True),
                to_ts(utcnow()),
            ),
        )

    def add_evidence(self, user_id: str, text: str) -> Evidence:
        """Count one message into the user's evidence (read-modify-write in one transaction)."""
        with user_transaction(self.db, user_id):
            ev = self.evidence(user_id)
            ev.add(text)
            self.save_evidence(user_id, ev)
        return ev

    def reset_personality(self, user_id: str) -> bool:
        with self.db.transaction() as conn:
            cur = conn.execute("DELETE FROM personality_evidence WHERE user_id = ?", (user_id,))
            return bool(cur.rowcount)
