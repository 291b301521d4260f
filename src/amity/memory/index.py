"""The memory index API: what every part of Amity calls to remember and to recall.

A *memory item* is one searchable piece of text owned by one user: an episode (a stored turn, by the user
or the companion), a fact, a summary or a date (written by other areas). Items reference their source
turn (``source_id``) when they have one, carry the time they happened (``created_at``), an ``importance``
in [0, 1] and an optional affect label. Search is hybrid (BM25 over FTS5 + vector KNN over sqlite-vec,
fused by reciprocal rank fusion, then boosted by recency and importance; see ``amity.memory.retrieval``)
and is always partitioned by user: a search never sees another user's items.

Two layers:

* :class:`MemoryStore` — the storage Protocol (SQL only; SQLite in ``amity.store.sqlite_memory``, the
  PostgreSQL store implements the same methods). It returns ranked candidate lists (each candidate with
  its retriever's score, :class:`Candidate`), not fused results.
* :class:`MemoryIndex` — the Protocol callers use; :class:`HybridMemoryIndex` implements it over any
  ``MemoryStore`` plus an :class:`~amity.memory.embedders.Embedder`.

Usage::

    from amity.memory import open_memory_index, MemoryItem
    index = open_memory_index(db)                      # db: amity.store.db.Database
    index.add("u1", MemoryItem.episode(turn))          # or MemoryItem(user_id=..., text=..., kind="fact")
    hits = index.search("u1", "where does my sister live?", k=5)   # list[amity.types.MemoryHit]
    index.forget([hits[0].id]); index.forget_user("u1")
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from amity.types import MemoryHit, Turn

MemoryKind = Literal["episode", "fact", "summary", "date"]
Vector = npt.NDArray[np.float32]


def new_memory_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class MemoryItem:
    """One searchable memory of one user (``id`` is generated when empty)."""

    user_id: str
    text: str
    kind: MemoryKind = "episode"
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    session_id: str | None = None
    source_id: str | None = None  # the turn (or fact) this item was made from
    role: str | None = None  # "user" | "assistant" for episodes
    importance: float | None = None  # None: estimated by ``retrieval.estimate_importance``
    affect: str | None = None  # affect label of the source turn, if any
    id: str = ""
    context: str | None = None  # searchable, not shown; None: the previous episode of the same session

    @staticmethod
    def episode(turn: Turn, importance: float | None = None) -> MemoryItem:
        """The episode item of one stored turn (its id is ``turn.id``, so forgetting a turn is one call)."""
        return MemoryItem(
            id=turn.id,
            user_id=turn.user_id,
            text=turn.text,
            kind="episode",
            created_at=turn.created_at,
            session_id=turn.session_id,
            source_id=turn.id,
            role=turn.role,
            importance=importance,
            affect=turn.affect.label if turn.affect is not None else None,
        )


@dataclass(frozen=True)
class StoredItem:
    """An item as a store returns it (importance resolved, id assigned)."""

    id: str
    user_id: str
    text: str
    kind: str
    created_at: datetime
    importance: float
    session_id: str | None = None
    source_id: str | None = None
    role: str | None = None
    affect: str | None = None
    context: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate of one retriever: an item id and that retriever's score (higher is better).

    BM25: SQLite's ``-bm25()`` (estimated for pruned queries) or the same Okapi BM25 computed in SQL on
    PostgreSQL (``amity.store.pg_bm25``); its scale depends on the query, so consumers use scores
    relative to the list's best. KNN: cosine similarity.
    """

    id: str
    score: float


@dataclass(frozen=True)
class SearchOptions:
    """Knobs of one search; the defaults are what ``amity eval memory`` measured best (docs/MEMORY.md)."""

    kinds: tuple[str, ...] | None = None  # restrict to these kinds
    mode: Literal["hybrid", "bm25", "vector"] = "hybrid"
    candidates: int = 50  # per retriever, before re-ranking / fusion (100: +0.2 to +0.7 held out, +2.6 ms)
    rerank: bool = True  # the learned re-ranker (amity.memory.rerank); False: RRF + session boost only
    rrf_k: float = 10.0  # 60 (the paper's) let items mediocre in both lists beat a top hit: -0.07 recall
    bm25_weight: float = 1.0
    vector_weight: float = 0.7  # BM25 is the stronger retriever on LoCoMo dev (docs/MEMORY.md)
    recency_weight: float = 0.0  # boost for recent items (0 disables); see retrieval.fuse
    recency_half_life_days: float = 30.0
    importance_weight: float = 0.0
    session_weight: float = 2.0  # boost for items whose session holds other top hits (retrieval.session_boost)
    session_top: int = 20  # how many of the best fused candidates vote for their session
    now: datetime | None = None  # reference time for recency (default: now)
    since: datetime | None = None
    until: datetime | None = None


class MemoryStore(Protocol):
    """Storage of memory items with a full-text and a vector index, partitioned by user (SQL lives here)."""

    @property
    def dim(self) -> int: ...

    def add_many(self, items: Sequence[StoredItem], vectors: Vector) -> None:
        """Insert (or replace, same id) items with their L2-normalised vectors (shape ``(n, dim)``)."""
        ...

    def bm25(self, user_id: str, query: str, limit: int, kinds: Sequence[str] | None = None) -> list[Candidate]:
        """The user's items matching ``query`` with their full-text score, best first."""
        ...

    def knn(self, user_id: str, vector: Vector, limit: int, kinds: Sequence[str] | None = None) -> list[Candidate]:
        """The user's items nearest to ``vector`` with their cosine similarity, best first."""
        ...

    def get(self, ids: Sequence[str]) -> dict[str, StoredItem]:
        """Items by id (missing ids are absent from the result)."""
        ...

    def delete(self, ids: Sequence[str]) -> int:
        """Remove items from the table, the text index and the vectors; returns how many existed."""
        ...

    def delete_user(self, user_id: str) -> int:
        """Remove every item of one user; returns how many existed."""
        ...

    def count(self, user_id: str | None = None) -> int: ...

    def previous_episode(self, user_id: str, session_id: str, before: datetime) -> str | None:
        """Text of the user's latest episode of ``session_id`` created before ``before`` (for context)."""
        ...


class MemoryIndex(Protocol):
    """Remember and recall one user's memories. All methods are synchronous and thread-safe."""

    def add(self, user_id: str, item: MemoryItem) -> str:
        """Index one item for ``user_id``; returns its id (``item.id`` or a new one)."""
        ...

    def add_many(self, user_id: str, items: Sequence[MemoryItem]) -> list[str]:
        """Index several items in one transaction and one embedding batch; returns their ids."""
        ...

    def search(self, user_id: str, query: str, k: int = 5, options: SearchOptions | None = None) -> list[MemoryHit]:
        """The ``k`` best memories of ``user_id`` for ``query`` (``MemoryHit.id`` is the item id)."""
        ...

    def forget(self, ids: Sequence[str]) -> int:
        """Forget items by id (text and vector); returns how many were removed."""
        ...

    def forget_user(self, user_id: str) -> int:
        """Forget everything indexed for one user; returns how many items were removed."""
        ...
