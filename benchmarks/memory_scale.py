"""Memory index at scale: one user with 10k / 100k / 1M memories.

    python benchmarks/memory_scale.py --sizes 100000 1000000 --cache-dir /tmp/amity-scale --build-only
    flock /tmp/amity-bench.lock nice -n 10 python benchmarks/memory_scale.py --sizes 1000000 --queries 200 \
        --exact-queries 20 --cache-dir /tmp/amity-scale --other-users 20000 --bm25-budgets 250 500 1000 2000 \
        --out benchmarks/results/memory_scale.json

For each size it fills a SQLite file through ``SQLiteMemoryStore`` (memory_items + FTS5 + sqlite-vec
``vec0``, the production path), or reuses the one ``--cache-dir`` kept from an earlier run with the same
parameters (the 1M build takes minutes), and reports, in the same run:

* insert rate (items/s, batches of 5,000 per transaction; vectors precomputed, embedding excluded) and
  the load average while inserting (stored in the database, so a reused build reports its own);
* p50/p95 latency (wall and process CPU) of the exact vec0 KNN scan, of the store's production KNN
  (the per-user binary+rescore cache from 20k vectors, else vec0), of the bounded FTS5 BM25 and the
  unpruned one, and of the full hybrid search (BM25 + KNN, 50 candidates each, + fetch + the learned
  re-ranker; the query vector is precomputed, the embedder is measured in embedders_compare), beside the
  hybrid before the re-ranker (RRF + session boost over the same candidates);
* each fast path against its exact counterpart: KNN recall@10 against numpy brute force; bounded BM25
  against the unpruned query (id overlap, and tie-aware recall: a row whose exact score ties the exact
  k-th counts as right); hybrid overlap@10 with the same re-ranker over the unpruned BM25 list and the
  exact vector top 50;
* ``--bm25-budgets``: the bounded BM25's cost/agreement curve; the binary index at rescore 100..3000
  and (n ≤ --ivf-max) the IVF at nprobe 8..128 (``--skip-curves`` skips these two);
* disk bytes per memory (database file incl. WAL, after checkpoint);
* ``--other-users N`` adds a second user's rows to the same tables; the run stops if one is returned.

Vectors are synthetic and *clustered* (384-d, unit length: ``n/100`` random topic centres, points =
centre + Gaussian noise), queries are fresh points from the same distribution. Texts are 12 words
drawn from a Zipf vocabulary of 20k words, so BM25 has realistic posting lists; queries are 4 words
from ranks > 100 (the top 100 play the stop words that real queries drop). Real embeddings
cluster more (LoCoMo: see docs/MEMORY.md), so IVF recall on real data is, if anything, higher.
"""

from __future__ import annotations

import os

# One BLAS thread: per-query latency is what a turn sees, and threaded BLAS spins badly on shared cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from amity.memory.ann import BinaryIndex, IVFIndex
from amity.memory.embedders import Matrix, l2_normalise
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.index import Candidate, SearchOptions, StoredItem
from amity.memory.rerank import rerank
from amity.memory.retrieval import fts_expression, fuse
from amity.store.db import Database
from amity.store.schema_memory import MIGRATIONS
from amity.store.sqlite_memory import SQLiteMemoryStore

DIM = 384
K = 10
CANDIDATES = 50  # BM25 and KNN candidates per hybrid search (SearchOptions.candidates)
USER = "bench-user"
OTHER_USER = "other-user"


def clustered(n: int, centres: Matrix, rng: np.random.Generator, noise: float = 0.06) -> Matrix:
    """``n`` unit vectors around random centres (noise per coordinate; ~0.5 cosine to the centre)."""
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        pick = centres[rng.integers(0, len(centres), size=m)]
        out[start : start + m] = l2_normalise(pick + rng.normal(0, noise, size=(m, DIM)).astype(np.float32))
    return out


class _Precomputed:
    """An 'embedder' that returns the benchmark's query vectors (embedding cost is not measured here)."""

    name = "synthetic"
    dim = DIM

    def __init__(self) -> None:
        self.next: Matrix = np.zeros((1, DIM), np.float32)

    def embed(self, texts: Any) -> Matrix:
        return np.repeat(self.next, len(texts), axis=0)

    def embed_query(self, texts: Any) -> Matrix:
        return self.embed(texts)


