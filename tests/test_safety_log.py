"""The safety store, the user's safety log and the `amity safety` commands."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from amity.cli.safety import safety_app
from amity.config import load_config
from amity.safety import log as safety_log
from amity.safety.evaluation import _auc, evaluate_user_risk
from amity.store import schema_core, schema_safety
from amity.store.conversations import ConversationStore
from amity.store.db import Database, utcnow
from amity.store.safety_store import SafetyStore

SAFETY_MIGRATIONS = [*schema_core.MIGRATIONS, *schema_safety.MIGRATIONS]  # only what this area needs


def make_db(tmp_path: Path) -> tuple[Database, SafetyStore]:
    db = Database(tmp_path / "s.db", SAFETY_MIGRATIONS)
    ConversationStore(db).ensure_user("sam")
    return db, SafetyStore(db)


def test_log_settings_and_usage_roundtrip(tmp_path: Path) -> None:
    db, store = make_db(tmp_path)
    t0 = utcnow().replace(hour=9)  # all turns on one day, whenever the suite runs
    store.log("sam", "crisis", {"categories": ["suicide"], "phrases": ["kill myself"]}, at=t0)
    store.log("sam", "guard", {"tactics": ["fomo"], "replaced_whole_reply": False}, at=t0 + timedelta(seconds=1))
    assert [e.kind for e in store.events("sam")] == ["guard", "crisis"]
    assert store.last_event_at("sam", ("crisis",)) == t0
    store.set_setting("sam", "minor", True)
    store.set_setting("sam", "minor", False)
    assert store.settings("sam") == {"minor": False}
    store.record_turn("sam", t0)
    store.record_turn("sam", t0 + timedelta(minutes=2))
    day = store.record_turn("sam", t0 + timedelta(hours=2))  # a long pause counts 5 minutes
    assert day.turns == 3 and day.active_seconds == 420.0
    lines = [row["description"] for row in safety_log.entries(db, "sam")]
    assert lines == [
        "Removed manipulative wording from a reply (fomo)",
        "Crisis protocol: crisis resources shown (suicide)",
    ]
    db.close()


def test_safety_cli_log_and_settings(amity_home: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(safety_app, ["age", "14", "--user", "kid"]).exit_code == 0
    assert runner.invoke(safety_app, ["limit", "45", "--user", "kid"]).exit_code == 0
    assert runner.invoke(safety_app, ["setting", "school", "--user", "kid"]).exit_code == 0
    assert runner.invoke(safety_app, ["consent", "camera", "--allow", "--user", "kid"]).exit_code == 0
    status = json.loads(runner.invoke(safety_app, ["status", "--json", "--user", "kid"]).stdout)
    assert status["minor"] is True and status["daily_limit_min"] == 45
    assert status["setting"] == "school" and status["emotion_inference"] is False
    assert status["consent"] == {"camera": True, "microphone": False}
    out = runner.invoke(safety_app, ["log", "--json", "--user", "kid"])
    kinds = [e["kind"] for e in json.loads(out.stdout)["events"]]
    assert kinds == ["consent", "sensing_setting", "daily_limit_set", "age_declared"]
    table = runner.invoke(safety_app, ["log", "--user", "kid"])
    assert "Age recorded" in table.stdout
    bad = runner.invoke(safety_app, ["setting", "office", "--user", "kid"])
    assert bad.exit_code != 0
    assert load_config().db_path.is_file()


def test_auc() -> None:
    assert _auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert _auc([0.5, 0.5], [True, False]) == 0.5
    assert _auc([1.0], [True]) is None


def test_user_risk_on_a_small_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "users.csv"
    csv_path.write_text(
        "User,Post,Label\n"
        "user-0,\"['I want to kill myself', 'I feel so alone']\",Ideation\n"
        "user-1,\"['Stay strong, things get better']\",Supportive\n"
        "user-2,\"['I took all my pills last year']\",Attempt\n"
        "user-3,\"['Work is stressful']\",Indicator\n",
        encoding="utf-8",
    )
    result = evaluate_user_risk(csv_path)
    assert result["n_users"] == 4 and result["auc_at_risk"] == 1.0
    assert "Post" not in json.dumps(result) and "kill" not in json.dumps(result)
