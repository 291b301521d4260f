"""SIGKILL at random points during turns, exports and imports: nothing acknowledged is lost, the store
stays intact, exports are whole or absent, imports land whole or not at all."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from amity.app import open_database
from amity.config import Config, load_config
from amity.privacy.export import read_export


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "amity.cli.main", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after(proc: subprocess.Popen[str], delay: float) -> tuple[bool, str]:
    """Kill the process after ``delay`` s unless it finished; returns (finished normally, stdout)."""
    try:
        out, _ = proc.communicate(timeout=delay)
        return proc.returncode == 0, out
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        return False, out


def test_kill_loop_turns_exports_imports(amity_home: Path, tmp_path: Path) -> None:
    rng = random.Random(20261126)
    env = {**os.environ, "AMITY_HOME": str(amity_home), "AMITY_MODEL": "fake:slow"}
    started = time.perf_counter()
    ok, _ = _kill_after(_start(["say", "first message, timed", "--json", "--user", "maya"], env), 120)
    assert ok
    full = time.perf_counter() - started  # kill points are spread over one whole turn (machine-speed aware)
    acknowledged: list[str] = ["first message, timed"]
    for i in range(24):
        text = f"message number {i} with a detail worth keeping"
        ok, out = _kill_after(_start(["say", text, "--json", "--user", "maya"], env), rng.uniform(0.3, 1.3) * full)
        if ok:
            assert json.loads(out)["reply"]
            acknowledged.append(text)
    assert len(acknowledged) < 25, "no turn was interrupted"

    config = load_config()
    db = open_database(config)
    assert db.integrity_check() == "ok"
    stored = {r["text"] for r in db.query("SELECT text FROM turns WHERE role = 'user'")}
    assert set(acknowledged) <= stored
    rows_before = len(db.query("SELECT * FROM turns"))
    db.close()

    exports = []
    for i in range(6):
        target = tmp_path / f"export-{i}.zip"
        ok, _ = _kill_after(_start(["export", str(target)], env), rng.uniform(0.3, 1.2) * full)
        if target.exists():
            read_export(target)  # whole, checksums verified
            exports.append(target)
        assert not any(p.name.endswith(".partial") and ok for p in tmp_path.iterdir())
    if not exports:
        proc = _start(["export", str(tmp_path / "final.zip")], env)
        assert _kill_after(proc, 60)[0]
        exports.append(tmp_path / "final.zip")

    fresh_home = tmp_path / "fresh"
    fresh_env = {**env, "AMITY_HOME": str(fresh_home)}
    for _ in range(6):
        _kill_after(_start(["import", str(exports[0])], fresh_env), rng.uniform(0.3, 1.2) * full)
        fresh = open_database(load_config_for(fresh_home))
        assert fresh.integrity_check() == "ok"
        n = len(fresh.query("SELECT * FROM turns"))
        fresh.close()
        assert n in (0, rows_before), n  # all or nothing
        if n:
            break


def load_config_for(home: Path) -> Config:
    previous = os.environ.get("AMITY_HOME")
    os.environ["AMITY_HOME"] = str(home)
    try:
        return load_config()
    finally:
        if previous is not None:
            os.environ["AMITY_HOME"] = previous
