"""Forgetting everything: a user's rows leave every table and index, and the database is compacted.

Deletion runs in one transaction over every data table found by introspection (credentials included),
children first. Full-text indexes with external content drop their entries through their triggers and
are integrity-checked. ``secure_delete`` overwrites freed pages; a WAL checkpoint and ``VACUUM`` then
leave no copy of the deleted rows in the database, its WAL or free pages. Finally every table is
recounted, so the command reports a verified result rather than an intention.

On PostgreSQL the same deletion runs over the catalogue's tables (memory, facts and vectors included),
then ``VACUUM`` marks the dead row versions free. PostgreSQL has no ``secure_delete``: until that space is
reused, old row versions can remain in free space, in the WAL and in the server's backups; the
deployment guide (docs/DEPLOY.md) says what to do about backups.
"""

from __future__ import annotations

from dataclasses import dataclass

from amity.errors import StoreError
from amity.store.sql import SQLITE, SqlDatabase, require_sqlite
from amity.store.sqlite_dump import count_rows, data_tables, delete_user_rows, derived_fts_tables


@dataclass(frozen=True)
class ForgetReport:
    users: tuple[str, ...]
    deleted: dict[str, int]
    remaining: dict[str, int]

    @property
    def verified(self) -> bool:
        return not any(self.remaining.values())


def forget_everything(db: SqlDatabase, user_id: str | None = None) -> ForgetReport:
    """Delete one user's relationship (or every user's, when ``user_id`` is None) and verify."""
    users = (user_id,) if user_id else tuple(r["id"] for r in db.query("SELECT id FROM users"))
    tables = data_tables(db, include_credentials=True)
    deleted: dict[str, int] = {}
    with db.transaction() as conn:
        for uid in users:
            for name, n in delete_user_rows(conn, tables, uid).items():
                deleted[name] = deleted.get(name, 0) + n
        if user_id is None:  # the whole install: shared tables too
            for table in reversed(tables):
                if table.scope_sql is None:
                    cur = conn.execute(f'DELETE FROM "{table.name}"')
                    deleted[table.name] = deleted.get(table.name, 0) + max(cur.rowcount or 0, 0)
    for fts in derived_fts_tables(db):
        try:
            db.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'integrity-check\')')
        except Exception as exc:  # the index disagrees with its content: rebuild it from the content
            db.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
            if db.dialect != SQLITE or require_sqlite(db, "repair").integrity_check() != "ok":
                raise StoreError(
                    "The search index could not be repaired after forgetting.", "Run `amity doctor`."
                ) from exc
    if db.dialect == SQLITE:
        db.compact()
    else:  # PostgreSQL: only the tables rows left, on a connection of its own
        from amity.store.pg_database import PostgresDatabase

        assert isinstance(db, PostgresDatabase)
        emptied = sorted(name for name, n in deleted.items() if n)
        if emptied:
            db.vacuum(emptied)
    remaining: dict[str, int] = {}
    for uid in users:
        for table in tables:
            n = count_rows(db, table, uid)
            if n:
                remaining[table.name] = remaining.get(table.name, 0) + n
    if user_id is None:
        for table in tables:
            n = count_rows(db, table, None)
            if n:
                remaining[table.name] = n
    return ForgetReport(users=users, deleted=deleted, remaining=remaining)
