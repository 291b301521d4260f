""":class:`HybridMemoryIndex`: the :class:`~amity.memory.index.MemoryIndex` over a store and an embedder.

``add`` resolves the item (id, importance, and for an episode its *context*: the previous episode of the
same session, from the batch or the store), embeds its text as a passage and hands both to the store in
one transaction; the context is searched by BM25 only (the vector is of the text itself).
``search`` asks the store for two candidate lists for the user — BM25 and KNN of the embedded query —
and fuses them (``amity.memory.retrieval.fuse``); ``mode`` restricts to one retriever (the evaluation's
baselines). Storage is behind :class:`~amity.memory.index.MemoryStore`, so the same
class serves SQLite (``open_memory_index``) and the PostgreSQL store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from amity.memory.embedders import Embedder, default_embedder, load_embedder
from amity.memory.index import MemoryItem, MemoryStore, SearchOptions, StoredItem, new_memory_id
from amity.memory.retrieval import estimate_importance, fuse
from amity.store.db import Database
from amity.types import MemoryHit


class HybridMemoryIndex:
    """BM25 + vector search with RRF fusion, recency and importance (see ``amity.memory.retrieval``)."""

    def __init__(self, store: MemoryStore, embedder: Embedder, defaults: SearchOptions | None = None) -> None:
        if store.dim != embedder.dim:
            raise ValueError(f"store dimension {store.dim} != embedder dimension {embedder.dim}")
        self.store = store
        self.embedder = embedder
        self.defaults = defaults or SearchOptions()

    def _resolve(self, user_id: str, item: MemoryItem, context: str = "") -> StoredItem:
        created = item.created_at if item.created_at.tzinfo else item.created_at.replace(tzinfo=UTC)
        importance = item.importance if item.importance is not None else estimate_importance(item.text, item.role)
        return StoredItem(
            id=item.id or new_memory_id(),
            user_id=user_id,
            text=item.text,
            kind=item.kind,
            created_at=created,
            importance=float(min(1.0, max(0.0, importance))),
            session_id=item.session_id,
            source_id=item.source_id,
            role=item.role,
            affect=item.affect,
            context=item.context if item.context is not None else context,
        )

    def add(self, user_id: str, item: MemoryItem) -> str:
        return self.add_many(user_id, [item])[0]

    def add_many(self, user_id: str, items: Sequence[MemoryItem]) -> list[str]:
        stored: list[StoredItem] = []
        last_in_session: dict[str, str] = {}
        for it in items:
            if not it.text.strip():
                continue
            context = ""
            if it.kind == "episode" and it.session_id and it.context is None:
                previous = last_in_session.get(it.session_id)
                if previous is None:
                    when = it.created_at if it.created_at.tzinfo else it.created_at.replace(tzinfo=UTC)
                    previous = self.store.previous_episode(user_id, it.session_id, when)
                context = previous or ""
            stored.append(self._resolve(user_id, it, context))
            if it.kind == "episode" and it.session_id:
                last_in_session[it.session_id] = it.text
        if stored:
            self.store.add_many(stored, self.embedder.embed([s.text for s in stored]))
        return [s.id for s in stored]

    def search(self, user_id: str, query: str, k: int = 5, options: SearchOptions | None = None) -> list[MemoryHit]:
        opts = options or self.defaults
        if not query.strip() or k <= 0:
            return []
        limit = max(opts.candidates, k)
        bm25_ids: list[str] = []
        vector_ids: list[str] = []
        if opts.mode in ("hybrid", "bm25"):
            bm25_ids = self.store.bm25(user_id, query, limit, opts.kinds)
        if opts.mode in ("hybrid", "vector"):
            qvec = self.embedder.embed_query([query])[0]
            vector_ids = self.store.knn(user_id, qvec, limit, opts.kinds)
        items = self.store.get(list(dict.fromkeys([*bm25_ids, *vector_ids])))
        if opts.since or opts.until:
            items = {
                i: it
                for i, it in items.items()
                if (opts.since is None or it.created_at >= opts.since)
                and (opts.until is None or it.created_at <= opts.until)
            }
        scored = fuse(bm25_ids, vector_ids, items, opts, opts.now or datetime.now(UTC))
        return [MemoryHit(id=s.item.id, text=s.item.text, score=s.score, kind=s.item.kind) for s in scored[:k]]

    def forget(self, ids: Sequence[str]) -> int:
        return self.store.delete(list(ids))

    def forget_user(self, user_id: str) -> int:
        return self.store.delete_user(user_id)

    def reindex_missing(self, batch: int = 256) -> int:
        """Embed items that have no vector (after a change of embedder); returns how many were embedded."""
        missing = getattr(self.store, "missing_vectors", None)
        setter = getattr(self.store, "set_vectors", None)
        if missing is None or setter is None:
            return 0
        done = 0
        while rows := missing(batch):
            setter([r[0] for r in rows], self.embedder.embed([r[1] for r in rows]))
            done += len(rows)
        return done


def open_memory_index(
    db: Database, embedder: str | Embedder | None = None, *, use_vec: bool = True
) -> HybridMemoryIndex:
    """The SQLite-backed index on ``db`` (which must have run ``schema_memory.MIGRATIONS``).

    ``embedder``: a name from ``embedders.available_embedders()``, an instance, or None for the default
    (MiniLM; the hashing embedder when no embedding wheel is installed). Items indexed under another
    embedder are re-embedded on open.
    """
    from amity.store.sqlite_memory import SQLiteMemoryStore

    if isinstance(embedder, str):
        emb = load_embedder(embedder)
    elif embedder is None:
        emb = default_embedder()
    else:
        emb = embedder
    store = SQLiteMemoryStore(db, emb.dim, emb.name, use_vec=use_vec)
    index = HybridMemoryIndex(store, emb)
    index.reindex_missing()
    return index
