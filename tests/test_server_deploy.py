"""The multi-process deployment of docs/DEPLOY.md on one machine: an OpenAI-compatible LLM server
(deploy/llm_server.py, SmolLM2) and two independent app processes sharing one database — SQLite in one
AMITY_HOME, or PostgreSQL with a separate AMITY_HOME per process (nothing shared but the database URL,
as on two machines). A token from one app process works on the other: the app servers keep no session
state of their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from amity.server.testing import free_port

REPO = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.heavy, pytest.mark.model]


def _wait(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


@pytest.fixture(params=["sqlite", "postgres"])
def deployment(request: pytest.FixtureRequest, tmp_path: Path, smollm2: Path) -> Iterator[tuple[str, str]]:
    llm_port, port_a, port_b = free_port(), free_port(), free_port()
    env = dict(
        os.environ,
        AMITY_HOME=str(tmp_path / "home"),
        AMITY_MODEL=f"openai:local@http://127.0.0.1:{llm_port}/v1",
        AMITY_SERVE_HASH_PROFILE="test",
    )
    if request.param == "postgres":
        from tests.pg_server import fresh_database

        env["AMITY_DATABASE_URL"] = fresh_database(request.getfixturevalue("pg_dsn"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        llm = [sys.executable, str(REPO / "deploy" / "llm_server.py"), "--model", str(smollm2)]
        procs.append(subprocess.Popen([*llm, "--port", str(llm_port), "--parallel", "2", "--threads", "1"], env=env))
        _wait(f"http://127.0.0.1:{llm_port}/health", procs[-1])
        subprocess.run(
            [sys.executable, "-c", "from amity.cli.serve import _prepare_database as p; p()"], env=env, check=True
        )
        for port in (port_a, port_b):
            app = ["-m", "uvicorn", "amity.server.app:app_factory", "--factory", "--host", "127.0.0.1"]
            own = env if request.param == "sqlite" else {**env, "AMITY_HOME": str(tmp_path / f"home-{port}")}
            procs.append(
                subprocess.Popen([sys.executable, *app, "--port", str(port), "--log-level", "warning"], env=own)
            )
            _wait(f"http://127.0.0.1:{port}/healthz", procs[-1])
        yield f"http://127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(30)


def test_two_app_processes_share_accounts_and_conversations(deployment: tuple[str, str]) -> None:
    from websockets.sync.client import connect

    base_a, host_b = deployment
    token = httpx.post(
        f"{base_a}/api/v1/auth/register", json={"username": "deploy", "password": "deploy password"}
    ).json()["token"]
    with connect(f"ws://{host_b}/api/v1/ws", open_timeout=30) as ws:
        ws.send(json.dumps({"type": "auth", "token": token}))
        assert json.loads(ws.recv(30))["type"] == "ready"
        ws.send(json.dumps({"type": "say", "id": "1", "text": "Hello! What is your name?"}))
        deltas, end = [], None
        while end is None:
            frame = json.loads(ws.recv(120))
            assert frame["type"] != "error", frame
            if frame["type"] == "delta":
                deltas.append(frame["text"])
            elif frame["type"] == "end":
                end = frame
    assert end["reply"].strip() and deltas
    history = httpx.get(f"{base_a}/api/v1/history", headers={"Authorization": f"Bearer {token}"}).json()
    assert [t["role"] for t in history] == ["user", "assistant"]
    assert history[1]["text"] == end["reply"]
