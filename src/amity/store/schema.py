"""All migrations, in order. Each area keeps its own list in ``schema_<area>.py``; names are unique.

The DDL is SQLite's; PostgreSQL's is derived from it by ``amity.store.pg_database.pg_ddl``.

Append new migrations to the end of the right list; never edit or reorder an applied one.
"""

from __future__ import annotations

from amity.store import (
    schema_affect,
    schema_care,
    schema_core,
    schema_facts,
    schema_memory,
    schema_safety,
    schema_server,
)
from amity.store.db import Migration


def all_migrations() -> list[Migration]:
    return [
        *schema_core.MIGRATIONS,
        *schema_memory.MIGRATIONS,
        *schema_facts.MIGRATIONS,
        *schema_affect.MIGRATIONS,
        *schema_care.MIGRATIONS,
        *schema_safety.MIGRATIONS,
        *schema_server.MIGRATIONS,
    ]


def postgres_migrations() -> list[Migration]:
    """The areas PostgreSQL runs from the shared DDL; memory and facts have their own PostgreSQL schema
    (``amity.store.postgres``: tsvector and pgvector instead of FTS5 and sqlite-vec)."""
    return [
        *schema_core.MIGRATIONS,
        *schema_affect.MIGRATIONS,
        *schema_care.MIGRATIONS,
        *schema_safety.MIGRATIONS,
        *schema_server.MIGRATIONS,
    ]
