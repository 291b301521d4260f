"""Small units of the server: the token bucket, worker settings from the environment, WAV decoding."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from amity.errors import ConfigError, InputError, RateLimited
from amity.server.app import settings_from_env
from amity.server.ratelimit import RateLimiter
from amity.server.routes_care import decode_wav


def test_token_bucket_spends_refills_and_isolates_keys() -> None:
    now = [0.0]
    limiter = RateLimiter(1.0, 2, what="test", clock=lambda: now[0])
    limiter.check("a")
    limiter.check("a")
    with pytest.raises(RateLimited) as info:
        limiter.check("a")
    assert "wait 1 s" in info.value.message
    limiter.check("b")  # another key has its own bucket
    now[0] = 1.0
    limiter.check("a")  # one token back after one second
    assert limiter.retry_after("a") == pytest.approx(1.0)


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_SERVE_FAKE_LLM", "1")
    monkeypatch.setenv("AMITY_SERVE_CORS", "https://a.example, https://b.example")
    monkeypatch.setenv("AMITY_SERVE_CHAT_BURST", "20")
    fake, settings = settings_from_env()
    assert fake and settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.chat_burst == 20 and settings.relaxed_durability is False
    monkeypatch.setenv("AMITY_SERVE_LOGIN_BURST", "many")
    with pytest.raises(ConfigError):
        settings_from_env()


def _wav(samples: np.ndarray, rate: int = 16000, width: int = 2) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return buf.getvalue()


def test_decode_wav_scales_and_rejects() -> None:
    samples, rate = decode_wav(_wav(np.array([0, 16384, -32768], dtype="<i2")))
    assert rate == 16000 and samples.tolist() == [0.0, 0.5, -1.0]
    with pytest.raises(InputError):
        decode_wav(b"RIFF not really")
    with pytest.raises(InputError):
        decode_wav(_wav(np.zeros(4, dtype=np.uint8), width=1))
