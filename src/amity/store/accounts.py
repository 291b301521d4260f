"""Server accounts and bearer tokens (SQL for ``amity.server``).

* Passwords are hashed with argon2id (``argon2-cffi``; parameters from its RFC 9106 low-memory profile by
  default, cheaper ones may be injected for tests). Hashes are re-computed when the parameters change.
* An account gets a fresh internal user id (``u_…``): a web sign-up can never take over a local CLI user
  of the same name. The ``users`` row is created with the account, so every other table scopes by it.
* Tokens: 32 random bytes (URL-safe), returned once; only ``sha256(token)`` is stored, with an expiry.
* Deleting an account deletes the ``users`` row; foreign keys cascade to everything the user owns.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from amity.errors import InputError, PermissionDenied
from amity.store.conversations import new_id
from amity.store.db import from_ts, to_ts, utcnow
from amity.store.schema_server import MIGRATIONS
from amity.store.sql import POSTGRESQL, SqlDatabase

USERNAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$"
USERNAME_RE = re.compile(USERNAME_PATTERN)
MIN_PASSWORD = 8
MAX_PASSWORD = 256
TOKEN_TTL = timedelta(days=30)


def ensure_server_schema(db: SqlDatabase) -> None:
    """Apply the server migrations if the database was opened without them (idempotent)."""
    done = {row[0] for row in db.query("SELECT name FROM _migrations")}
    for name, apply in MIGRATIONS:
        if name in done:
            continue
        with db.transaction() as conn:
            apply(conn)
            conn.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)", (name, to_ts(utcnow())))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _password_hasher(profile: str) -> Any:
    try:
        from argon2 import PasswordHasher
        from argon2.profiles import RFC_9106_LOW_MEMORY
    except ImportError as exc:  # pragma: no cover - depends on the install
        from amity.errors import ConfigError

        raise ConfigError("The server needs argon2-cffi.", "pip install 'amity[server]'") from exc
    if profile == "test":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


class UsernameTaken(InputError):
    """The username belongs to another account (HTTP 409 Conflict)."""

    @property
    def http_status(self) -> int:
        return 409


@dataclass(frozen=True)
class Account:
    user_id: str
    username: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "username": self.username, "created_at": to_ts(self.created_at)}


def _account(row: Any) -> Account:
    return Account(user_id=row["user_id"], username=row["username"], created_at=from_ts(row["created_at"]))


class AccountStore:
    """Accounts, password checks and tokens. ``hash_profile='test'`` makes argon2 cheap for tests."""

    def __init__(self, db: SqlDatabase, *, hash_profile: str = "default", token_ttl: timedelta = TOKEN_TTL) -> None:
        ensure_server_schema(db)
        self.db = db
        self.hasher = _password_hasher(hash_profile)
        self.token_ttl = token_ttl
        # Verifying against this when the username is unknown keeps login timing uniform.
        self._dummy_hash = self.hasher.hash(secrets.token_hex(8))

    @staticmethod
    def validate(username: str, password: str) -> None:
        if not USERNAME_RE.match(username):
            raise InputError(
                "Usernames are 3-32 characters: letters, digits, '_', '.' or '-', starting with a letter or digit.",
                "Pick another username, e.g. 'sam' or 'sam.k'.",
            )
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise InputError(
                f"Passwords are {MIN_PASSWORD}-{MAX_PASSWORD} characters long.",
                "Choose a longer passphrase (several words work well).",
            )

    def register(self, username: str, password: str, locale: str = "en-US") -> Account:
        self.validate(username, password)
        password_hash = self.hasher.hash(password)
        user_id = new_id("u")
        now = to_ts(utcnow())
        try:
            with self.db.transaction() as conn:
                conn.execute(
                    "INSERT INTO users(id, display_name, locale, created_at) VALUES (?, NULL, ?, ?)",
                    (user_id, locale, now),
                )
                conn.execute(
                    "INSERT INTO server_accounts(user_id, username, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    (user_id, username, password_hash, now),
                )
        except self.db.integrity_error as exc:
            raise UsernameTaken(f"The username '{username}' is taken.", "Choose another username.") from exc
        return self.get(user_id)

    def get(self, user_id: str) -> Account:
        row = self.db.query_one("SELECT * FROM server_accounts WHERE user_id = ?", (user_id,))
        if row is None:
            raise PermissionDenied("This account no longer exists.", "Sign up again.")
        return _account(row)

    def authenticate(self, username: str, password: str) -> Account:
        """The account for these credentials; one message for every failure (no username probing)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        row = self.db.query_one("SELECT * FROM server_accounts WHERE username = ?", (username,))
        stored = row["password_hash"] if row else self._dummy_hash
        try:
            self.hasher.verify(stored, password[:MAX_PASSWORD])
            ok = row is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or row is None:
            raise PermissionDenied("Wrong username or password.", "Check both and try again.")
        if self.hasher.check_needs_rehash(stored):
            self.db.execute(
                "UPDATE server_accounts SET password_hash = ? WHERE user_id = ?",
                (self.hasher.hash(password), row["user_id"]),
            )
        return _account(row)

    def change_password(self, user_id: str, old: str, new: str) -> None:
        account = self.get(user_id)
        self.authenticate(account.username, old)
        self.validate(account.username, new)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE server_accounts SET password_hash = ? WHERE user_id = ?",
                (self.hasher.hash(new), user_id),
            )
            conn.execute("DELETE FROM server_tokens WHERE user_id = ?", (user_id,))

    def issue_token(self, user_id: str) -> tuple[str, datetime]:
        token = secrets.token_urlsafe(32)
        now = utcnow()
        expires = now + self.token_ttl
        self.db.execute(
            "INSERT INTO server_tokens(token_hash, user_id, created_at, expires_at, last_used_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (hash_token(token), user_id, to_ts(now), to_ts(expires), to_ts(now)),
        )
        return token, expires

    def resolve_token(self, token: str) -> str:
        """The user id a live token belongs to; PermissionDenied otherwise."""
        row = self.db.query_one(
            "SELECT user_id, expires_at FROM server_tokens WHERE token_hash = ?", (hash_token(token),)
        )
        if row is None or from_ts(row["expires_at"]) <= utcnow():
            raise PermissionDenied("You are not signed in (or your session expired).", "Sign in again.")
        return str(row["user_id"])

    def revoke_token(self, token: str) -> None:
        self.db.execute("DELETE FROM server_tokens WHERE token_hash = ?", (hash_token(token),))

    def delete_account(self, user_id: str) -> None:
        """Delete the account and, through foreign keys, every row the user owns."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM server_tokens WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM server_accounts WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM users WHERE id = ?", (user_id,))


def user_settings(db: SqlDatabase, user_id: str) -> dict[str, Any]:
    """All of one user's settings (for export)."""
    import json

    rows = db.query("SELECT key, value_json FROM user_settings WHERE user_id = ? ORDER BY key", (user_id,))
    return {row["key"]: json.loads(row["value_json"]) for row in rows}


def table_exists(db: SqlDatabase, name: str) -> bool:
    if db.dialect == POSTGRESQL:
        sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
    else:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return db.query_one(sql, (name,)) is not None
