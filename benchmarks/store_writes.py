"""Store write throughput with several processes: SQLite (one file) against PostgreSQL (one server).

Each of ``--procs`` processes (standing in for app workers) opens its own connection and writes
``--turns`` turns for its own user: the user's message, the reply, the safety usage counter and a mood
point — the store writes of one chat turn, without the model or the stages' CPU work. Reported: turns/s
over all processes, per-turn latency p50/p99, the machine and its load. PostgreSQL's write transactions
share one advisory lock (single writer, like SQLite's ``BEGIN IMMEDIATE``), so this measures what that
costs. Examples::

    python benchmarks/store_writes.py --procs 4 --turns 200                      # SQLite, synchronous=FULL
    python benchmarks/store_writes.py --procs 4 --turns 200 --embedded-postgres  # local PostgreSQL, fsync=on
    python benchmarks/store_writes.py --procs 4 --turns 200 --database-url postgresql://…
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _open(target: str) -> Any:
    if target.startswith(("postgresql:", "postgres:", "host=")):
        from amity.store.pg_database import open_postgres

        return open_postgres(target)
    from amity.server.testing import server_migrations
    from amity.store.db import Database

    return Database(target, server_migrations())


def _worker(target: str, user: str, turns: int, start: Any, out: Any) -> None:
    from amity.affect.mood import MoodState
    from amity.store.affect_store import AffectStore, MoodPoint
    from amity.store.conversations import ConversationStore
    from amity.store.db import utcnow
    from amity.store.safety_store import SafetyStore

    db = _open(target)
    store, safety, affect = ConversationStore(db), SafetyStore(db), AffectStore(db)
    session = store.new_session(store.ensure_user(user).id)
    start.wait()
    latencies = []
    for i in range(turns):
        t0 = time.perf_counter()
        now = utcnow()
        store.add_turn(session, "user", f"message {i}")
        safety.record_turn(user, now)
        affect.add_mood_point(user, MoodPoint(now, "calm", 0.1, 0.1, 0.5, MoodState(0.1, 0.1, 0.5, now)))
        store.add_turn(session, "assistant", f"reply {i}")
        latencies.append((time.perf_counter() - t0) * 1000)
    db.close()
    out.put(latencies)


def run(target: str, procs: int, turns: int) -> dict[str, Any]:
    _open(target).close()  # migrate once, before the workers start
    ctx = mp.get_context("spawn")
    start, out = ctx.Barrier(procs + 1), ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(target, f"u{i}", turns, start, out)) for i in range(procs)]
    for w in workers:
        w.start()
    start.wait()
    t0 = time.perf_counter()
    latencies = sorted(x for _ in workers for x in out.get())
    elapsed = time.perf_counter() - t0
    for w in workers:
        w.join()

    def pct(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2)

    return {
        "command": " ".join(sys.argv),
        "database": "postgresql" if not target.endswith(".db") else "sqlite (synchronous=FULL, WAL)",
        "procs": procs,
        "turns": len(latencies),
        "turns_per_s": round(len(latencies) / elapsed, 1),
        "turn_ms": {"p50": pct(0.5), "p99": pct(0.99), "max": round(latencies[-1], 2)},
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "loadavg": Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procs", type=int, default=4)
    parser.add_argument("--turns", type=int, default=200, help="turns per process")
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: a fresh SQLite file)")
    parser.add_argument("--embedded-postgres", action="store_true", help="start a local PostgreSQL (fsync=on)")
    args = parser.parse_args()
    if args.embedded_postgres:
        sys.path.insert(0, str(ROOT))
        from tests.pg_server import run_server

        server = run_server(fsync=True)
        try:
            result = run(next(server), args.procs, args.turns)
        finally:
            server.close()
    elif args.database_url:
        result = run(args.database_url, args.procs, args.turns)
    else:
        with tempfile.TemporaryDirectory(prefix="amity-writes-") as tmp:
            result = run(str(Path(tmp) / "amity.db"), args.procs, args.turns)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
