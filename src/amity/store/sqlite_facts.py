"""SQLite implementation of :class:`amity.memory.facts.FactStore`, plus forgetting support on core tables.

Tables come from ``schema_facts``. ``chain`` walks the ``supersedes``/``superseded_by`` links in both
directions with a recursive CTE, so forgetting any version of a fact reaches all of them.

:class:`SQLiteRedactor` is the SQL that ``amity.memory.control`` needs on the core's tables when the user
forgets something: delete session summaries that mention it and blank the text of the source turns, so
nothing forgotten survives in the transcript either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from amity.memory.facts import FACT_COLUMNS, Fact, ReminderLogEntry, new_fact_row
from amity.store.db import Database, from_ts, to_ts, utcnow
from amity.store.sql import SqlDatabase

FORGOTTEN_TEXT = "[forgotten at the user's request]"
_CHAIN = """
WITH RECURSIVE chain(id) AS (
    SELECT id FROM facts WHERE id = ?
    UNION
    SELECT f.id FROM facts f JOIN chain c ON f.supersedes = c.id OR f.superseded_by = c.id
)
"""


def _fact(row: Any) -> Fact:
    return Fact(
        id=row["id"],
        user_id=row["user_id"],
        subject=row["subject"],
        key=row["key"],
        value=row["value"],
        date_value=row["date_value"],
        confidence=float(row["confidence"]),
        source_turn_id=row["source_turn_id"],
        quote=row["quote"],
        origin=row["origin"],
        created_at=from_ts(row["created_at"]),
        valid_from=from_ts(row["valid_from"]),
        supersedes=row["supersedes"],
        superseded_by=row["superseded_by"],
        superseded_at=from_ts(row["superseded_at"]) if row["superseded_at"] else None,
    )


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SQLiteFactStore:
    """Facts and reminder state in the app's SQLite database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, fact: Fact, supersede: Sequence[str] = ()) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                f"INSERT INTO facts ({FACT_COLUMNS}) VALUES ({_marks(15)})",
                new_fact_row(fact, to_ts),
            )
            if supersede:
                conn.execute(
                    f"UPDATE facts SET superseded_by = ?, superseded_at = ? WHERE id IN ({_marks(len(supersede))})",
                    (fact.id, to_ts(fact.created_at), *supersede),
                )

    def set_confidence(self, fact_id: str, confidence: float) -> None:
        self.db.execute("UPDATE facts SET confidence = ? WHERE id = ?", (confidence, fact_id))

    def get(self, fact_id: str) -> Fact | None:
        row = self.db.query_one(f"SELECT {FACT_COLUMNS} FROM facts WHERE id = ?", (fact_id,))
        return _fact(row) if row is not None else None

    def facts_of(self, user_id: str, include_superseded: bool = False) -> list[Fact]:
        where = "" if include_superseded else " AND superseded_by IS NULL"
        rows = self.db.query(
            f"SELECT {FACT_COLUMNS} FROM facts WHERE user_id = ?{where} ORDER BY created_at, id", (user_id,)
        )
        return [_fact(r) for r in rows]

    def chain(self, fact_id: str) -> list[Fact]:
        rows = self.db.query(
            f"{_CHAIN} SELECT {FACT_COLUMNS} FROM facts WHERE id IN (SELECT id FROM chain) ORDER BY created_at, id",
            (fact_id,),
        )
        return [_fact(r) for r in rows]

    def delete(self, ids: Sequence[str]) -> int:
        if not ids:
            return 0
        with self.db.transaction() as conn:
            conn.execute(f"DELETE FROM reminder_log WHERE fact_id IN ({_marks(len(ids))})", tuple(ids))
            cur = conn.execute(f"DELETE FROM facts WHERE id IN ({_marks(len(ids))})", tuple(ids))
            return int(cur.rowcount)

    def delete_user(self, user_id: str) -> int:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM reminder_log WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM reminder_prefs WHERE user_id = ?", (user_id,))
            return int(conn.execute("DELETE FROM facts WHERE user_id = ?", (user_id,)).rowcount)

    def count(self, user_id: str | None = None) -> int:
        if user_id is None:
            row = self.db.query_one("SELECT COUNT(*) FROM facts")
        else:
            row = self.db.query_one("SELECT COUNT(*) FROM facts WHERE user_id = ?", (user_id,))
        return int(row[0]) if row is not None else 0

    def reminders_enabled(self, user_id: str) -> bool:
        row = self.db.query_one("SELECT enabled FROM reminder_prefs WHERE user_id = ?", (user_id,))
        return bool(row[0]) if row is not None else False

    def set_reminders_enabled(self, user_id: str, enabled: bool) -> None:
        self.db.execute(
            "INSERT INTO reminder_prefs (user_id, enabled, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at",
            (user_id, int(enabled), to_ts(utcnow())),
        )

    def reminder_log(self, user_id: str, since: datetime) -> list[ReminderLogEntry]:
        rows = self.db.query(
            "SELECT fact_id, occurrence, shown_at FROM reminder_log WHERE user_id = ? AND shown_at >= ? "
            "ORDER BY shown_at",
            (user_id, to_ts(since)),
        )
        return [ReminderLogEntry(r["fact_id"], r["occurrence"], from_ts(r["shown_at"])) for r in rows]

    def log_reminder(self, user_id: str, fact_id: str, occurrence: str, shown_at: datetime) -> None:
        self.db.execute(
            "INSERT INTO reminder_log (user_id, fact_id, occurrence, shown_at) VALUES (?, ?, ?, ?)",
            (user_id, fact_id, occurrence, to_ts(shown_at)),
        )


