"""The database Protocol every store is written against, and the SQL dialect they share.

Two implementations: :class:`amity.store.db.Database` (one SQLite file, the default) and
:class:`amity.store.pg_database.PostgresDatabase` (a PostgreSQL server, for several app processes on
several machines). The stores in this package write one SQL text for both, in the common subset:

* ``?`` placeholders (PostgreSQL's class rewrites them to ``%s``);
* ``INSERT … ON CONFLICT (…) DO UPDATE SET col = excluded.col`` / ``DO NOTHING`` upserts (never
  ``INSERT OR REPLACE``); references to the existing row in ``SET`` are qualified with the table name;
* times as UTC ISO-8601 ``TEXT`` (:func:`amity.store.db.to_ts`; fixed width, so they sort as text);
* ``rowid`` as the insertion-order tie-breaker (SQLite's implicit column; the PostgreSQL schema adds an
  identity column of that name to every table);
* rows read by column name (``row["id"]``) or position (``row[0]``).

``transaction()`` is the single-writer ``BEGIN IMMEDIATE`` of SQLite; PostgreSQL takes one advisory
lock for the same effect across processes, so read-modify-write code (turn numbering, counters) needs
no retry logic. :func:`user_transaction` is the same on SQLite; on PostgreSQL it serialises only the
writers of one user, so several workers commit different users' turns in parallel.
Schemas stay SQLite DDL in ``schema_*.py``; ``pg_database.pg_ddl`` derives PostgreSQL's.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, cast

from amity.errors import ConfigError

if TYPE_CHECKING:
    from amity.store.db import Database

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


class SqlDatabase(Protocol):
    """What the stores need from a database (both dialects)."""

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        ...

    @property
    def integrity_error(self) -> type[Exception]:
        """The exception a unique or foreign-key violation raises."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction (nested calls join the outer one); yields a connection with ``execute``."""
        ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Any | None: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    async def durable(self) -> None:
        """Return once every write made so far is on disk (SQLite group commit waits for its shared fsync;
        otherwise commits are already durable and it returns at once)."""
        ...

    def compact(self) -> None:
        """Give the space of deleted rows back (SQLite: checkpoint + ``VACUUM``; PostgreSQL: ``VACUUM``)."""
        ...

    def close(self) -> None: ...


def require_sqlite(db: SqlDatabase, what: str) -> Database:
    """``db`` as the SQLite :class:`~amity.store.db.Database`, or a clear error for PostgreSQL installs."""
    if db.dialect != SQLITE:
        raise ConfigError(
            f"{what} works on the local SQLite database; this install keeps its data in PostgreSQL.",
            "Use PostgreSQL's own tools (pg_dump, pg_basebackup, VACUUM) on the server, or unset "
            "AMITY_DATABASE_URL / `database_url` to work on the local file.",
        )
    return cast("Database", db)


def user_transaction(db: SqlDatabase, user_id: str) -> AbstractContextManager[Any]:
    """A write transaction for code that reads and writes only ``user_id``'s rows (turn numbering, usage
    counters, evidence): ``db.transaction()`` on SQLite; on PostgreSQL other users' writers go on."""
    if db.dialect == POSTGRESQL:
        from amity.store.pg_database import PostgresDatabase

        if isinstance(db, PostgresDatabase):
            return db.transaction(user_id)
    return db.transaction()
