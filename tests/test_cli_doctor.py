"""``amity doctor``: every check prints a verdict and a fix; a model that crashes is reported, not inherited."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from amity.cli.doctor import probe_in_child
from amity.errors import BackendUnavailable, ModelError


def _doctor(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "amity.cli.main", "doctor"],
        env={**os.environ, **env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_a_child_killed_by_illegal_instruction_becomes_a_model_error_with_the_fix() -> None:
    crash = [sys.executable, "-c", f"import os; os.kill(os.getpid(), {int(signal.SIGILL)})"]
    with pytest.raises(ModelError) as caught:
        probe_in_child(crash)
    assert "crashed (SIGILL" in caught.value.message
    assert "instructions this CPU lacks" in caught.value.fix and "pip install --force-reinstall" in caught.value.fix


def test_a_child_that_hangs_is_stopped_and_reported() -> None:
    with pytest.raises(ModelError, match="did not answer within 1 s"):
        probe_in_child([sys.executable, "-c", "import time; time.sleep(30)"], timeout_s=1)


def test_the_childs_error_and_fix_reach_the_parent() -> None:
    child = [sys.executable, "-c", 'print(\'{"error": "no model", "fix": "amity models pull"}\')']
    with pytest.raises(BackendUnavailable) as caught:
        probe_in_child(child)
    assert (caught.value.message, caught.value.fix) == ("no model", "amity models pull")
    assert probe_in_child([sys.executable, "-c", 'print(\'{"reply": "Hello"}\')']) == "Hello"


def test_a_child_that_dies_with_a_traceback_names_its_last_line() -> None:
    with pytest.raises(BackendUnavailable, match="RuntimeError: boom"):
        probe_in_child([sys.executable, "-c", "raise RuntimeError('boom')"])


def test_doctor_reports_an_unreachable_server_with_its_fix(amity_home: Path) -> None:
    out = _doctor({"AMITY_MODEL": "openai:some-model@http://127.0.0.1:9/v1"})
    assert out.returncode == 1, out.stdout + out.stderr
    assert "✗ backend openai:some-model@http://127.0.0.1:9/v1" in out.stdout
    assert "Fix:" in out.stdout and "problem(s)" in out.stdout
    assert "✓ database" in out.stdout and "✓ configuration" in out.stdout


@pytest.mark.model
def test_doctor_probes_the_embedded_model_in_a_child_and_passes(amity_home: Path, smollm2: Path) -> None:
    out = _doctor({"AMITY_MODEL": f"embedded:{smollm2}"})
    assert "✓ backend embedded:" in out.stdout and "answered" in out.stdout, out.stdout + out.stderr
