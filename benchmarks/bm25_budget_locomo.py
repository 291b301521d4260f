"""LoCoMo recall@10 with the bounded BM25 forced on: how much does pruning common terms cost on real text?

    nice -n 10 python benchmarks/bm25_budget_locomo.py --budgets 0 500 200 100 50 \\
        --out benchmarks/results/locomo_dev_bm25_budget.json

LoCoMo dev conversations have 369–680 turns and the speakers' names are in about half of them, so
at the default budget (500 rows) 735 of the 1,157 questions already take the pruned plan
(``amity.store.fts_pruning``); smaller budgets prune more of each query. Budget 0 means the exact,
unpruned query. BM25 recall does not depend on the embedder, so the fast ``hashing`` embedder is the
default here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from amity.memory.evaluation import evaluate_memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/locomo/locomo_dev.json"))
    parser.add_argument("--budgets", type=int, nargs="+", default=[0, 500, 200, 100, 50])
    parser.add_argument("--embedder", default="hashing")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    rows: dict[str, Any] = {}
    for budget in args.budgets:
        report = evaluate_memory(args.data, k=args.k, embedder=args.embedder, bm25_budget=budget or None)
        rows[str(budget or "exact")] = {
            "hybrid_recall_at_k": report["recall_at_k"],
            "bm25_recall_at_k": report["baselines"]["bm25"]["recall_at_k"],
            "bm25_search_ms_p50": report["timing"]["search_ms_p50"]["bm25"],
            "bm25_search_ms_p95": report["timing"]["search_ms_p95"]["bm25"],
        }
        print(budget, json.dumps(rows[str(budget or "exact")]), flush=True)
    if args.out:
        args.out.write_text(
            json.dumps({"data": str(args.data), "embedder": args.embedder, "k": args.k, **rows}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
