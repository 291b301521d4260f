""":class:`HybridMemoryIndex`: the :class:`~amity.memory.index.MemoryIndex` over a store and an embedder.

``add`` resolves the item (id, importance, and for an episode its *context*: the previous episode of the
same session, from the batch or the store), embeds its text as a passage and hands both to the store in
one transaction. The context is searched by BM25 (a second FTS column) and also shapes the vector:
an episode with a context is stored as ``normalise(embed(text) + context_vector_weight · embed(context))``.
Answers often sit in the reply to a question ("Did you go?" / "Yes, last Sunday"), and this lets the
reply be found by the question's meaning too. Within a batch the context is the previous item's text,
so its vector is already computed (no extra embedding cost for bulk ingest; a single new turn costs one
extra passage). The weight is part of the store's vector space name (:func:`vector_space`), so an index
built without it is re-embedded on open.
``search`` asks the store for two scored candidate lists for the user — BM25 and KNN of the embedded
query, 50 each by default — and orders their union with the learned re-ranker
(``amity.memory.rerank``; RRF + session boost, ``amity.memory.retrieval.fuse``, when it is switched off
or its weights cannot load); ``mode`` restricts to one retriever (the evaluation's baselines).
Storage is behind :class:`~amity.memory.index.MemoryStore`, so the same class serves SQLite
(``open_memory_index``) and the PostgreSQL store.

Vectors are remembered for a few hundred recent texts (:class:`VectorCache`, keyed by text, cleared when
anything is forgotten): with a symmetric embedder (``amity.memory.embedders.symmetric``) a turn's recall
query is the user's message, which the turn then indexes, and the context of that episode is the
previous reply, indexed one turn earlier; so a turn embeds its reply only, not four texts (MiniLM: ~11 ms
per text on one core).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Literal

import numpy as np

from amity.memory.embedders import Embedder, Matrix, default_embedder, l2_normalise, load_embedder, symmetric
from amity.memory.index import Candidate, MemoryItem, MemoryStore, SearchOptions, StoredItem, new_memory_id
from amity.memory.rerank import LinearReranker, default_reranker, rerank
from amity.memory.retrieval import estimate_importance, fuse
from amity.store.db import Database
from amity.types import MemoryHit

# Runs the vector half of hybrid searches beside their BM25 half (two cores: ~max of the two, not the sum).
_SEARCH_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="amity-knn")

CONTEXT_VECTOR_WEIGHT = 0.5  # weight of the previous turn's vector in an episode's vector (docs/MEMORY.md)


class VectorCache:
    """The vectors of the most recently embedded texts (bounded; thread-safe)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._vectors: OrderedDict[str, Matrix] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, text: str) -> Matrix | None:
        with self._lock:
            vec = self._vectors.get(text)
            if vec is not None:
                self._vectors.move_to_end(text)
                self.hits += 1
            return vec

    def put(self, text: str, vec: Matrix) -> None:
        with self._lock:
            self._vectors[text] = vec
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


def vector_space(embedder: Embedder, context_vector_weight: float = CONTEXT_VECTOR_WEIGHT) -> str:
    """The name of the vector space a store records: the embedder, plus the context blend when used."""
    return f"{embedder.name}+ctx{context_vector_weight:g}" if context_vector_weight else embedder.name


