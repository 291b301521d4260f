"""``scripts/build-native-llama`` never breaks a setup: without a compiler or xllamacpp it says why and stops."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build-native-llama"


def _run(tmp_path: Path, python: str, tools: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """Run the script with a PATH that holds only ``tools`` (so cmake or a compiler can be missing)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in tools:
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "PYTHON": python}
    bash = shutil.which("bash") or "/bin/bash"
    return subprocess.run([bash, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_without_cmake_the_portable_wheel_stays(tmp_path: Path) -> None:
    result = _run(tmp_path, sys.executable, ("dirname",))
    assert result.returncode == 0
    assert "no cmake here: keeping the portable wheel" in result.stderr


def test_without_xllamacpp_it_says_to_run_setup_first(tmp_path: Path) -> None:
    python = tmp_path / "python-without-xllamacpp"
    python.write_text("#!/bin/sh\nexit 1\n")
    python.chmod(0o755)
    result = _run(tmp_path, str(python), ("dirname",))
    assert result.returncode == 1
    assert "run scripts/setup first" in result.stderr


def test_the_script_is_executable() -> None:
    assert os.access(SCRIPT, os.X_OK)
