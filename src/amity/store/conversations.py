"""Users, sessions, turns, summaries and per-user settings (SQLite or PostgreSQL: ``amity.store.sql``)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from amity.errors import InputError, NotFound
from amity.store.db import from_ts, to_ts, utcnow
from amity.store.sql import SqlDatabase, user_transaction
from amity.types import Affect, ChannelAffect, Emotion, Role, Session, Turn, User

SESSION_GAP = timedelta(hours=6)  # a conversation idle this long starts a new session


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


def affect_to_json(affect: Affect | None) -> str | None:
    return json.dumps(affect.to_dict()) if affect else None


def affect_from_json(text: str | None) -> Affect | None:
    if not text:
        return None
    d = json.loads(text)
    channels = tuple(
        ChannelAffect(
            channel=c["channel"],
            label=c["label"],
            valence=c["valence"],
            arousal=c["arousal"],
            confidence=c["confidence"],
            labels=tuple(Emotion(e["label"], e["score"]) for e in c.get("labels", [])),
            reported=tuple(str(q) for q in c.get("reported", [])),
        )
        for c in d.get("channels", {}).values()
    )
    return Affect(
        label=d["label"],
        valence=d["valence"],
        arousal=d["arousal"],
        confidence=d["confidence"],
        labels=tuple(Emotion(e["label"], e["score"]) for e in d.get("labels", [])),
        channels=channels,
        conflict=bool(d.get("conflict", False)),
    )


def _user(row: Any) -> User:
    return User(
        id=row["id"],
        display_name=row["display_name"],
        created_at=from_ts(row["created_at"]),
        locale=row["locale"],
        birth_year=row["birth_year"],
    )


def _session(row: Any) -> Session:
    return Session(
        id=row["id"],
        user_id=row["user_id"],
        started_at=from_ts(row["started_at"]),
        last_active_at=from_ts(row["last_active_at"]),
    )


def _turn(row: Any) -> Turn:
    return Turn(
        id=row["id"],
        user_id=row["user_id"],
        session_id=row["session_id"],
        index=row["idx"],
        role=row["role"],
        text=row["text"],
        created_at=from_ts(row["created_at"]),
        affect=affect_from_json(row["affect_json"]),
    )


def validate_user_id(user_id: str) -> str:
    cleaned = user_id.strip()
    if not cleaned or len(cleaned) > 64 or any(ch.isspace() or ord(ch) < 32 for ch in cleaned):
        raise InputError(
            f"'{user_id}' is not a valid user id.",
            "Use 1-64 characters without spaces, e.g. --user sam",
        )
    return cleaned


class ConversationStore:
    """The conversation record. Writes commit before returning (durable once acknowledged)."""

    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    async def durable(self) -> None:
        """Return once every write made so far is on disk (see :meth:`Database.durable`: group commit)."""
        await self.db.durable()

    # users -----------------------------------------------------------------
    def ensure_user(self, user_id: str, locale: str = "en-US") -> User:
        user_id = validate_user_id(user_id)
        row = self.db.query_one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            self.db.execute(
                "INSERT INTO users(id, display_name, locale, created_at) VALUES (?, NULL, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (user_id, locale, to_ts(utcnow())),
            )
            row = self.db.query_one("SELECT * FROM users WHERE id = ?", (user_id,))
        return _user(row)

    def get_user(self, user_id: str) -> User:
        row = self.db.query_one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            raise NotFound(f"There is no user '{user_id}'.", "List users with `amity me --all`.")
        return _user(row)

    def list_users(self) -> list[User]:
        return [_user(r) for r in self.db.query("SELECT * FROM users ORDER BY created_at")]

    def update_user(self, user_id: str, **fields: Any) -> User:
        allowed = {"display_name", "locale", "birth_year"}
        bad = set(fields) - allowed
        if bad:
            raise InputError(f"Cannot change {', '.join(sorted(bad))} of a user.", f"Changeable: {allowed}.")
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.db.execute(f"UPDATE users SET {sets} WHERE id = ?", (*fields.values(), user_id))
        return self.get_user(user_id)

    # sessions --------------------------------------------------------------
    def get_session(self, session_id: str, user_id: str) -> Session:
        row = self.db.query_one("SELECT * FROM sessions WHERE id = ? AND user_id = ?", (session_id, user_id))
        if row is None:
            raise NotFound(
                f"There is no session '{session_id}' for user '{user_id}'.",
                "Omit --session to continue the latest conversation.",
            )
        return _session(row)

    def latest_session(self, user_id: str) -> Session | None:
        row = self.db.query_one(
            "SELECT * FROM sessions WHERE user_id = ? ORDER BY last_active_at DESC LIMIT 1", (user_id,)
        )
        return _session(row) if row else None

    def new_session(self, user_id: str, session_id: str | None = None) -> Session:
        now = to_ts(utcnow())
        sid = session_id or new_id("s")
        self.db.execute(
            "INSERT INTO sessions(id, user_id, started_at, last_active_at) VALUES (?, ?, ?, ?)",
            (sid, user_id, now, now),
        )
        return self.get_session(sid, user_id)

    def current_session(self, user_id: str, now: datetime | None = None) -> tuple[Session, bool]:
        """The latest session if it was active recently, else a new one; returns (session, is_new)."""
        latest = self.latest_session(user_id)
        now = now or utcnow()
        if latest is not None and now - latest.last_active_at < SESSION_GAP:
            return latest, False
        return self.new_session(user_id), True

    def list_sessions(self, user_id: str) -> list[Session]:
        rows = self.db.query("SELECT * FROM sessions WHERE user_id = ? ORDER BY started_at", (user_id,))
        return [_session(r) for r in rows]

    # turns -----------------------------------------------------------------
    def add_turn(self, session: Session, role: Role, text: str, affect: Affect | None = None) -> Turn:
        """Append a turn and commit; the index counts user turns in the session (1, 2, …)."""
        now = to_ts(utcnow())
        with user_transaction(self.db, session.user_id) as conn:
            if role == "user":
                row = conn.execute(
                    "SELECT COALESCE(MAX(idx), 0) FROM turns WHERE session_id = ? AND role = 'user'",
                    (session.id,),
                ).fetchone()
                idx = int(row[0]) + 1
            else:
                row = conn.execute(
                    "SELECT COALESCE(MAX(idx), 0) FROM turns WHERE session_id = ? AND role = 'user'",
                    (session.id,),
                ).fetchone()
                idx = int(row[0])
            turn_id = new_id("t")
            conn.execute(
                "INSERT INTO turns(id, user_id, session_id, idx, role, text, affect_json, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (turn_id, session.user_id, session.id, idx, role, text, affect_to_json(affect), now),
            )
            conn.execute("UPDATE sessions SET last_active_at = ? WHERE id = ?", (now, session.id))
        return self.get_turn(turn_id)

    def set_turn_affect(self, turn_id: str, affect: Affect | None) -> None:
        self.db.execute("UPDATE turns SET affect_json = ? WHERE id = ?", (affect_to_json(affect), turn_id))

    def get_turn(self, turn_id: str) -> Turn:
        row = self.db.query_one("SELECT * FROM turns WHERE id = ?", (turn_id,))
        if row is None:
            raise NotFound(f"There is no turn '{turn_id}'.", "List turns with `amity memory list`.")
        return _turn(row)

    def recent_turns(self, user_id: str, limit: int = 40, before: str | None = None) -> list[Turn]:
        """The user's latest turns across sessions, oldest first (``before`` excludes that turn id)."""
        rows = self.db.query(
            "SELECT * FROM turns WHERE user_id = ? AND id != ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (user_id, before or "", limit),
        )
        return [_turn(r) for r in reversed(rows)]

    def turns_for_user(self, user_id: str) -> list[Turn]:
        rows = self.db.query("SELECT * FROM turns WHERE user_id = ? ORDER BY created_at, rowid", (user_id,))
        return [_turn(r) for r in rows]

    def turns_between(self, user_id: str, after: str | None, upto: str) -> list[Turn]:
        rows = self.db.query(
            "SELECT * FROM turns WHERE user_id = ? AND created_at > ? AND created_at <= ? ORDER BY created_at, rowid",
            (user_id, after or "", upto),
        )
        return [_turn(r) for r in rows]

    # summaries -------------------------------------------------------------
    def latest_summary(self, user_id: str) -> tuple[str, str] | None:
        """(summary text, created_at of the last turn it covers), or None."""
        row = self.db.query_one(
            "SELECT text, upto_created_at FROM summaries WHERE user_id = ? ORDER BY upto_created_at DESC LIMIT 1",
            (user_id,),
        )
        return (row["text"], row["upto_created_at"]) if row else None

    def add_summary(self, user_id: str, session_id: str, text: str, upto: str) -> str:
        sid = new_id("sum")
        self.db.execute(
            "INSERT INTO summaries(id, user_id, session_id, upto_created_at, text, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (sid, user_id, session_id, upto, text, to_ts(utcnow())),
        )
        return sid

    # settings --------------------------------------------------------------
    def get_setting(self, user_id: str, key: str, default: Any = None) -> Any:
        row = self.db.query_one("SELECT value_json FROM user_settings WHERE user_id = ? AND key = ?", (user_id, key))
        return json.loads(row["value_json"]) if row else default

    def set_setting(self, user_id: str, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO user_settings(user_id, key, value_json, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id, key) DO UPDATE SET value_json = excluded.value_json, "
            "updated_at = excluded.updated_at",
            (user_id, key, json.dumps(value), to_ts(utcnow())),
        )
