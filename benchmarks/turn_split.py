"""Where a chat turn's in-process time goes: storage, durability waits, stages, the rest.

Runs ``Companion.turn`` directly (no HTTP, no WebSocket) over the FakeLLM on a real SQLite file, with
``--concurrency`` turns in flight at a time, in one of three durability modes (``to_turn_end_ms``: up to
``TurnEnd``, what a client waits for; ``turn_ms``: the whole generator, including the after-turn work of
``amity.after_turn``):

* ``full``: ``synchronous=FULL``, every ``COMMIT`` ``fsync``s on the event loop (the CLI's setting);
* ``group``: group commit (the server's default, :mod:`amity.store.group_commit`);
* ``relaxed``: ``synchronous=NORMAL`` and no durability waits (``--relaxed-durability``).

Each part is timed by wrapping the app's own objects (this script only): the conversation store's
methods (``storage``), ``durable()`` waits, and every stage hook. ``event loop blocked`` is the share of
wall time the loop thread spent inside synchronous store calls, i.e. time no other session could run.
Example::

    python benchmarks/turn_split.py --mode group --users 40 --rounds 3 --concurrency 8 --embedder hashing
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import json
import os
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from amity.config import load_config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.server.testing import build_test_app

STORE_METHODS = ("ensure_user", "recent_turns", "add_turn", "latest_summary", "set_turn_affect", "get_user")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2) if ordered else 0.0


def loadavg() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "unknown"


class Split:
    """Per-turn accumulators keyed by the running task (turns run concurrently)."""

    def __init__(self) -> None:
        self.current: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, part: str, ms: float) -> None:
        try:
            task = asyncio.current_task()
        except RuntimeError:  # a store call from a stage's worker thread: it does not block the loop
            return
        self.current[id(task)][part] += ms


def wrap_sync(split: Split, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            split.add(part, (time.perf_counter() - t) * 1000)

    return timed


def wrap_async(split: Split, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            split.add(part, (time.perf_counter() - t) * 1000)

    return timed


async def run(args: argparse.Namespace) -> dict[str, Any]:
    config = load_config()
    if args.embedder:
        config = dataclasses.replace(config, embedder=args.embedder)
    home = tempfile.mkdtemp(prefix="amity-split-")
    app = build_test_app(
        Path(home) / "split.db", FakeLLM(default="I'm here with you. Tell me more about that?"), config
    )
    sync_ms: list[float] = []

    def timed_fsync(fd: int) -> None:  # the flusher's fsync, timed: the disk's share of a durability wait
        t = time.perf_counter()
        os.fsync(fd)
        sync_ms.append((time.perf_counter() - t) * 1000)

    if args.mode == "group":
        app.db.enable_group_commit(fsync=timed_fsync)
    elif args.mode == "relaxed":
        app.db.query("PRAGMA synchronous=NORMAL")
    split = Split()
    store = app.companion.store
    for name in STORE_METHODS:
        setattr(store, name, wrap_sync(split, "storage (loop)", getattr(store, name)))
    store.durable = wrap_async(split, "durability wait", store.durable)  # type: ignore[method-assign]
    for stage in app.companion.stages:
        for hook in ("before_reply", "after_reply", "on_open"):
            setattr(stage, hook, wrap_async(split, "stages", getattr(stage, hook)))
    users = [f"user{i}" for i in range(args.users)]
    per_turn: list[dict[str, float]] = []
    first_turns: list[dict[str, float]] = []  # round 0: a new user's first turn opens its session
    limit = asyncio.Semaphore(args.concurrency)

    async def one(user: str, r: int) -> None:
        async with limit:
            t = time.perf_counter()
            acknowledged = 0.0
            async for event in app.companion.turn(user, f"Message {r}: how was my day?"):
                if isinstance(event, TurnEnd):  # what a client waits for (the server sends `end` here)
                    acknowledged = (time.perf_counter() - t) * 1000
            parts = dict(split.current.pop(id(asyncio.current_task()), {}))
            parts["total"] = (time.perf_counter() - t) * 1000  # including the after-turn work
            parts["to TurnEnd"] = acknowledged
            # the first round creates users and sessions: reported apart from steady state
            (per_turn if r > 0 else first_turns).append(parts)

    load_before = loadavg()
    started = time.perf_counter()
    for r in range(args.rounds):
        await asyncio.gather(*(asyncio.create_task(one(u, r)) for u in users))
        if r == 0:
            started = time.perf_counter()
    wall_ms = (time.perf_counter() - started) * 1000
    flusher = getattr(app.db, "_flusher", None)
    result = {
        "command": "python benchmarks/turn_split.py "
        + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items() if v),
        "machine": f"{platform.machine()}, loadavg before {load_before}, after {loadavg()}",
        "mode": args.mode,
        "embedder": args.embedder or "default",
        "turns": len(per_turn),
        "concurrency": args.concurrency,
        "turn_ms": {"p50": pct([p["total"] for p in per_turn], 0.5), "p99": pct([p["total"] for p in per_turn], 0.99)},
        "to_turn_end_ms": {q: pct([p["to TurnEnd"] for p in per_turn], v) for q, v in (("p50", 0.5), ("p99", 0.99))},
        "mean_ms_per_turn": {
            part: round(statistics.fmean(p.get(part, 0.0) for p in per_turn), 2)
            for part in ("total", "to TurnEnd", "storage (loop)", "durability wait", "stages")
        },
        "first_turn": {
            "turns": len(first_turns),
            "to_turn_end_ms": {
                q: pct([p["to TurnEnd"] for p in first_turns], v) for q, v in (("p50", 0.5), ("p99", 0.99))
            },
            "mean_ms_per_turn": {
                part: round(statistics.fmean(p.get(part, 0.0) for p in first_turns), 2)
                for part in ("to TurnEnd", "storage (loop)", "durability wait", "stages")
            },
        },
        "event_loop_blocked_in_storage_pct": round(
            100 * sum(p.get("storage (loop)", 0.0) for p in per_turn) / wall_ms, 1
        ),
        "commits_per_fsync": round(flusher.commits / max(1, flusher.syncs), 1) if flusher else None,
        "fsync_ms": {"p50": pct(sync_ms, 0.5), "p99": pct(sync_ms, 0.99), "max": pct(sync_ms, 1.0)}
        if sync_ms
        else None,
    }
    await app.aclose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("full", "group", "relaxed"), default="group")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--embedder", default="", help="memory embedder, e.g. hashing (default: the configured one)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
