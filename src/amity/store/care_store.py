"""SQL of the care area: per-user JSON state, mood check-ins, screenings, strategies, CBT tool runs, journal.

Every method takes the ``user_id`` it acts for and every query filters on it, so one user's care data can
never be read through another's id. Times are UTC ISO strings (``amity.store.db.to_ts``).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from amity.errors import NotFound
from amity.store.db import from_ts, to_ts, utcnow
from amity.store.sql import SqlDatabase, user_transaction


def _id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


@dataclass(frozen=True)
class MoodEntry:
    id: str
    score: int
    words: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "words": self.words, "created_at": to_ts(self.created_at)}


@dataclass(frozen=True)
class ScreeningEntry:
    id: str
    instrument: str
    answers: tuple[int, ...]
    score: int
    positive: bool
    created_at: datetime


@dataclass(frozen=True)
class ToolRun:
    id: str
    tool: str
    step: int
    data: dict[str, Any]
    status: str
    started_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class JournalEntry:
    id: str
    kind: str
    body: dict[str, Any]
    created_at: datetime


class CareStore:
    """Persistence for :mod:`amity.care`."""

    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    # -- per-user JSON state -------------------------------------------------------------------------
    def get_state(self, user_id: str, key: str) -> Any | None:
        row = self.db.query_one("SELECT value_json FROM care_state WHERE user_id = ? AND key = ?", (user_id, key))
        return json.loads(row["value_json"]) if row else None

    def set_state(self, user_id: str, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO care_state(user_id, key, value_json, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id, key) DO UPDATE SET value_json = excluded.value_json, "
            "updated_at = excluded.updated_at",
            (user_id, key, json.dumps(value, sort_keys=True), to_ts(utcnow())),
        )

    def delete_state(self, user_id: str, key: str) -> None:
        self.db.execute("DELETE FROM care_state WHERE user_id = ? AND key = ?", (user_id, key))

    # -- mood and screening --------------------------------------------------------------------------
    def add_mood(self, user_id: str, score: int, words: str = "", at: datetime | None = None) -> MoodEntry:
        entry = MoodEntry(_id("mood"), score, words, at or utcnow())
        self.db.execute(
            "INSERT INTO care_mood(id, user_id, score, words, created_at) VALUES (?, ?, ?, ?, ?)",
            (entry.id, user_id, score, words, to_ts(entry.created_at)),
        )
        return entry

    def moods(self, user_id: str, since: datetime | None = None) -> list[MoodEntry]:
        rows = self.db.query(
            "SELECT id, score, words, created_at FROM care_mood WHERE user_id = ? AND created_at >= ? "
            "ORDER BY created_at",
            (user_id, to_ts(since) if since else ""),
        )
        return [MoodEntry(r["id"], r["score"], r["words"], from_ts(r["created_at"])) for r in rows]

    def add_screening(
        self, user_id: str, instrument: str, answers: tuple[int, ...], score: int, positive: bool
    ) -> ScreeningEntry:
        entry = ScreeningEntry(_id("scr"), instrument, answers, score, positive, utcnow())
        self.db.execute(
            "INSERT INTO care_screening(id, user_id, instrument, answers_json, score, positive, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                user_id,
                instrument,
                json.dumps(list(answers)),
                score,
                int(positive),
                to_ts(entry.created_at),
            ),
        )
        return entry

    def screenings(self, user_id: str) -> list[ScreeningEntry]:
        rows = self.db.query("SELECT * FROM care_screening WHERE user_id = ? ORDER BY created_at", (user_id,))
        return [
            ScreeningEntry(
                r["id"],
                r["instrument"],
                tuple(json.loads(r["answers_json"])),
                r["score"],
                bool(r["positive"]),
                from_ts(r["created_at"]),
            )
            for r in rows
        ]

    # -- strategies ----------------------------------------------------------------------------------
    def record_strategy(self, user_id: str, session_id: str, turn_index: int, strategy: str, stage: str) -> None:
        self.db.execute(
            "INSERT INTO care_strategy(user_id, session_id, turn_index, strategy, stage, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, turn_index) DO UPDATE SET "
            "user_id = excluded.user_id, strategy = excluded.strategy, stage = excluded.stage, "
            "created_at = excluded.created_at",
            (user_id, session_id, turn_index, strategy, stage, to_ts(utcnow())),
        )

    def recent_strategies(self, user_id: str, session_id: str, limit: int = 20) -> list[str]:
        """Strategies used in this session, oldest first."""
        rows = self.db.query(
            "SELECT strategy FROM care_strategy WHERE user_id = ? AND session_id = ? ORDER BY turn_index DESC LIMIT ?",
            (user_id, session_id, limit),
        )
        return [r["strategy"] for r in reversed(rows)]

    # -- CBT tool runs -------------------------------------------------------------------------------
    def start_tool(self, user_id: str, tool: str, data: dict[str, Any] | None = None) -> ToolRun:
        now = utcnow()
        run = ToolRun(_id("tool"), tool, 0, dict(data or {}), "active", now, now)
        with user_transaction(self.db, user_id) as conn:
            conn.execute(
                "UPDATE care_tool SET status = 'paused', updated_at = ? WHERE user_id = ? AND status = 'active'",
                (to_ts(now), user_id),
            )
            conn.execute(
                "INSERT INTO care_tool(id, user_id, tool, step, data_json, status, started_at, updated_at) "
                "VALUES (?, ?, ?, 0, ?, 'active', ?, ?)",
                (run.id, user_id, tool, json.dumps(run.data), to_ts(now), to_ts(now)),
            )
        return run

    def update_tool(self, user_id: str, run_id: str, step: int, data: dict[str, Any], status: str) -> None:
        with user_transaction(self.db, user_id) as conn:
            if status == "active":
                conn.execute(
                    "UPDATE care_tool SET status = 'paused' WHERE user_id = ? AND status = 'active' AND id != ?",
                    (user_id, run_id),
                )
            cur = conn.execute(
                "UPDATE care_tool SET step = ?, data_json = ?, status = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                (step, json.dumps(data), status, to_ts(utcnow()), run_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"No tool run {run_id}.", "See `amity tool list` for your runs.")

    def active_tool(self, user_id: str) -> ToolRun | None:
        row = self.db.query_one(
            "SELECT * FROM care_tool WHERE user_id = ? AND status = 'active' ORDER BY updated_at DESC LIMIT 1",
            (user_id,),
        )
        return self._run(row) if row else None

    def resumable_tool(self, user_id: str, tool: str | None = None) -> ToolRun | None:
        """The most recently touched unfinished run (active or paused), optionally of one tool."""
        sql = "SELECT * FROM care_tool WHERE user_id = ? AND status IN ('active', 'paused')"
        params: list[Any] = [user_id]
        if tool:
            sql += " AND tool = ?"
            params.append(tool)
        row = self.db.query_one(sql + " ORDER BY updated_at DESC LIMIT 1", params)
        return self._run(row) if row else None

    def tool_runs(self, user_id: str) -> list[ToolRun]:
        rows = self.db.query("SELECT * FROM care_tool WHERE user_id = ? ORDER BY started_at", (user_id,))
        return [self._run(r) for r in rows]

    @staticmethod
    def _run(row: Any) -> ToolRun:
        return ToolRun(
            row["id"],
            row["tool"],
            row["step"],
            json.loads(row["data_json"]),
            row["status"],
            from_ts(row["started_at"]),
            from_ts(row["updated_at"]),
        )

    # -- journal -------------------------------------------------------------------------------------
    def add_journal(self, user_id: str, kind: str, body: dict[str, Any]) -> JournalEntry:
        entry = JournalEntry(_id("jrn"), kind, body, utcnow())
        self.db.execute(
            "INSERT INTO care_journal(id, user_id, kind, body_json, created_at) VALUES (?, ?, ?, ?, ?)",
            (entry.id, user_id, kind, json.dumps(body), to_ts(entry.created_at)),
        )
        return entry

    def journal(self, user_id: str, kind: str | None = None) -> list[JournalEntry]:
        sql = "SELECT * FROM care_journal WHERE user_id = ?"
        params: list[Any] = [user_id]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        rows = self.db.query(sql + " ORDER BY created_at", params)
        return [JournalEntry(r["id"], r["kind"], json.loads(r["body_json"]), from_ts(r["created_at"])) for r in rows]
