"""``amity mood history|personality|reset`` through Typer's runner, on the test's own AMITY_HOME database."""

from __future__ import annotations

import json
from datetime import timedelta

from typer.testing import CliRunner

from amity.affect import mood
from amity.app import open_database
from amity.cli.affect import mood_app
from amity.config import Config
from amity.store.affect_store import AffectStore, MoodPoint
from amity.store.conversations import ConversationStore
from amity.store.db import utcnow


def seed(config: Config) -> None:
    db = open_database(config)
    try:
        ConversationStore(db).ensure_user("ana")
        store = AffectStore(db)
        at = utcnow() - timedelta(minutes=5)
        state = mood.update(None, 0.8, 0.6, 0.9, at)
        store.add_mood_point("ana", MoodPoint(at, "joy", 0.8, 0.6, 0.9, state))
        store.add_evidence("ana", "We had a great party with friends, it was amazing!")
    finally:
        db.close()


def test_mood_commands(config: Config) -> None:
    seed(config)
    runner = CliRunner()
    out = runner.invoke(mood_app, ["history", "--user", "ana"])
    assert out.exit_code == 0, out.output
    assert "Mood lately: content" in out.output and "joy" in out.output
    out = runner.invoke(mood_app, ["personality", "--user", "ana", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["messages"] == 1 and data["traits"][0]["trait"] == "openness"
    out = runner.invoke(mood_app, ["reset", "all", "--user", "ana", "--yes", "--json"])
    assert json.loads(out.output) == {"mood_points_removed": 1, "personality_reset": True}
    out = runner.invoke(mood_app, ["reset", "everything", "--user", "ana", "--yes"])
    assert out.exit_code != 0
    out = runner.invoke(mood_app, ["history", "--user", "ana", "--json"])
    assert json.loads(out.output)["mood"] is None
