"""Moving an export between SQLite and PostgreSQL (an install that outgrows one machine, or comes back).

The core tables have the same columns in both dialects (PostgreSQL's DDL is derived from the SQLite
migrations, ``amity.store.pg_database``), so their exported rows import unchanged. The memory area has
its own schema per dialect (``amity.store.schema_memory``/``schema_facts`` against
``amity.store.postgres.SCHEMA``):

* ``memory_items``: SQLite has an integer ``rowid`` (shared with FTS5 and the vector table) and a
  ``created_ts`` float; PostgreSQL has the ``embedding`` column instead (its ``tsv`` is generated and never
  exported). Vectors live in SQLite's ``memory_vec`` (sqlite-vec) or ``memory_vec_plain`` table, keyed by
  that rowid, as float32 BLOBs; PostgreSQL exports them as lists of floats.
* Timestamps of the memory area are ``TIMESTAMPTZ`` on PostgreSQL and microsecond UTC ISO text on SQLite
  (ordering compares the text, so the format is normalised); ``reminder_prefs.enabled`` is 0/1 in both
  (older PostgreSQL exports have ``true``/``false``).
* ``memory_meta['vector_space']`` names ``<embedder space>:<dim>:<backend>``; the backend part differs.

:func:`translate_export` rewrites an export's manifest and rows into the target's layout and takes the
vectors out as :class:`CarriedVectors`. The import inserts the rows in its one transaction (FTS and
``tsv`` are rebuilt on insert); the caller then hands the vectors to the target's memory store
(:func:`amity.store.memory_backends.restore_vectors`) when it uses the same embedder, and otherwise the
index re-embeds the items the next time it opens (``HybridMemoryIndex.reindex_missing``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from amity.errors import InputError
from amity.store.db import to_ts
from amity.store.sql import POSTGRESQL, SQLITE

VECTOR_TABLES = ("memory_vec", "memory_vec_plain")
# The memory area's TIMESTAMPTZ columns (PostgreSQL) / UTC ISO text columns (SQLite).
TIMESTAMP_COLUMNS = {
    "memory_items": ("created_at",),
    "facts": ("created_at", "valid_from", "superseded_at"),
    "reminder_prefs": ("updated_at",),
    "reminder_log": ("shown_at",),
}
Row = dict[str, Any]


@dataclass(frozen=True)
class CarriedVectors:
    """The memory vectors of an export, by item id, with the vector space they were made in."""

    space: str  # "<embedder space>:<dim>", without the storage backend
    ids: tuple[str, ...]
    vectors: NDArray[np.float32]

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1]) if self.vectors.ndim == 2 else 0


def translate_export(
    manifest: dict[str, Any], rows: dict[str, list[Row]], target: str
) -> tuple[dict[str, Any], dict[str, list[Row]], CarriedVectors | None]:
    """The export's manifest and rows in ``target``'s layout (a dialect name), and its vectors."""
    source = manifest.get("database", SQLITE)
    if {source, target} != {SQLITE, POSTGRESQL}:
        raise InputError(
            f"Cannot move an export from {source} to {target}.",
            "Import it into an install that uses SQLite or PostgreSQL.",
        )
    rows = dict(rows)
    space = _base_space(rows.get("memory_meta", []))
    if source == SQLITE:
        items, carried = _items_from_sqlite(rows)
    else:
        items, carried = _items_from_postgres(rows)
    rows["memory_items"] = items
    rows["memory_meta"] = [r for r in rows.get("memory_meta", []) if r.get("key") != "vector_space"]
    for table, columns in TIMESTAMP_COLUMNS.items():
        if table in rows:
            rows[table] = [_with_timestamps(r, columns, target) for r in rows[table]]
    if "reminder_prefs" in rows:
        rows["reminder_prefs"] = [{**r, "enabled": int(bool(r["enabled"]))} for r in rows["reminder_prefs"]]
    tables: list[dict[str, Any]] = []
    for entry in manifest["tables"]:
        if entry["name"] in VECTOR_TABLES:
            continue
        if entry["name"] == "memory_items":
            entry = {**entry, "columns": list(_item_columns(target)), "virtual": False, "create_sql": ""}
        tables.append(entry)
    vectors = None
    if carried and space is not None:
        ids = tuple(carried)
        vectors = CarriedVectors(space, ids, np.stack([carried[i] for i in ids]).astype(np.float32))
    return {**manifest, "tables": tables, "database": target}, rows, vectors


def _item_columns(target: str) -> tuple[str, ...]:
    common = ("id", "user_id", "kind", "session_id", "source_id", "role", "text", "context", "importance", "affect")
    return (*common, "created_at", "created_ts") if target == SQLITE else (*common, "created_at")


def _base_space(meta_rows: list[Row]) -> str | None:
    """``minilm+ctx0.5:384`` from ``minilm+ctx0.5:384:vec0`` (None when the export has no vectors' space)."""
    for row in meta_rows:
        if row.get("key") == "vector_space":
            return str(row["value"]).rsplit(":", 1)[0]
    return None


def _items_from_sqlite(rows: dict[str, list[Row]]) -> tuple[list[Row], dict[str, NDArray[np.float32]]]:
    by_rowid: dict[int, NDArray[np.float32]] = {}
    for table in VECTOR_TABLES:
        for row in rows.pop(table, []):
            by_rowid[int(row["item_rowid"])] = np.frombuffer(_blob(row["embedding"]), dtype=np.float32)
    items, carried = [], {}
    for row in rows.get("memory_items", []):
        vec = by_rowid.get(int(row["rowid"]))
        if vec is not None:
            carried[str(row["id"])] = vec
        items.append({k: v for k, v in row.items() if k not in ("rowid", "created_ts")})
    return items, carried


def _items_from_postgres(rows: dict[str, list[Row]]) -> tuple[list[Row], dict[str, NDArray[np.float32]]]:
    items, carried = [], {}
    for row in rows.get("memory_items", []):
        embedding = row.get("embedding")
        if embedding:
            carried[str(row["id"])] = np.asarray(embedding, dtype=np.float32)
        created = _parse_time(row["created_at"])
        items.append({**{k: v for k, v in row.items() if k != "embedding"}, "created_ts": created.timestamp()})
    return items, carried


def _with_timestamps(row: Row, columns: tuple[str, ...], target: str) -> Row:
    out = dict(row)
    for col in columns:
        if out.get(col) is not None:
            out[col] = to_ts(_parse_time(out[col])) if target == SQLITE else _parse_time(out[col]).isoformat()
    return out


def _parse_time(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(
            f"The export has an unreadable time ({value!r}).", "Export again with `amity export`."
        ) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _blob(value: Any) -> bytes:
    if isinstance(value, dict) and "$b64" in value:
        return base64.b64decode(value["$b64"])
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    raise InputError("The export has a damaged memory vector.", "Export again with `amity export`.")
