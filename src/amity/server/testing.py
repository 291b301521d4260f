"""Helpers for tests and benchmarks: a complete server over a FakeLLM and a throw-away database."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from amity.app import App, build_app
from amity.config import Config
from amity.llm.base import LLM
from amity.store.db import Database, Migration
from amity.store.schema import all_migrations


def server_migrations() -> list[Migration]:
    """All migrations, plus the server's and the facts area's when not yet in the shared list."""
    from amity.store import schema_server

    migrations = all_migrations()
    extra = list(schema_server.MIGRATIONS)
    try:
        from amity.store import schema_facts

        extra += schema_facts.MIGRATIONS
    except ImportError:
        pass
    names = {name for name, _ in migrations}
    return migrations + [m for m in extra if m[0] not in names]


def build_test_app(db_path: Path, llm: LLM, config: Config | None = None) -> App:
    """An :class:`App` over ``llm`` with every migration applied (the caller closes it)."""
    return build_app(config or Config(), llm=llm, db=Database(db_path, server_migrations()))


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve_in_thread(api: Any, port: int | None = None, timeout_s: float = 15.0) -> Iterator[str]:
    """Run ``api`` with uvicorn on 127.0.0.1 in a background thread; yields the base URL."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(api, host="127.0.0.1", port=port, log_level="warning", ws_ping_interval=None)
    )
    thread = threading.Thread(target=server.run, name="amity-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError(f"the test server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout_s)