class SQLiteRedactor:
    """Forgetting on the core's tables: summaries that mention a forgotten thing, source turns' text.

    Plain shared-dialect SQL (``amity.store.sql``): works on PostgreSQL too, despite the name."""

    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    def purge_summaries(self, user_id: str, needles: Sequence[str], since: str | None = None) -> int:
        """Delete the user's summaries that mention a needle (case-insensitive) or cover turns from
        ``since`` on (summaries are cumulative); the core rebuilds them from the remaining turns."""
        clause, params = self._mentions(needles)
        if since is not None:
            clause = f"{clause} OR upto_created_at >= ?" if clause else "upto_created_at >= ?"
            params.append(since)
        if not clause:
            return 0
        with self.db.transaction() as conn:
            cur = conn.execute(f"DELETE FROM summaries WHERE user_id = ? AND ({clause})", (user_id, *params))
            return int(cur.rowcount)

    @staticmethod
    def _mentions(needles: Sequence[str]) -> tuple[str, list[str]]:
        needles = [n.lower() for n in needles if n.strip()]
        patterns = ["%" + re.sub(r"([\\%_])", r"\\\1", n) + "%" for n in needles]
        return " OR ".join("lower(text) LIKE ? ESCAPE '\\'" for _ in needles), patterns

    def summaries_mentioning(self, user_id: str, needles: Sequence[str]) -> int:
        clause, params = self._mentions(needles)
        if not clause:
            return 0
        row = self.db.query_one(f"SELECT COUNT(*) FROM summaries WHERE user_id = ? AND ({clause})", (user_id, *params))
        return int(row[0]) if row is not None else 0

    def turn_texts(self, turn_ids: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """turn id → (session id, created_at, text) for the turns that exist."""
        if not turn_ids:
            return {}
        rows = self.db.query(
            f"SELECT id, session_id, created_at, text FROM turns WHERE id IN ({_marks(len(turn_ids))})",
            tuple(turn_ids),
        )
        return {r["id"]: (r["session_id"], r["created_at"], r["text"]) for r in rows}

    def redact_turns(self, turn_ids: Sequence[str]) -> int:
        """Replace the text of these turns by a marker (the turn row stays so indexes stay contiguous)."""
        if not turn_ids:
            return 0
        with self.db.transaction() as conn:
            cur = conn.execute(
                f"UPDATE turns SET text = ? WHERE id IN ({_marks(len(turn_ids))})",
                (FORGOTTEN_TEXT, *turn_ids),
            )
            return int(cur.rowcount)

    def user_turn_ids(self, user_id: str) -> list[str]:
        return [r[0] for r in self.db.query("SELECT id FROM turns WHERE user_id = ?", (user_id,))]

    def purge_user(self, user_id: str) -> tuple[int, int]:
        """Forget everything: delete the user's summaries and turns; returns (summaries, turns) deleted."""
        with self.db.transaction() as conn:
            summaries = conn.execute("DELETE FROM summaries WHERE user_id = ?", (user_id,)).rowcount
            turns = conn.execute("DELETE FROM turns WHERE user_id = ?", (user_id,)).rowcount
            return int(summaries), int(turns)

    def user_remnants(self, user_id: str) -> tuple[int, int]:
        """(summaries, turns) still stored for a user."""
        s = self.db.query_one("SELECT COUNT(*) FROM summaries WHERE user_id = ?", (user_id,))
        t = self.db.query_one("SELECT COUNT(*) FROM turns WHERE user_id = ?", (user_id,))
        return (int(s[0]) if s else 0, int(t[0]) if t else 0)
