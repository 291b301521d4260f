"""SQLite implementation of :class:`amity.memory.index.MemoryStore`: FTS5 BM25 + sqlite-vec KNN per user.

Tables (see ``schema_memory``): ``memory_items`` (the items), ``memory_fts`` (FTS5, external content,
triggers), and a vector table created lazily here because it needs the sqlite-vec extension and the
embedder's dimension:

* ``memory_vec`` — ``vec0(item_rowid integer primary key, user_id text partition key, kind text,
  embedding float[dim] distance_metric=cosine, chunk_size=64)``. ``user_id`` is a *partition key*, so a
  KNN query for one user scans only that user's vector chunks (per-user partitioning inside one table);
  ``kind`` is a metadata column filtered during the KNN scan. vec0 is exact (brute force).
* from ``ann_threshold`` vectors for one user (default 20k) ``knn`` answers from an in-memory binary
  index with exact re-ranking (``amity.memory.ann.UserVectorCache`` over ``BinaryIndex``), built from
  that table on first use and kept in step with this store's own inserts and deletes; ``vec0`` exact
  scans grow linearly (docs/MEMORY.md has the curve).
* ``memory_vec_plain`` — the fallback when this SQLite cannot load extensions: the same vectors as
  float32 BLOBs, scanned with numpy per user (exact, fine for a companion's thousands of memories).

BM25 is bounded: a query whose phrases match more than ``bm25_budget`` rows (500 by default) scores its
rare phrases exactly and adds an IDF bonus for the common ones instead of scoring every matching row
(``amity.store.fts_pruning``; about 6 ms instead of 40 ms p50 of CPU at 1M memories). FTS5 cannot filter by
user, so in a shared database (a server) a user's query would walk every user's postings of a common word:
for a user with a small share of the index every MATCH is ANDed with the ``owner`` column's phrase for that
user, which FTS5 answers by skipping to the user's rows (``schema_memory``); the results are the same.

``memory_meta['vector_space']`` records ``<embedder>:<dim>:<layout>``; when the embedder changes the vector
table is rebuilt empty and :meth:`missing_vectors` tells the index which items to re-embed; when only the
layout changes the vectors are copied (``amity.store.vector_table``). Deletion removes the row (the FTS
trigger follows) and the vector.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np

from amity.errors import StoreError
from amity.memory.ann import BinaryIndex, UserVectorCache
from amity.memory.index import Candidate, StoredItem, Vector
from amity.memory.retrieval import fts_expression
from amity.store.db import Database, from_ts, to_ts
from amity.store.fts_pruning import estimate_df, merge_ranked, or_phrases, plan_phrases
from amity.store.vector_table import ensure_vector_table, layout

_ITEM_COLUMNS = "rowid, id, user_id, kind, session_id, source_id, role, text, context, importance, affect, created_at"


BM25_BUDGET = 500  # rows one BM25 search may score; docs/MEMORY.md has the measured trade-off


def _load_sqlite_vec(conn: Any) -> None:
    import sqlite_vec

    sqlite_vec.load(conn)


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


class SQLiteMemoryStore:
    """Memory items with BM25 and vector search in one SQLite database (the ``Database`` of the app)."""

    def __init__(
        self,
        db: Database,
        dim: int,
        space: str,
        *,
        use_vec: bool = True,
        ann_threshold: int | None = 20_000,
        bm25_budget: int | None = BM25_BUDGET,
        owner_filter: bool = True,
    ) -> None:
        self.db = db
        self._dim = dim
        self.ann_threshold = ann_threshold
        self.context_weight = 0.5  # BM25 weight of the context column relative to the text
        # Most FTS postings one BM25 search may score (see ``bm25``); None: always the exact full query.
        self.bm25_budget: int | None = bm25_budget
        self.owner_filter = owner_filter  # False: never filter by the owner column (comparisons)
        self._ann: dict[str, UserVectorCache] = {}
        self._ann_lock = threading.RLock()
        self.vec = use_vec and self._try_load()
        self.backend = "vec0" if self.vec else "plain"
        self._space = f"{space}:{dim}:{layout(self.vec)}"
        ensure_vector_table(self.db, self._space, dim, self.vec)

    def _try_load(self) -> bool:
        try:
            import sqlite_vec  # noqa: F401
        except ImportError:
            return False
        return self.db.load_extension(_load_sqlite_vec)

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def _vec_table(self) -> str:
        return "memory_vec" if self.vec else "memory_vec_plain"

    def add_many(self, items: Sequence[StoredItem], vectors: Vector) -> None:
        """Insert or replace items (by id) and their vectors in one transaction."""
        if len(items) != len(vectors):
            raise StoreError("Memory items and vectors differ in number.", "This is a bug; please report it.")
        if vectors.size and vectors.shape[1] != self._dim:
            raise StoreError(
                f"Vectors have dimension {vectors.shape[1]}, the memory index expects {self._dim}.",
                "Rebuild the memory index with the configured embedder (`amity memory reindex`).",
            )
        with self.db.transaction() as conn:
            self._delete_rows(conn, [it.id for it in items])
            for item, vec in zip(items, vectors, strict=True):
                cur = conn.execute(
                    "INSERT INTO memory_items(id, user_id, kind, session_id, source_id, role, text, context, "
                    "importance, affect, created_at, created_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        item.id,
                        item.user_id,
                        item.kind,
                        item.session_id,
                        item.source_id,
                        item.role,
                        item.text,
                        item.context,
                        item.importance,
                        item.affect,
                        to_ts(item.created_at),
                        item.created_at.timestamp(),
                    ),
                )
                self._put_vector(conn, int(cur.lastrowid), item.user_id, item.kind, vec)
                with self._ann_lock:
                    if (cache := self._ann.get(item.user_id)) is not None:
                        cache.add(int(cur.lastrowid), vec)

    def _put_vector(self, conn: Any, rowid: int, user_id: str, kind: str, vec: Vector) -> None:
        blob = np.ascontiguousarray(vec, dtype=np.float32).tobytes()
        conn.execute(
            f"INSERT INTO {self._vec_table}(item_rowid, user_id, kind, embedding) VALUES (?,?,?,?)",
            (rowid, user_id, kind, blob),
        )

    def set_vectors(self, ids: Sequence[str], vectors: Vector) -> None:
        """(Re)place the vectors of existing items (used after a change of embedder)."""
        with self.db.transaction() as conn:
            for item_id, vec in zip(ids, vectors, strict=True):
                row = conn.execute("SELECT rowid, user_id, kind FROM memory_items WHERE id = ?", (item_id,)).fetchone()
                if row is None:
                    continue
                conn.execute(f"DELETE FROM {self._vec_table} WHERE item_rowid = ?", (row[0],))
                self._put_vector(conn, int(row[0]), str(row[1]), str(row[2]), vec)

    def missing_vectors(self, limit: int = 1000) -> list[tuple[str, str]]:
        """(id, text) of items that have no vector yet, e.g. after the embedder changed."""
        rows = self.db.query(
            f"SELECT id, text FROM memory_items WHERE rowid NOT IN (SELECT item_rowid FROM {self._vec_table}) LIMIT ?",
            (limit,),
        )
        return [(str(r[0]), str(r[1])) for r in rows]

    def bm25(self, user_id: str, query: str, limit: int, kinds: Sequence[str] | None = None) -> list[Candidate]:
        """The user's best ``limit`` BM25 matches (score ``-bm25()``), scoring at most about ``bm25_budget`` rows.

        When the query's phrases match at most ``bm25_budget`` rows in all, the query runs unchanged
        (exact). Otherwise rare phrases are scored exactly and common ones add an estimated term
        (``amity.store.fts_pruning`` explains the plan and its approximation).
        """
        expr = fts_expression(query)
        if expr is None or limit <= 0:
            return []
        budget = self.bm25_budget
        phrases = or_phrases(expr) if budget else None
        if budget is None or phrases is None:
            return self._exact(expr, user_id, kinds, limit)
        first, span = self._rowid_range()
        if span <= budget:  # a small index: the exact query is cheap, no need to count
            return self._exact(expr, user_id, kinds, limit)
        owner = self._owner_phrase(user_id, span)
        if owner == "":
            return []

        def mine(expression: str) -> str:  # the user's rows only: FTS5 skips through the other users' postings
            return f"{owner} AND ({expression})" if owner else expression

        counts: dict[str, int] = {}
        dfs: dict[str, float] = {}
        for phrase in phrases:
            counted, last = self._probe(phrase, budget + 1)
            counts[phrase] = counted
            dfs[phrase] = estimate_df(counted, budget + 1, last, first, span)
        plan = plan_phrases(phrases, counts, dfs, span, budget)
        if plan.exact:
            return self._exact(mine(expr), user_id, kinds, limit)
        scores: dict[int, float] = {}
        ids: dict[int, str] = {}
        if plan.rare:
            for rowid, item_id, score in self._bm25_rows(mine(plan.rare_expression), user_id, kinds):
                scores[rowid], ids[rowid] = -score, item_id  # bm25() is negative: lower is better
            for phrase in plan.common:  # AND lets FTS5 skip through the common phrase's long list
                for rowid in self._fts_rowids(mine(f"{phrase} AND ({plan.rare_expression})")):
                    if rowid in scores:
                        scores[rowid] += plan.bonus[phrase]
        ranked = sorted(scores.values(), reverse=True)
        if len(ranked) >= limit and ranked[limit - 1] >= sum(plan.bonus.values()):
            # no common-only row can reach the top
            return [Candidate(ids[r], scores[r]) for r in merge_ranked(scores, limit)]
        # Rows with two or more common phrases (and no rare one): pairwise ANDs, which FTS5 answers by
        # skipping through the lists. Their phrase sets come out whole, so their scores are complete.
        held: dict[int, set[str]] = {}
        for i, first_phrase in enumerate(plan.common):
            for second in plan.common[i + 1 :]:
                pairs = self._newest_matches(mine(f"{first_phrase} AND {second}"), user_id, kinds, budget)
                for rowid, item_id in pairs.items():
                    if rowid not in scores:
                        held.setdefault(rowid, set()).update((first_phrase, second))
                        ids[rowid] = item_id
        for rowid, phrases_held in held.items():
            scores[rowid] = sum(plan.bonus[p] for p in phrases_held)
        ranked = sorted(scores.values(), reverse=True)
        single_best = max(plan.bonus.values(), default=0.0)
        if len(ranked) < limit or ranked[limit - 1] < single_best:
            # Rows with one common phrase only tie at its bonus: the newest of them fill in.
            window = self._newest_matches(mine(plan.common_expression), user_id, kinds, budget)
            if window:
                oldest, extra = min(window), dict[int, float]()
                for phrase in plan.common:
                    for rowid in self._fts_rowids(mine(phrase), from_rowid=oldest):
                        if rowid in window and rowid not in scores:
                            extra[rowid] = extra.get(rowid, 0.0) + plan.bonus[phrase]
                scores.update(extra)
                ids.update({rowid: window[rowid] for rowid in extra})
        return [Candidate(ids[r], scores[r]) for r in merge_ranked(scores, limit)]

    def _exact(self, expr: str, user_id: str, kinds: Sequence[str] | None, limit: int) -> list[Candidate]:
        return [Candidate(item_id, -score) for _, item_id, score in self._bm25_rows(expr, user_id, kinds, limit)]

    def _bm25_rows(
        self, expr: str, user_id: str, kinds: Sequence[str] | None, limit: int | None = None
    ) -> list[tuple[int, str, float]]:
        """(rowid, id, bm25) of the user's matches of ``expr``, best first (all of them without ``limit``)."""
        kind_sql, params = self._kind_filter(kinds)
        rows = self.db.query(
            # CROSS JOIN pins the FTS index as the outer loop (else SQLite may scan the user's rows and
            # evaluate MATCH once per row: 100x slower).
            f"SELECT m.rowid, m.id, bm25(memory_fts, 1.0, {float(self.context_weight)}, 0.0) AS score "
            "FROM memory_fts CROSS JOIN memory_items m ON m.rowid = memory_fts.rowid "
            f"WHERE memory_fts MATCH ? AND m.user_id = ?{kind_sql} ORDER BY score, m.rowid DESC LIMIT ?",
            (expr, user_id, *params, -1 if limit is None else limit),
        )
        return [(int(r[0]), str(r[1]), float(r[2])) for r in rows]

    def _newest_matches(self, expr: str, user_id: str, kinds: Sequence[str] | None, limit: int) -> dict[int, str]:
        """rowid → id of the user's ``limit`` newest matches of ``expr`` (FTS5 walks rowids downwards)."""
        kind_sql, params = self._kind_filter(kinds)
        rows = self.db.query(
            "SELECT m.rowid, m.id FROM memory_fts CROSS JOIN memory_items m ON m.rowid = memory_fts.rowid "
            f"WHERE memory_fts MATCH ? AND m.user_id = ?{kind_sql} ORDER BY memory_fts.rowid DESC LIMIT ?",
            (expr, user_id, *params, limit),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def _fts_rowids(self, expr: str, from_rowid: int | None = None) -> list[int]:
        """Rowids (all users) matching ``expr``, from ``from_rowid`` up when given; no scoring, no join."""
        if from_rowid is None:
            rows = self.db.query("SELECT rowid FROM memory_fts WHERE memory_fts MATCH ?", (expr,))
        else:
            rows = self.db.query(
                "SELECT rowid FROM memory_fts WHERE memory_fts MATCH ? AND rowid >= ?", (expr, from_rowid)
            )
        return [int(r[0]) for r in rows]

    def _probe(self, phrase: str, cap: int) -> tuple[int, int]:
        """(rows matching ``phrase`` counted up to ``cap``, the last rowid counted), all users."""
        row = self.db.query_one(
            "SELECT COUNT(*), MAX(rowid) FROM (SELECT rowid FROM memory_fts WHERE memory_fts MATCH ? LIMIT ?)",
            (phrase, cap),
        )
        return (int(row[0]), int(row[1] or 0)) if row is not None else (0, 0)

    def _owner_phrase(self, user_id: str, span: int) -> str | None:
        """``owner : "<hex>"`` when the user holds under an eighth of the index, None when filtering would not
        pay (one user owning most rows) or is off, "" when the user has no items."""
        row = self.db.query_one("SELECT items FROM memory_users WHERE user_id = ?", (user_id,))
        held = int(row[0]) if row is not None else 0
        if held == 0:
            return ""
        if not self.owner_filter or held * 8 >= span:
            return None
        return f'owner : "{user_id.encode().hex()}"'

    def _rowid_range(self) -> tuple[int, int]:
        """(smallest rowid, rowid span) of all items: the row count FTS5's IDF uses, less deletions."""
        row = self.db.query_one(  # two subqueries: each is one B-tree probe (MIN and MAX together scan)
            "SELECT (SELECT MIN(rowid) FROM memory_items), (SELECT MAX(rowid) FROM memory_items)"
        )
        if row is None or row[0] is None:
            return 0, 0
        return int(row[0]), int(row[1]) - int(row[0]) + 1

    @staticmethod
    def _kind_filter(kinds: Sequence[str] | None, column: str = "m.kind") -> tuple[str, list[str]]:
        if not kinds:
            return "", []
        return f" AND {column} IN ({_placeholders(len(kinds))})", list(kinds)

    def knn(self, user_id: str, vector: Vector, limit: int, kinds: Sequence[str] | None = None) -> list[Candidate]:
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(-1)
        cache = None if kinds else self._user_cache(user_id)
        if cache is not None:
            with self._ann_lock:
                pairs = cache.search(query, limit)
            return self._ids_of_rowids(pairs)
        if self.vec:
            kind_sql, params = self._kind_filter(kinds, "kind")
            rows = self.db.query(
                "SELECT m.id, v.distance FROM (SELECT item_rowid, distance FROM memory_vec WHERE embedding MATCH ? "
                f"AND k = ? AND user_id = ?{kind_sql}) v JOIN memory_items m ON m.rowid = v.item_rowid "
                "ORDER BY v.distance",
                (query.tobytes(), limit, user_id, *params),
            )
            return [Candidate(str(r[0]), 1.0 - float(r[1])) for r in rows]
        kind_sql, params = self._kind_filter(kinds, "kind")
        rows = self.db.query(
            f"SELECT item_rowid, embedding FROM memory_vec_plain WHERE user_id = ?{kind_sql}",
            (user_id, *params),
        )
        if not rows:
            return []
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), self._dim)
        scores = matrix @ query
        top = np.argsort(-scores, kind="stable")[:limit]
        return self._ids_of_rowids([(int(rows[i][0]), float(scores[i])) for i in top])

    def _ids_of_rowids(self, pairs: Sequence[tuple[int, float]]) -> list[Candidate]:
        """(rowid, score) pairs → candidates, in the same order."""
        if not pairs:
            return []
        rowids = [r for r, _ in pairs]
        found = self.db.query(
            f"SELECT rowid, id FROM memory_items WHERE rowid IN ({_placeholders(len(rowids))})", rowids
        )
        by_rowid = {int(r[0]): str(r[1]) for r in found}
        return [Candidate(by_rowid[r], score) for r, score in pairs if r in by_rowid]

    def _user_cache(self, user_id: str) -> UserVectorCache | None:
        """The user's in-memory ANN cache (built on first use) when they have ≥ ``ann_threshold`` vectors."""
        if not self.ann_threshold:
            return None
        with self._ann_lock:
            cache = self._ann.get(user_id)
            if cache is not None and not cache.stale:
                return cache
            count = self.count(user_id)
            if count < self.ann_threshold:
                self._ann.pop(user_id, None)
                return None
            rows = self.db.query(f"SELECT item_rowid, embedding FROM {self._vec_table} WHERE user_id = ?", (user_id,))
            ids = np.fromiter((int(r[0]) for r in rows), dtype=np.int64, count=len(rows))
            matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), self._dim)
            cache = self._ann[user_id] = UserVectorCache(BinaryIndex(matrix, ids))
            return cache

    def get(self, ids: Sequence[str]) -> dict[str, StoredItem]:
        out: dict[str, StoredItem] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = self.db.query(
                f"SELECT {_ITEM_COLUMNS} FROM memory_items WHERE id IN ({_placeholders(len(chunk))})", chunk
            )
            for r in rows:
                out[str(r["id"])] = _row_to_item(r)
        return out

    def items_of(self, user_id: str, since: datetime | None = None, limit: int = 1000) -> list[StoredItem]:
        """The user's items, newest first (for listing, export and tests)."""
        rows = self.db.query(
            f"SELECT {_ITEM_COLUMNS} FROM memory_items WHERE user_id = ? AND created_ts >= ? "
            "ORDER BY created_ts DESC LIMIT ?",
            (user_id, since.timestamp() if since else float("-inf"), limit),
        )
        return [_row_to_item(r) for r in rows]

    def _delete_rows(self, conn: Any, ids: Sequence[str]) -> int:
        removed = 0
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rowids = [
                int(r[0])
                for r in conn.execute(
                    f"SELECT rowid FROM memory_items WHERE id IN ({_placeholders(len(chunk))})", chunk
                )
            ]
            if not rowids:
                continue
            with self._ann_lock:
                for cache in self._ann.values():
                    cache.remove(set(rowids))
            marks = _placeholders(len(rowids))
            conn.execute(f"DELETE FROM {self._vec_table} WHERE item_rowid IN ({marks})", rowids)
            conn.execute(f"DELETE FROM memory_items WHERE rowid IN ({marks})", rowids)
            removed += len(rowids)
        return removed

    def delete(self, ids: Sequence[str]) -> int:
        with self.db.transaction() as conn:
            return self._delete_rows(conn, ids)

    def delete_by_source(self, source_ids: Sequence[str]) -> int:
        """Remove the items made from these turns/facts (e.g. when a turn is deleted)."""
        if not source_ids:
            return 0
        rows = self.db.query(
            f"SELECT id FROM memory_items WHERE source_id IN ({_placeholders(len(source_ids))})",
            list(source_ids),
        )
        return self.delete([str(r[0]) for r in rows])

    def delete_user(self, user_id: str) -> int:
        with self.db.transaction() as conn:
            ids = [str(r[0]) for r in conn.execute("SELECT id FROM memory_items WHERE user_id = ?", (user_id,))]
            removed = self._delete_rows(conn, ids)
            conn.execute(f"DELETE FROM {self._vec_table} WHERE user_id = ?", (user_id,))
            with self._ann_lock:
                self._ann.pop(user_id, None)
            return removed

    def previous_episode(self, user_id: str, session_id: str, before: datetime) -> str | None:
        row = self.db.query_one(
            "SELECT text FROM memory_items WHERE user_id = ? AND session_id = ? AND kind = 'episode' "
            "AND created_ts < ? ORDER BY created_ts DESC LIMIT 1",
            (user_id, session_id, before.timestamp()),
        )
        return str(row[0]) if row is not None else None

    def count(self, user_id: str | None = None) -> int:
        if user_id is None:
            row = self.db.query_one("SELECT COUNT(*) FROM memory_items")
        else:
            row = self.db.query_one("SELECT COUNT(*) FROM memory_items WHERE user_id = ?", (user_id,))
        return int(row[0]) if row is not None else 0


def _row_to_item(r: Any) -> StoredItem:
    created: datetime = from_ts(str(r["created_at"]))
    return StoredItem(
        id=str(r["id"]),
        user_id=str(r["user_id"]),
        text=str(r["text"]),
        kind=str(r["kind"]),
        created_at=created,
        importance=float(r["importance"]),
        context=str(r["context"]),
        session_id=r["session_id"],
        source_id=r["source_id"],
        role=r["role"],
        affect=r["affect"],
    )
