"""Mood smoothing (decay + EMA) and its stored history, on real SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from amity.affect import mood
from amity.app import open_database
from amity.cli.affect import mood_report, reset
from amity.config import Config
from amity.store.affect_store import AffectStore, MoodPoint
from amity.store.conversations import ConversationStore
from amity.store.sql import SqlDatabase
from tests.pg_server import config_on

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def config(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Config:
    """Every case on SQLite and on PostgreSQL (embedded server; skips when it cannot start)."""
    return config_on(request, monkeypatch)  # type: ignore[no-any-return]


@pytest.fixture
def db(config: Config) -> SqlDatabase:
    database = open_database(config)
    ConversationStore(database).ensure_user("ana")
    ConversationStore(database).ensure_user("ben")
    return database


def test_decay_halves_after_half_life() -> None:
    s = mood.MoodState(0.8, -0.4, 2.0, T0)
    d = mood.decay(s, T0 + timedelta(hours=mood.HALF_LIFE_H))
    assert d.valence == pytest.approx(0.4)
    assert d.arousal == pytest.approx(-0.2)
    assert d.evidence == pytest.approx(1.0)
    assert mood.decay(s, T0 - timedelta(hours=1)).valence == pytest.approx(0.8)  # clock skew: no growth


def test_update_moves_towards_observation_by_confidence() -> None:
    sure = mood.update(None, -0.8, 0.5, 1.0, T0)
    unsure = mood.update(None, -0.8, 0.5, 0.1, T0)
    assert sure.valence == pytest.approx(-0.8 * mood.ALPHA)
    assert unsure.valence == pytest.approx(-0.8 * mood.MIN_STEP)
    s = sure
    for i in range(30):
        s = mood.update(s, -0.8, 0.5, 1.0, T0 + timedelta(minutes=i))
    assert s.valence == pytest.approx(-0.8, abs=0.02)
    assert mood.describe(s.valence, s.arousal) == "tense or upset"
    assert mood.describe(0.5, -0.3) == "content"
    assert mood.describe(0.0, 0.9) == "even"


def test_history_is_per_user_and_ordered(db: SqlDatabase) -> None:
    store = AffectStore(db)
    state = None
    for i, (label, v) in enumerate([("sadness", -0.8), ("joy", 0.9), ("neutral", 0.0)]):
        at = T0 + timedelta(minutes=i)
        state = mood.update(state, v, 0.1, 0.7, at)
        store.add_mood_point("ana", MoodPoint(at, label, v, 0.1, 0.7, state), "s1", f"t{i}")
    assert [p.label for p in store.mood_history("ana")] == ["sadness", "joy", "neutral"]
    assert store.mood_history("ben") == []
    latest = store.latest_mood("ana")
    assert latest is not None and latest.valence == pytest.approx(state.valence)
    assert [p.label for p in store.mood_history("ana", limit=2)] == ["joy", "neutral"]


def test_mood_report_and_reset(db: SqlDatabase) -> None:
    assert mood_report(db, "ana")["mood"] is None
    store = AffectStore(db)
    state = mood.update(None, -0.9, -0.5, 1.0, T0)
    store.add_mood_point("ana", MoodPoint(T0, "sadness", -0.9, -0.5, 1.0, state))
    report = mood_report(db, "ana", now=T0 + timedelta(hours=1))
    assert report["mood"]["label"] == "low"
    assert report["mood"]["valence"] < 0
    assert "guessed from your words" in report["lines"][0]
    assert report["history"][0]["label"] == "sadness"
    assert reset(db, "ana", "mood") == {"mood_points_removed": 1}
    assert mood_report(db, "ana")["mood"] is None


def test_daily_trend_spans_sessions(db: SqlDatabase) -> None:
    store = AffectStore(db)
    state = None
    for day, v in enumerate([-0.8, -0.6, 0.7]):
        for k in range(2):
            at = T0 + timedelta(days=day, minutes=k)
            state = mood.update(state, v, 0.0, 0.9, at)
            store.add_mood_point("ana", MoodPoint(at, "x", v, 0.0, 0.9, state), f"s{day}")
    report = mood_report(db, "ana", now=T0 + timedelta(days=2, hours=1))
    days = [(d["day"], d["readings"]) for d in report["trend"]]
    assert days == [("2026-01-01", 2), ("2026-01-02", 2), ("2026-01-03", 2)]
    assert report["trend"][0]["valence"] < 0 < report["trend"][-1]["valence"] + 0.5
    assert any(line.startswith("By day") for line in report["lines"])
