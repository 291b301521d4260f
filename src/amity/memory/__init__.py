"""Long-term memory: an episodic index of every turn (plus facts and summaries) with hybrid retrieval.

Public API (details in ``amity.memory.index``)::

    from amity.memory import MemoryItem, SearchOptions, open_memory_index
    index = open_memory_index(db)              # SQLite FTS5 + sqlite-vec, default embedder
    index.add(user_id, MemoryItem.episode(turn))
    hits = index.search(user_id, "query", k=5) # list[amity.types.MemoryHit]

Embedders live in ``amity.memory.embedders`` (loaded lazily); fusion, recency and importance in
``amity.memory.retrieval``; the LoCoMo evaluation in ``amity.memory.evaluation``.
"""

from __future__ import annotations

from amity.memory.hybrid import HybridMemoryIndex, open_memory_index
from amity.memory.index import MemoryIndex, MemoryItem, MemoryKind, MemoryStore, SearchOptions, StoredItem

__all__ = [
    "HybridMemoryIndex",
    "MemoryIndex",
    "MemoryItem",
    "MemoryKind",
    "MemoryStore",
    "SearchOptions",
    "StoredItem",
    "open_memory_index",
]
