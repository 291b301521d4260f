"""Mood check-ins, PHQ-2 / GAD-2 scoring, weekly summary, charts (terminal + PNG) and `amity mood`."""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from amity.app import open_database
from amity.care.chart import encode_png, render, terminal_chart
from amity.care.checkins import THRESHOLD, MoodTracker, score_screening
from amity.cli.care import mood
from amity.config import Config
from amity.errors import InputError
from amity.store.care_store import CareStore
from amity.store.conversations import ConversationStore
from amity.store.db import utcnow
from amity.store.sql import SqlDatabase
from tests.pg_server import config_on


@pytest.fixture(params=["sqlite", "postgres"])
def config(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Config:
    """Every case on SQLite and on PostgreSQL (embedded server; skips when it cannot start)."""
    return config_on(request, monkeypatch)  # type: ignore[no-any-return]


@pytest.fixture
def db(config: Config) -> Iterator[SqlDatabase]:
    database = open_database(config)
    ConversationStore(database).ensure_user("ana")
    yield database
    database.close()


@pytest.mark.parametrize(
    ("answers", "score", "positive"),
    [
        ((0, 0), 0, False),
        ((1, 1), 2, False),
        ((1, 2), 3, True),
        ((0, 3), 3, True),
        ((3, 3), 6, True),
        ((2, 0), 2, False),
    ],
)
@pytest.mark.parametrize("instrument", ["phq2", "gad2"])
def test_screening_scores_and_threshold(instrument: str, answers: tuple[int, int], score: int, positive: bool) -> None:
    result = score_screening(instrument, answers)
    assert (result.score, result.positive) == (score, positive)
    assert THRESHOLD == 3
    if positive:
        assert "professional" in result.message and "not a diagnosis" in result.message
    else:
        assert "professional" not in result.message
    assert "you have depression" not in result.message.lower() and "disorder" not in result.message.lower()


@pytest.mark.parametrize("bad", [(4, 0), (-1, 1), (1,), (1, 1, 1)])
def test_screening_rejects_out_of_range_answers(bad: tuple[int, ...]) -> None:
    with pytest.raises(InputError):
        score_screening("phq2", bad)
    with pytest.raises(InputError):
        score_screening("bdi", (1, 1))


def test_check_ins_are_stored_and_summarised_by_week(db: SqlDatabase) -> None:
    tracker = MoodTracker(CareStore(db))
    now = utcnow()
    for days_ago, score in [(12, 2), (10, 4), (6, 3), (5, 4), (3, 6), (1, 7), (0, 8)]:
        tracker.check_in("ana", score, "tired but hopeful", at=now - timedelta(days=days_ago, minutes=1))
    with pytest.raises(InputError):
        tracker.check_in("ana", 11)
    s = tracker.weekly_summary("ana", now=now)
    assert s["count"] == 5 and s["mean"] == pytest.approx(5.6) and (s["min"], s["max"]) == (3, 8)
    assert s["previous_mean"] == 3.0 and s["trend"] == "up"
    assert "tired" in s["words"] and "hopeful" in s["words"]
    assert "5 check-ins this week" in s["text"]
    assert len(tracker.history("ana")) == 7 and len(tracker.history("ana", days=7, now=now)) == 5
    assert tracker.history("bob") == []  # other users see nothing


def test_terminal_chart_marks_each_score(db: SqlDatabase) -> None:
    tracker = MoodTracker(CareStore(db))
    for s in (3, 7, 10):
        tracker.check_in("ana", s)
    chart = terminal_chart(tracker.history("ana"))
    rows = chart.splitlines()
    assert rows[0].startswith("10 │") and rows[0].endswith("●")
    assert rows[10 - 7].rstrip().endswith("●·") or "●" in rows[10 - 7]
    assert "3 check-ins" in chart
    assert "No mood check-ins" in terminal_chart([])


def _decode_png(data: bytes) -> np.ndarray:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", (0, 0)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        if kind == b"IDAT":
            idat += body
        pos += 12 + length
    w, h = size
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(h, 1 + 3 * w)
    assert (raw[:, 0] == 0).all()  # filter type 0
    return raw[:, 1:].reshape(h, w, 3)


def test_png_is_valid_and_plots_points(db: SqlDatabase) -> None:
    tracker = MoodTracker(CareStore(db))
    for s in (2, 9):
        tracker.check_in("ana", s)
    img = render(tracker.history("ana"))
    decoded = _decode_png(encode_png(img))
    assert decoded.shape == (320, 640, 3) and np.array_equal(decoded, img)
    dot = np.all(decoded == (40, 70, 160), axis=2)
    ys = np.where(dot.any(axis=1))[0]
    assert ys.size and ys.min() < 100 and ys.max() > 220  # a high (9) and a low (2) point


def test_mood_command_checks_in_charts_and_screens(tmp_path: Path, amity_home: Path) -> None:
    runner, cli = CliRunner(), typer.Typer()
    cli.command()(mood)
    out = runner.invoke(cli, ["6", "tired", "but", "ok", "--user", "ana"])
    assert out.exit_code == 0, out.output
    assert "Saved: 6/10 - tired but ok." in out.output and "●" in out.output
    png = tmp_path / "mood.png"
    out = runner.invoke(cli, ["--png", str(png), "--week", "--user", "ana", "--json"])
    data = json.loads(out.output)
    assert data["summary"]["count"] == 1 and data["history"][0]["score"] == 6
    assert png.read_bytes()[:4] == b"\x89PNG"
    out = runner.invoke(cli, ["--screen", "phq2", "--answers", "2,2", "--user", "ana", "--json"])
    assert json.loads(out.output)["screening"]["positive"] is True
    out = runner.invoke(cli, ["--screen", "gad2", "--user", "ana"], input="0\n1\n")
    assert out.exit_code == 0 and "below the usual screening threshold" in out.output
    out = runner.invoke(cli, ["11", "--user", "ana"])
    assert out.exit_code != 0
