"""SQLite migrations of the server: accounts (argon2 password hashes) and bearer tokens (stored hashed).

An account owns exactly one ``users`` row (``user_id``); every API query is scoped by that id. Tokens are
random 256-bit strings given to the client once; only their SHA-256 is stored, so a copy of the database
does not let anyone log in. Append only.
"""

from __future__ import annotations

from amity.store.db import Connection, Migration


def _server_v1(conn: Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE server_accounts (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE server_tokens (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_used_at TEXT NOT NULL
        );
        CREATE INDEX server_tokens_user ON server_tokens(user_id);
        """
    )


MIGRATIONS: list[Migration] = [("server_v1", _server_v1)]
