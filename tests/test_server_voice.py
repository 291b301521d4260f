"""The microphone route with the real voice stack: espeak-ng speaks, Whisper (amity[voice]) transcribes."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.server import create_app
from amity.server.app import ServerSettings
from amity.server.testing import build_test_app

pytestmark = [pytest.mark.heavy, pytest.mark.model]


@pytest.fixture
def client(tmp_path: Path, config: Config) -> Iterator[TestClient]:
    if importlib.util.find_spec("faster_whisper") is None or shutil.which("espeak-ng") is None:
        pytest.skip("needs amity[voice] (faster-whisper + Whisper wheels) and espeak-ng")
    app = build_test_app(tmp_path / "voice.db", FakeLLM(), config)
    with TestClient(create_app(app, settings=ServerSettings(hash_profile="test"))) as c:
        yield c
    app.db.close()


def test_spoken_words_come_back_as_text(client: TestClient, tmp_path: Path) -> None:
    wav = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "I would like a cup of tea"], check=True, timeout=30)
    token = client.post("/api/v1/auth/register", json={"username": "voice", "password": "voice password"}).json()
    r = client.post(
        "/api/v1/senses/voice",
        content=wav.read_bytes(),
        headers={"Authorization": f"Bearer {token['token']}", "Content-Type": "audio/wav"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["speech_detected"] and body["duration_s"] > 1.0
    assert body["transcript"] is not None and "tea" in body["transcript"].lower()
    if body["channel"] is not None:  # the speech-emotion model of amity.senses, when installed
        assert body["channel"]["channel"] == "voice" and 0 <= body["channel"]["confidence"] <= 1
