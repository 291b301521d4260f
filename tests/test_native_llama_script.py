"""``scripts/build-native-llama`` never breaks a setup: without a compiler or xllamacpp it says why and stops."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def _check_block() -> str:
    """The Python the script runs to check a new build: the text of its ``<<'CHECK'`` here-document."""
    text = SCRIPT.read_text(encoding="utf-8")
    start = text.index("<<'CHECK'\n") + len("<<'CHECK'\n")
    return text[start : text.index("\nCHECK\n", start)]


@pytest.mark.model
def test_the_build_check_makes_the_installed_llama_cpp_answer() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _check_block()], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "check: the native build answered " in result.stdout
    assert "CPU :" in result.stdout  # which build answered is shown in the setup's log


def test_the_build_flags_leave_amx_kernels_out_even_after_march_native() -> None:
    """ggml compiles its AMX kernels when ``__AMX_INT8__`` is defined; cmake puts -march=native after our flags."""
    compiler = shutil.which("c++")
    if compiler is None:
        pytest.skip("no C++ compiler here")
    found = re.search(r'^no_amx="([^"]+)"$', SCRIPT.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "the script names its no-AMX flags in one no_amx=... line"
    command = [compiler, *found.group(1).split(), "-march=native", "-x", "c++", "-dM", "-E", "-"]
    result = subprocess.run(command, input="", capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        pytest.skip(f"this compiler has no AMX options: {result.stderr.strip()[:200]}")
    assert "__AMX_INT8__" not in result.stdout
    assert "__AMX_TILE__" not in result.stdout
