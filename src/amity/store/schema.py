"""All SQLite migrations, in order. Each area keeps its own list in ``schema_<area>.py``; names are unique.

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