class HybridMemoryIndex:
    """BM25 + vector search ordered by the learned re-ranker (or RRF), recency and importance (module doc)."""

    def __init__(
        self,
        store: MemoryStore,
        embedder: Embedder,
        defaults: SearchOptions | None = None,
        *,
        context_vector_weight: float = CONTEXT_VECTOR_WEIGHT,
        reranker: LinearReranker | Literal["default"] | None = "default",
    ) -> None:
        """``reranker``: the learned re-ranker hybrid searches use (``"default"``: the shipped weights,
        ``amity.memory.rerank.default_reranker``); None, or weights that cannot load, fall back to RRF +
        session boost."""
        if store.dim != embedder.dim:
            raise ValueError(f"store dimension {store.dim} != embedder dimension {embedder.dim}")
        self.store = store
        self.embedder = embedder
        self.defaults = defaults or SearchOptions()
        self.context_vector_weight = context_vector_weight
        self.reranker = default_reranker() if reranker == "default" else reranker
        self.cache = VectorCache()
        self._symmetric = symmetric(embedder)

    def _passages(self, texts: Sequence[str]) -> dict[str, Matrix]:
        """Passage vectors of distinct ``texts``: from the cache where possible, the rest in one batch."""
        found = {t: v for t in texts if (v := self.cache.get(t)) is not None}
        missing = [t for t in texts if t not in found]
        if missing:
            for text, vec in zip(missing, self.embedder.embed(missing), strict=True):
                found[text] = vec
                self.cache.put(text, vec)
        return found

    def _query(self, text: str) -> Matrix:
        if not self._symmetric:
            vec: Matrix = self.embedder.embed_query([text])[0]
            return vec
        return self._passages([text])[text]

    def _vectors(self, texts: Sequence[str], contexts: Sequence[str]) -> Matrix:
        """Passage vectors of ``texts``, each blended with its context's vector (see module docstring)."""
        weight = self.context_vector_weight
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        vecs = self._passages(list(dict.fromkeys([*texts, *(c for c in contexts if c and weight)])))
        out = np.stack([vecs[t] for t in texts])
        if weight:
            for i, context in enumerate(contexts):
                if context:
                    out[i] = out[i] + weight * vecs[context]
        return l2_normalise(out)

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
            self.store.add_many(stored, self._vectors([s.text for s in stored], [s.context for s in stored]))
        return [s.id for s in stored]

    def search(self, user_id: str, query: str, k: int = 5, options: SearchOptions | None = None) -> list[MemoryHit]:
        opts = options or self.defaults
        if not query.strip() or k <= 0:
            return []
        limit = max(opts.candidates, k)
        bm25: list[Candidate] = []
        vector: list[Candidate] = []

        def nearest() -> list[Candidate]:
            return self.store.knn(user_id, self._query(query), limit, opts.kinds)

        if opts.mode == "hybrid":  # the two searches overlap: SQLite and numpy release the GIL
            vectors = _SEARCH_POOL.submit(nearest)
            bm25 = self.store.bm25(user_id, query, limit, opts.kinds)
            vector = vectors.result()
        elif opts.mode == "bm25":
            bm25 = self.store.bm25(user_id, query, limit, opts.kinds)
        else:
            vector = nearest()
        items = self.store.get(list(dict.fromkeys([c.id for c in (*bm25, *vector)])))
        if opts.since or opts.until:
            items = {
                i: it
                for i, it in items.items()
                if (opts.since is None or it.created_at >= opts.since)
                and (opts.until is None or it.created_at <= opts.until)
            }
        now = opts.now or datetime.now(UTC)
        if opts.mode == "hybrid" and opts.rerank and self.reranker is not None:
            scored = rerank(query, bm25, vector, items, opts, self.reranker, now)
        else:
            scored = fuse([c.id for c in bm25], [c.id for c in vector], items, opts, now)
        return [MemoryHit(id=s.item.id, text=s.item.text, score=s.score, kind=s.item.kind) for s in scored[:k]]

    def forget(self, ids: Sequence[str]) -> int:
        self.cache.clear()  # forgotten words do not linger in memory either
        return self.store.delete(list(ids))

    def forget_user(self, user_id: str) -> int:
        self.cache.clear()
        return self.store.delete_user(user_id)

    def reindex_missing(self, batch: int = 256) -> int:
        """Embed items that have no vector (after a change of embedder); returns how many were embedded."""
        missing = getattr(self.store, "missing_vectors", None)
        setter = getattr(self.store, "set_vectors", None)
        if missing is None or setter is None:
            return 0
        done = 0
        while rows := missing(batch):
            ids = [r[0] for r in rows]
            items = self.store.get(ids) if self.context_vector_weight else {}
            contexts = [items[i].context if i in items else "" for i in ids]
            setter(ids, self._vectors([r[1] for r in rows], contexts))
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
    store = SQLiteMemoryStore(db, emb.dim, vector_space(emb), use_vec=use_vec)
    index = HybridMemoryIndex(store, emb)
    index.reindex_missing()
    return index