def exact_top(vectors: Matrix, queries: Matrix, k: int) -> np.ndarray[Any, Any]:
    scores = np.zeros((len(queries), 0), np.float32)
    best_ids = np.zeros((len(queries), 0), np.int64)
    for start in range(0, len(vectors), 200_000):
        s = queries @ vectors[start : start + 200_000].T
        scores = np.concatenate([scores, s], axis=1)
        best_ids = np.concatenate([best_ids, np.arange(start, start + s.shape[1])[None].repeat(len(queries), 0)], 1)
        keep = np.argsort(-scores, axis=1)[:, :k]
        scores = np.take_along_axis(scores, keep, 1)
        best_ids = np.take_along_axis(best_ids, keep, 1)
    return best_ids


def exact_bm25_scores(db: Database, query: str, context_weight: float) -> dict[str, float]:
    """FTS5 bm25 of every one of USER's rows matching the query (the truth for the bounded search)."""
    expr = fts_expression(query)
    if expr is None:
        return {}
    rows = db.query(
        f"SELECT m.id, bm25(memory_fts, 1.0, {context_weight}) FROM memory_fts CROSS JOIN memory_items m "
        "ON m.rowid = memory_fts.rowid WHERE memory_fts MATCH ? AND m.user_id = ?",
        (expr, USER),
    )
    return {str(r[0]): float(r[1]) for r in rows}


def tie_aware_recall(found: list[str], scores: dict[str, float], k: int) -> float:
    """Share of the exact top-k *scores* the first k found reach: a row tied with the exact k-th row
    counts as right (12-word synthetic texts tie a lot, so plain id overlap understates agreement)."""
    if not scores:
        return 1.0
    want = min(k, len(scores))
    kth = sorted(scores.values())[want - 1]  # bm25() is negative: lower is better
    return sum(1 for i in found[:k] if scores.get(i, 0.0) <= kth + 1e-9) / want


