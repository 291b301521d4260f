"""``amity senses …`` commands."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from amity.cli.senses import senses_app
from amity.errors import InputError


def test_notice_command_prints_status_and_notice() -> None:
    result = CliRunner().invoke(senses_app, ["notice", "--face"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["face"] is True and data["voice"] is False
    assert "camera ON" in data["status_line"]
    assert "camera" in data["notice"]
    quiet = json.loads(CliRunner().invoke(senses_app, ["notice"]).output)
    assert quiet["notice"] is None


def test_face_command_without_a_face_prints_null(tmp_path: Path) -> None:
    cv2 = pytest.importorskip("cv2")
    image = tmp_path / "blank.png"
    cv2.imwrite(str(image), np.full((100, 100), 200, dtype=np.uint8))
    result = CliRunner().invoke(senses_app, ["face", str(image)])
    assert result.exit_code == 0 and result.output.strip() == "null"


def test_voice_command_on_a_wav(tmp_path: Path) -> None:
    pytest.importorskip("opensmile")
    rate = 16_000
    t = np.arange(rate) / rate
    tone = 0.3 * np.sin(2 * np.pi * 150 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    path = tmp_path / "a.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((tone * 32767).astype("<i2").tobytes())
    result = CliRunner().invoke(senses_app, ["voice", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.output)["channel"] == "voice"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(senses_app, ["voice", str(tmp_path / "nope.wav")])
    assert isinstance(result.exception, InputError)
