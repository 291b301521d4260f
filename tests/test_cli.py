"""The CLI maps errors once: clear message + fix, category exit code, no traceback, no data lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from amity.config import load_config, set_config_value
from amity.errors import ConfigError


def amity(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "amity.cli.main", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bad_config_file_is_explained(amity_home: Path) -> None:
    amity_home.mkdir(parents=True)
    (amity_home / "config.json").write_text("{not json")
    out = amity("say", "hi", "--json")
    assert out.returncode == 3
    assert "not valid JSON" in out.stderr and "Fix:" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_unreachable_server_exit_code_and_message_keeps_the_message(amity_home: Path) -> None:
    out = amity("say", "remember: the key is under the mat", env={"AMITY_MODEL": "openai:m@http://127.0.0.1:9/v1"})
    assert out.returncode == 5, out.stderr
    assert "Cannot reach the model server" in out.stderr and "Traceback" not in out.stderr
    from amity.app import open_database

    db = open_database(load_config())
    rows = db.query("SELECT text FROM turns")
    assert [r["text"] for r in rows] == ["remember: the key is under the mat"]


def test_missing_model_file(amity_home: Path) -> None:
    out = amity("say", "hi", env={"AMITY_MODEL": "embedded:/nowhere/model.gguf"})
    assert out.returncode == 4 and "No model file" in out.stderr


def test_corrupt_database_is_reported_and_left_alone(amity_home: Path) -> None:
    amity_home.mkdir(parents=True)
    garbage = b"this is not a database" * 100
    (amity_home / "amity.db").write_bytes(garbage)
    out = amity("say", "hi", env={"AMITY_MODEL": "openai:m@http://127.0.0.1:9/v1"})
    assert out.returncode == 6 and "damaged" in out.stderr and "Traceback" not in out.stderr
    assert (amity_home / "amity.db").read_bytes() == garbage


def test_config_set_show_and_validation(amity_home: Path) -> None:
    assert amity("config", "set", "model", "embedded:smollm2-135m").returncode == 0
    assert load_config().model == "embedded:smollm2-135m"
    bad = amity("config", "set", "model", "nonsense")
    assert bad.returncode == 3 and "not a model choice" in bad.stderr
    assert amity("config", "set", "colour", "blue").returncode == 3
    with pytest.raises(ConfigError):
        set_config_value("threads", "many")
    shown = amity("config", "show")
    assert "smollm2-135m" in shown.stdout
    set_config_value("openai_api_key", "sk-secret")
    assert "sk-secret" not in amity("config", "show").stdout
    stored = json.loads((amity_home / "config.json").read_text())
    assert stored["model"] == "embedded:smollm2-135m"


def test_usage_errors_do_not_trace(amity_home: Path) -> None:
    out = amity("say")
    assert out.returncode == 2 and "Traceback" not in out.stderr


@pytest.mark.model
def test_say_json_end_to_end_on_smollm2(smollm2: Path, amity_home: Path) -> None:
    env = {"AMITY_MODEL": "embedded:smollm2-135m"}
    assert amity("config", "set", "max_reply_tokens", "24", env=env).returncode == 0
    first = amity("say", "Hi, my name is Sam.", "--json", "--user", "sam", env=env)
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["reply"] and data["turn"] == 1 and data["user"] == "sam"
    second = json.loads(amity("say", "What's my name?", "--json", "--user", "sam", env=env).stdout)
    assert second["turn"] == 2 and second["session"] == data["session"]
    from amity.app import open_database

    db = open_database(load_config())
    assert db.query_one("SELECT display_name FROM users WHERE id = 'sam'")["display_name"] == "Sam"