def pct(values: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    """Wall-clock p50/p95 (and process CPU-time p50/p95: the 2 shared cores are contended)."""
    out = {
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
    }
    if cpu:
        out["cpu_p50_ms"] = round(float(np.percentile(cpu, 50)), 2)
        out["cpu_p95_ms"] = round(float(np.percentile(cpu, 95)), 2)
    return out


class Timer:
    """Collects wall and CPU milliseconds of repeated sections."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Timer:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall.append((time.perf_counter() - self._w) * 1000)
        self.cpu.append((time.process_time() - self._c) * 1000)

    def summary(self) -> dict[str, float]:
        return pct(self.wall, self.cpu)


BUILD_VERSION = "2"  # bump when the generated data changes (invalidates cached databases)


def synthetic_data(n: int, n_queries: int, seed: int, noise: float) -> tuple[Matrix, Matrix]:
    """The memories' and the queries' vectors (deterministic in ``seed``; texts use their own streams)."""
    rng = np.random.default_rng(seed)
    centres = l2_normalise(rng.normal(size=(max(10, n // 100), DIM)).astype(np.float32))
    return clustered(n, centres, rng, noise), clustered(n_queries, centres, rng, noise)


def zipf_vocabulary() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    vocab_p = 1.0 / np.arange(1, 20_001) ** 1.07
    return np.array([f"w{i}" for i in range(20_000)]), vocab_p / vocab_p.sum()


def build_database(
    path: Path, n: int, vectors: Matrix, seed: int, noise: float, other_users: int
) -> tuple[Database, dict[str, Any]]:
    """Fill ``path`` with ``n`` memories of USER (plus ``other_users`` rows of another user), or reuse it.

    A database left by an earlier run with the same parameters is reused (its insert figures come from the
    ``bench_build`` meta row written when it was built): the 1M build takes minutes.
    """
    params = {"n": n, "seed": seed, "noise": noise, "other_users": other_users, "version": BUILD_VERSION}
    if path.exists():
        db = Database(path, MIGRATIONS)
        row = db.query_one("SELECT value FROM memory_meta WHERE key = 'bench_build'")
        if row is not None:
            built = json.loads(row[0])
            if built.get("params") == params:
                return db, {**built["figures"], "reused": True}
        db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database(path, MIGRATIONS)
    db.conn.execute("PRAGMA synchronous=NORMAL")  # bulk load; the app itself keeps FULL
    store = SQLiteMemoryStore(db, DIM, "synthetic", ann_threshold=None)
    if not store.vec:
        raise SystemExit("sqlite-vec cannot be loaded: pip install 'amity[memory]'")
    words, vocab_p = zipf_vocabulary()
    text_rng = np.random.default_rng(seed + 1)
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    started, cpu_started = time.perf_counter(), time.process_time()
    load_before = os.getloadavg()[0]
    for start in range(0, n, 5000):
        m = min(5000, n - start)
        text_ids = text_rng.choice(len(words), size=(m, 12), p=vocab_p)
        items = [
            StoredItem(
                id=f"m{start + i}",
                user_id=USER,
                text=" ".join(words[text_ids[i]]),
                kind="episode",
                created_at=t0 + timedelta(seconds=start + i),
                importance=0.3,
            )
            for i in range(m)
        ]
        store.add_many(items, vectors[start : start + m])
    insert_s, insert_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    figures: dict[str, Any] = {
        "insert_per_second": round(n / insert_s, 1),
        "insert_seconds": round(insert_s, 1),
        "insert_per_cpu_second": round(n / insert_cpu, 1),
        "insert_loadavg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if other_users:
        # Another user whose rows share the vocabulary: their rows must never come back for USER.
        other_rng = np.random.default_rng(seed + 3)
        other = l2_normalise(other_rng.normal(size=(other_users, DIM)).astype(np.float32))
        for start in range(0, other_users, 5000):
            m = min(5000, other_users - start)
            text_ids = text_rng.choice(len(words), size=(m, 12), p=vocab_p)
            items = [
                StoredItem(
                    id=f"o{start + i}",
                    user_id=OTHER_USER,
                    text=" ".join(words[text_ids[i]]),
                    kind="episode",
                    created_at=t0 + timedelta(seconds=start + i),
                    importance=0.3,
                )
                for i in range(m)
            ]
            store.add_many(items, other[start : start + m])
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    disk = sum(os.path.getsize(str(path) + s) for s in ("", "-wal") if os.path.exists(str(path) + s))
    figures["disk_bytes_per_memory"] = round(disk / (n + other_users), 1)
    db.execute(
        "INSERT INTO memory_meta(key, value) VALUES ('bench_build', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (json.dumps({"params": params, "figures": figures}),),
    )
    return db, {**figures, "reused": False}


def run_size(
    n: int,
    n_queries: int,
    exact_queries: int,
    workdir: Path,
    seed: int,
    noise: float = 0.06,
    ivf_max: int = 100_000,
    *,
    keep: bool = False,
    other_users: int = 0,
    bm25_budgets: tuple[int, ...] = (),
    curves: bool = True,
) -> dict[str, Any]:
    vectors, queries = synthetic_data(n, n_queries, seed, noise)
    path = workdir / f"scale_{n}_s{seed}.db"
    db, build = build_database(path, n, vectors, seed, noise, other_users)
    # The exact counterparts: vec0 brute-force KNN and the unpruned FTS5 BM25 query.
    store = SQLiteMemoryStore(db, DIM, "synthetic", ann_threshold=None, bm25_budget=None)
    words, vocab_p = zipf_vocabulary()
    rng = np.random.default_rng(seed + 2)
    truth_top = exact_top(vectors, queries, SearchOptions().candidates)
    truth = truth_top[:, :K]
    fast = SQLiteMemoryStore(db, DIM, "synthetic")  # production defaults: ANN cache from 20k, bounded BM25
    started = time.perf_counter()
    fast.knn(USER, queries[0], K)  # builds the user's ANN cache when n >= threshold
    cache_build_s = time.perf_counter() - started
    emb = _Precomputed()
    index = HybridMemoryIndex(fast, emb)  # type: ignore[arg-type]
    timers = {name: Timer() for name in ("vec0", "knn", "bm25", "bm25_exact", "hybrid", "hybrid_rrf")}
    recall: dict[str, list[float]] = {"vec0": [], "knn": [], "bm25_10": [], "bm25_50": [], "hybrid": []}
    rrf_opts = SearchOptions(rerank=False, candidates=CANDIDATES)  # the hybrid before the re-ranker
    overlap: dict[str, list[float]] = {"bm25_10": [], "bm25_50": []}
    content = np.arange(100, len(words))  # queries use content words: the 100 most frequent act as stop words
    content_p = vocab_p[100:] / vocab_p[100:].sum()
    opts = SearchOptions()
    texts = [" ".join(words[rng.choice(content, size=4, p=content_p)]) for _ in range(len(queries))]
    truth_scores = [exact_bm25_scores(db, t, fast.context_weight) for t in texts]
    for qi, q in enumerate(queries):
        qtext = texts[qi]
        if qi < exact_queries:
            with timers["vec0"]:
                ids = [c.id for c in store.knn(USER, q, K)]
            recall["vec0"].append(len({int(i[1:]) for i in ids} & set(truth[qi].tolist())) / K)
        with timers["knn"]:
            ids = [c.id for c in fast.knn(USER, q, K)]
        recall["knn"].append(len({int(i[1:]) for i in ids} & set(truth[qi].tolist())) / K)
        with timers["bm25"]:
            bm25_ids = [c.id for c in fast.bm25(USER, qtext, CANDIDATES)]
        with timers["bm25_exact"]:
            exact_bm25 = store.bm25(USER, qtext, opts.candidates)
        exact_ids = [c.id for c in exact_bm25[:CANDIDATES]]
        scores = truth_scores[qi]
        for k in (K, CANDIDATES):
            recall[f"bm25_{k}"].append(tie_aware_recall(bm25_ids, scores, k))
            overlap[f"bm25_{k}"].append(len(set(bm25_ids[:k]) & set(exact_ids[:k])) / max(1, len(exact_ids[:k])))
        emb.next = q[None]
        with timers["hybrid"]:
            hits = index.search(USER, qtext, k=K, options=opts)
        with timers["hybrid_rrf"]:
            index.search(USER, qtext, k=K, options=rrf_opts)
        # Exact hybrid: the same re-ranker over the unpruned BM25 list and the exact vector top candidates.
        vector_exact = [Candidate(f"m{i}", float(vectors[i] @ q)) for i in truth_top[qi]]
        items = fast.get(list(dict.fromkeys(c.id for c in (*exact_bm25, *vector_exact))))
        now = opts.now or datetime.now(UTC)
        if index.reranker is not None:
            fused = rerank(qtext, exact_bm25, vector_exact, items, opts, index.reranker, now)[:K]
        else:
            fused = fuse([c.id for c in exact_bm25], [c.id for c in vector_exact], items, opts, now)[:K]
        recall["hybrid"].append(len({h.id for h in hits} & {f.item.id for f in fused}) / max(1, len(fused)))
        if any(not i.startswith("m") for i in [*ids, *bm25_ids, *(h.id for h in hits)]):
            raise SystemExit("another user's memory was returned: per-user partitioning is broken")

    budget_rows = {}
    for budget in bm25_budgets:  # the bounded BM25's curve: cost against agreement with the exact query
        probe = SQLiteMemoryStore(db, DIM, "synthetic", ann_threshold=None, bm25_budget=budget)
        timer, at10, at50 = Timer(), [], []
        for qtext, scores in zip(texts, truth_scores, strict=True):
            with timer:
                found = [c.id for c in probe.bm25(USER, qtext, CANDIDATES)]
            at10.append(tie_aware_recall(found, scores, K))
            at50.append(tie_aware_recall(found, scores, CANDIDATES))
        budget_rows[str(budget)] = {
            **timer.summary(),
            "tie_aware_recall_at_10": round(float(np.mean(at10)), 4),
            "tie_aware_recall_at_50": round(float(np.mean(at50)), 4),
        }
    cache = fast._ann.get(USER)
    binary = BinaryIndex(vectors)
    binary_rows = {}
    for rescore in (100, 300, 1000, 3000) if curves else ():
        timer, recalls = Timer(), []
        for qi, q in enumerate(queries):
            with timer:
                ids_, _ = binary.search(q, K, rescore=rescore)
            recalls.append(len(set(ids_.tolist()) & set(truth[qi].tolist())) / K)
        binary_rows[str(rescore)] = {**timer.summary(), "recall_at_10": round(float(np.mean(recalls)), 4)}
    ivf_report: dict[str, Any] = {"skipped": f"n > --ivf-max {ivf_max}"}
    if n <= ivf_max and curves:
        started = time.perf_counter()
        ivf = IVFIndex.build(vectors, seed=seed)
        ivf_report = {"nlist": len(ivf.centroids), "default_nprobe": ivf.nprobe}
        ivf_report["build_seconds"] = round(time.perf_counter() - started, 1)
        for nprobe in (8, 16, 32, 64, 128):
            timer, recalls = Timer(), []
            for qi, q in enumerate(queries):
                with timer:
                    ids_, _ = ivf.search(q, K, nprobe=nprobe)
                recalls.append(len(set(ids_.tolist()) & set(truth[qi].tolist())) / K)
            ivf_report[f"nprobe_{nprobe}"] = {**timer.summary(), "recall_at_10": round(float(np.mean(recalls)), 4)}
    brute = Timer()
    for q in queries[: min(20, n_queries)]:
        with brute:
            np.argpartition(-(vectors @ q), K)[:K]
    db.close()
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return {
        "n": n,
        "queries": n_queries,
        "build": build,
        "vec0_knn": {**timers["vec0"].summary(), "recall_at_10": round(float(np.mean(recall["vec0"])), 4)},
        "store_knn": {
            "path": "binary+rescore" if cache is not None else "vec0",
            "cache_build_seconds": round(cache_build_s, 1),
            **timers["knn"].summary(),
            "recall_at_10": round(float(np.mean(recall["knn"])), 4),
        },
        "fts5_bm25": {
            "budget": fast.bm25_budget,
            **timers["bm25"].summary(),
            "tie_aware_recall_at_10": round(float(np.mean(recall["bm25_10"])), 4),
            "tie_aware_recall_at_50": round(float(np.mean(recall["bm25_50"])), 4),
            "overlap_at_10": round(float(np.mean(overlap["bm25_10"])), 4),
            "overlap_at_50": round(float(np.mean(overlap["bm25_50"])), 4),
        },
        "fts5_bm25_exact": timers["bm25_exact"].summary(),
        "bm25_by_budget": budget_rows,
        "hybrid_search": {
            **timers["hybrid"].summary(),
            "overlap_at_10_vs_exact_hybrid": round(float(np.mean(recall["hybrid"])), 4),
            "candidates": opts.candidates,
            "reranker": index.reranker is not None,
        },
        "hybrid_search_rrf": {**timers["hybrid_rrf"].summary(), "candidates": CANDIDATES},
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "numpy_bruteforce": brute.summary(),
        "binary_by_rescore": binary_rows,
        "ivf": ivf_report,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--exact-queries", type=int, default=200, help="how many also run the exact vec0 scan")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ivf-max", type=int, default=100_000, help="largest n for the IVF comparison (k-means)")
    parser.add_argument("--noise", type=float, default=0.06, help="per-coordinate noise around the centres")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--cache-dir", type=Path, default=None, help="keep the built databases here and reuse them (same parameters)"
    )
    parser.add_argument("--bm25-budgets", type=int, nargs="*", default=[], help="also time BM25 at these budgets")
    parser.add_argument("--skip-curves", action="store_true", help="skip the binary-rescore and IVF curves")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the cached databases and stop")
    parser.add_argument("--other-users", type=int, default=0, help="rows of a second user in the same tables")
    args = parser.parse_args()
    if args.build_only:
        if args.cache_dir is None:
            parser.error("--build-only needs --cache-dir")
        for n in args.sizes:
            vectors, _ = synthetic_data(n, 1, args.seed, args.noise)
            args.cache_dir.mkdir(parents=True, exist_ok=True)
            db, build = build_database(
                args.cache_dir / f"scale_{n}_s{args.seed}.db", n, vectors, args.seed, args.noise, args.other_users
            )
            db.close()
            print(json.dumps({"n": n, "build": build}), flush=True)
        return 0
    results = []
    for n in args.sizes:
        load_before = os.getloadavg()
        row = {
            "noise": args.noise,
            **run_size(
                n,
                args.queries,
                args.exact_queries,
                args.cache_dir or args.workdir,
                args.seed,
                args.noise,
                args.ivf_max,
                keep=args.cache_dir is not None,
                other_users=args.other_users,
                bm25_budgets=tuple(args.bm25_budgets),
                curves=not args.skip_curves,
            ),
            "loadavg_before": [round(x, 2) for x in load_before],
        }
        print(json.dumps(row), flush=True)
        results.append(row)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        previous = json.loads(args.out.read_text()) if args.out.exists() else []
        done = {(x["n"], x["noise"]) for x in results}
        keep = [r for r in previous if (r["n"], r.get("noise", 0.06)) not in done]
        args.out.write_text(json.dumps(sorted(keep + results, key=lambda r: (r.get("noise", 0.06), r["n"])), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
