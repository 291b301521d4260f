"""Table-level access for export, import and deletion, derived from the live schema (SQLite or PostgreSQL).

Every feature keeps its data in its own tables, so the whole relationship is "every row of every data
table" — found by introspection (``PRAGMA table_list``; on PostgreSQL the catalogue, through
``pg_database.pg_tables``), not by a hand-kept list that would drift. On PostgreSQL, generated columns
(the full-text ``tsv``, ``doc_len``), the ``rowid`` identity column and the BM25 statistics tables
(``amity.store.postgres.DERIVED_TABLES``) are left out (all are rebuilt on insert);
vectors are exported as lists of floats and timestamps as ISO text.
Skipped: SQLite's own tables, ``_migrations``, virtual-table shadow tables, full-text indexes with
external content and the memory index's per-user counts (``schema_memory.DERIVED_TABLES``; both rebuilt by
their triggers when the content rows are inserted) and credentials
(:data:`NOT_EXPORTED`). A row belongs to a user when its table has a ``user_id`` column, or through a
foreign key to such a table (followed transitively).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from amity.store.schema_memory import DERIVED_TABLES as MEMORY_DERIVED
from amity.store.sql import POSTGRESQL, SqlDatabase

NOT_EXPORTED = frozenset({"_migrations", "amity_migrations", "server_tokens", "server_accounts", "server_rate_limits"})
_Infos = dict[str, tuple[tuple[str, ...], bool, list[tuple[str, str, str]]]]
_EXTERNAL_CONTENT = re.compile(r"content\s*=\s*'?([A-Za-z_][A-Za-z0-9_]*)'?", re.IGNORECASE)


@dataclass(frozen=True)
class TableInfo:
    name: str
    columns: tuple[str, ...]
    virtual: bool
    create_sql: str
    scope_sql: str | None  # WHERE clause with one ? for the user id; None = not user-scoped

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "columns": list(self.columns),
            "virtual": self.virtual,
            "create_sql": self.create_sql,
        }


def _is_derived(sql: str) -> bool:
    """True for FTS tables whose content lives in another table (rebuilt by triggers)."""
    low = sql.lower()
    if "using fts" not in low:
        return False
    match = _EXTERNAL_CONTENT.search(sql)
    return bool(match and match.group(1))


def _sqlite_tables(db: SqlDatabase, include_credentials: bool) -> tuple[_Infos, dict[str, str]]:
    rows = db.query("PRAGMA table_list")
    sql_of = {r["name"]: r["sql"] or "" for r in db.query("SELECT name, sql FROM sqlite_master WHERE type='table'")}
    infos: _Infos = {}
    for row in rows:
        name, kind, schema = row["name"], row["type"], row["schema"]
        if schema != "main" or kind not in ("table", "virtual") or name.startswith("sqlite_"):
            continue
        if name == "_migrations" or name in MEMORY_DERIVED or (name in NOT_EXPORTED and not include_credentials):
            continue
        if kind == "virtual" and _is_derived(sql_of.get(name, "")):
            continue
        columns = tuple(c["name"] for c in db.query(f'PRAGMA table_xinfo("{name}")') if c["hidden"] == 0)
        fks = [(f["from"], f["table"], f["to"] or "rowid") for f in db.query(f'PRAGMA foreign_key_list("{name}")')]
        infos[name] = (columns, kind == "virtual", fks)
    return infos, sql_of


def data_tables(db: SqlDatabase, *, include_credentials: bool = False) -> list[TableInfo]:
    """The data tables in an order that satisfies foreign keys (parents first)."""
    if db.dialect == POSTGRESQL:
        from amity.store.pg_bm25 import DERIVED_TABLES
        from amity.store.pg_database import pg_tables

        skip = {"_migrations", "amity_migrations", *DERIVED_TABLES}
        skip |= set() if include_credentials else set(NOT_EXPORTED)
        infos: _Infos = {n: (cols, False, fks) for n, (cols, fks) in pg_tables(db).items() if n not in skip}
        sql_of: dict[str, str] = {}
    else:
        infos, sql_of = _sqlite_tables(db, include_credentials)

    scopes: dict[str, str | None] = {}

    def scope(name: str, seen: frozenset[str] = frozenset()) -> str | None:
        if name in scopes:
            return scopes[name]
        columns, _virtual, fks = infos[name]
        result: str | None = None
        if name == "users":
            result = "id = ?"
        elif "user_id" in columns:
            result = "user_id = ?"
        else:
            for col, parent, parent_col in fks:
                if parent in infos and parent not in seen:
                    parent_scope = scope(parent, seen | {name})
                    if parent_scope:
                        result = f'"{col}" IN (SELECT "{parent_col}" FROM "{parent}" WHERE {parent_scope})'
                        break
        scopes[name] = result
        return result

    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered or name in visiting:
            return
        visiting.add(name)
        for _col, parent, _pc in infos[name][2]:
            if parent in infos:
                visit(parent)
        visiting.discard(name)
        ordered.append(name)

    for name in sorted(infos):
        visit(name)
    return [TableInfo(name, infos[name][0], infos[name][1], sql_of.get(name, ""), scope(name)) for name in ordered]


def encode_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):  # PostgreSQL TIMESTAMPTZ columns (memory and facts)
        return value.isoformat()
    if hasattr(value, "to_list"):  # a pgvector embedding (pgvector.Vector)
        return [float(x) for x in value.to_list()]
    return value


def decode_value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$b64"}:
        return base64.b64decode(value["$b64"])
    return value


def iter_rows(db: SqlDatabase, table: TableInfo, user_id: str | None) -> Iterator[dict[str, Any]]:
    cols = ", ".join(f'"{c}"' for c in table.columns)
    sql = f'SELECT {cols} FROM "{table.name}"'
    params: tuple[Any, ...] = ()
    if user_id is not None:
        if table.scope_sql is None:
            return
        sql += f" WHERE {table.scope_sql}"
        params = (user_id,)
    for row in db.query(sql, params):
        yield {c: encode_value(row[c]) for c in table.columns}


def count_rows(db: SqlDatabase, table: TableInfo, user_id: str | None) -> int:
    if user_id is not None and table.scope_sql is None:
        return 0
    where = f" WHERE {table.scope_sql}" if user_id is not None else ""
    row = db.query_one(f'SELECT count(*) FROM "{table.name}"{where}', (user_id,) if user_id is not None else ())
    return int(row[0]) if row else 0


def insert_rows(
    conn: Any, table: str, columns: list[str], rows: list[dict[str, Any]], *, or_ignore: bool = False
) -> None:
    """Insert exported rows; ``or_ignore`` merges into shared tables without touching existing rows."""
    if not rows:
        return
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    conflict = " ON CONFLICT DO NOTHING" if or_ignore else ""
    conn.executemany(
        f'INSERT INTO "{table}" ({cols}) VALUES ({marks}){conflict}',
        [tuple(decode_value(r.get(c)) for c in columns) for r in rows],
    )


def delete_user_rows(conn: Any, tables: list[TableInfo], user_id: str) -> dict[str, int]:
    """Delete a user's rows from every scoped table, children first. Returns rows deleted per table."""
    deleted: dict[str, int] = {}
    for table in reversed(tables):
        if table.scope_sql is None:
            continue
        cur = conn.execute(f'DELETE FROM "{table.name}" WHERE {table.scope_sql}', (user_id,))
        deleted[table.name] = cur.rowcount if cur.rowcount is not None else 0
    return deleted


def derived_fts_tables(db: SqlDatabase) -> list[str]:
    if db.dialect == POSTGRESQL:  # full text is a generated column there
        return []
    rows = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")
    return [r["name"] for r in rows if _is_derived(r["sql"] or "")]


def table_exists(db: SqlDatabase, name: str) -> bool:
    from amity.store.accounts import table_exists as exists

    return exists(db, name)
