"""The safety log, the per-user safety profile and usage tracking (SQL in both dialects; ``schema_safety``).

Everything stays on this device. Times are passed in by the caller (the safety stages take a clock), so
disclosure and reminder timing can be tested without waiting hours.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from amity.store.db import from_ts, to_ts, utcnow
from amity.store.sql import SqlDatabase, user_transaction

ACTIVE_GAP_CAP = timedelta(minutes=5)  # a gap between turns longer than this counts as 5 minutes


@dataclass(frozen=True)
class SafetyEvent:
    id: str
    user_id: str
    session_id: str | None
    kind: str
    detail: dict[str, Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "session": self.session_id,
            "kind": self.kind,
            "detail": self.detail,
            "at": to_ts(self.created_at),
        }


@dataclass(frozen=True)
class UsageDay:
    day: str
    active_seconds: float
    turns: int
    last_turn_at: datetime | None


def _event(row: Any) -> SafetyEvent:
    return SafetyEvent(
        id=row["id"],
        user_id=row["user_id"],
        session_id=row["session_id"],
        kind=row["kind"],
        detail=json.loads(row["detail_json"]),
        created_at=from_ts(row["created_at"]),
    )


class SafetyStore:
    """SQL for the safety area; one instance per database."""

    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    # ------------------------------------------------------------------ log
    def log(
        self,
        user_id: str,
        kind: str,
        detail: dict[str, Any] | None = None,
        *,
        session_id: str | None = None,
        at: datetime | None = None,
    ) -> SafetyEvent:
        event = SafetyEvent(
            id=f"sev_{uuid.uuid4().hex[:16]}",
            user_id=user_id,
            session_id=session_id,
            kind=kind,
            detail=dict(detail or {}),
            created_at=at or utcnow(),
        )
        self.db.execute(
            "INSERT INTO safety_events(id, user_id, session_id, kind, detail_json, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                event.id,
                user_id,
                session_id,
                kind,
                json.dumps(event.detail, ensure_ascii=False),
                to_ts(event.created_at),
            ),
        )
        return event

    def events(
        self,
        user_id: str,
        kinds: Sequence[str] = (),
        since: datetime | None = None,
        limit: int = 100,
    ) -> list[SafetyEvent]:
        """Newest first."""
        sql = "SELECT * FROM safety_events WHERE user_id = ?"
        params: list[Any] = [user_id]
        if kinds:
            sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params += list(kinds)
        if since is not None:
            sql += " AND created_at >= ?"
            params.append(to_ts(since))
        sql += " ORDER BY created_at DESC, rowid DESC LIMIT ?"
        params.append(limit)
        return [_event(row) for row in self.db.query(sql, params)]

    def last_event_at(self, user_id: str, kinds: Sequence[str]) -> datetime | None:
        found = self.events(user_id, kinds, limit=1)
        return found[0].created_at if found else None

    # ------------------------------------------------------------------ settings
    def get_setting(self, user_id: str, key: str, default: Any = None) -> Any:
        row = self.db.query_one("SELECT value_json FROM safety_settings WHERE user_id = ? AND key = ?", (user_id, key))
        return json.loads(row["value_json"]) if row is not None else default

    def set_setting(self, user_id: str, key: str, value: Any, at: datetime | None = None) -> None:
        self.db.execute(
            "INSERT INTO safety_settings(user_id, key, value_json, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id, key) DO UPDATE SET value_json = excluded.value_json, "
            "updated_at = excluded.updated_at",
            (user_id, key, json.dumps(value), to_ts(at or utcnow())),
        )

    def settings(self, user_id: str) -> dict[str, Any]:
        rows = self.db.query("SELECT key, value_json FROM safety_settings WHERE user_id = ?", (user_id,))
        return {row["key"]: json.loads(row["value_json"]) for row in rows}

    # ------------------------------------------------------------------ usage
    def usage(self, user_id: str, day: str) -> UsageDay:
        row = self.db.query_one("SELECT * FROM safety_usage WHERE user_id = ? AND day = ?", (user_id, day))
        if row is None:
            return UsageDay(day, 0.0, 0, None)
        return UsageDay(day, float(row["active_seconds"]), int(row["turns"]), from_ts(row["last_turn_at"]))

    def last_turn_at(self, user_id: str) -> datetime | None:
        row = self.db.query_one("SELECT MAX(last_turn_at) AS t FROM safety_usage WHERE user_id = ?", (user_id,))
        return from_ts(row["t"]) if row is not None and row["t"] else None

    def record_turn(self, user_id: str, at: datetime) -> UsageDay:
        """Count one user turn; active time grows by the gap since the last turn (capped at 5 minutes)."""
        day = at.date().isoformat()
        with user_transaction(self.db, user_id):
            last = self.last_turn_at(user_id)
            gap = (at - last) if last is not None else timedelta(0)
            added = min(max(gap, timedelta(0)), ACTIVE_GAP_CAP).total_seconds()
            self.db.execute(
                "INSERT INTO safety_usage(user_id, day, active_seconds, turns, last_turn_at) "
                "VALUES (?, ?, ?, 1, ?) ON CONFLICT(user_id, day) DO UPDATE SET "
                "active_seconds = safety_usage.active_seconds + excluded.active_seconds, "
                "turns = safety_usage.turns + 1, "
                "last_turn_at = excluded.last_turn_at",
                (user_id, day, added, to_ts(at)),
            )
        return self.usage(user_id, day)

    def usage_days(self, user_id: str, limit: int = 14) -> list[UsageDay]:
        rows = self.db.query("SELECT * FROM safety_usage WHERE user_id = ? ORDER BY day DESC LIMIT ?", (user_id, limit))
        return [
            UsageDay(r["day"], float(r["active_seconds"]), int(r["turns"]), from_ts(r["last_turn_at"])) for r in rows
        ]
