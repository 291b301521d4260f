"""Voice channel: WAV reading, speaker statistics, the linear model and the EmoDB evaluation."""

from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np
import pytest

from amity.errors import InputError
from amity.senses.evaluation import confusion_matrix, macro_f1, uar
from amity.senses.speech_emotion import (
    LinearModel,
    SpeakerStats,
    SpeechEmotion,
    affect_from_probs,
    read_wav,
    speaker_normalise,
)

SHARED = Path(os.environ.get("AMITY_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
EMODB = SHARED / "emodb" / "wav"


def _write_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


def _voice(seconds: float = 1.5, rate: int = 16_000, f0: float = 140.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    pitch = f0 * (1 + 0.1 * np.sin(2 * np.pi * 3 * t))
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    harmonics = sum(np.sin(k * phase) / k for k in range(1, 8))
    return (0.3 * harmonics * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t) ** 2)).astype(np.float32)


def test_read_wav_mono_and_stereo(tmp_path: Path) -> None:
    x = np.linspace(-0.5, 0.5, 800, dtype=np.float32)
    _write_wav(tmp_path / "m.wav", x, 8000)
    y, rate = read_wav(tmp_path / "m.wav")
    assert rate == 8000 and np.allclose(x, y, atol=1e-4)
    _write_wav(tmp_path / "s.wav", np.repeat(x, 2), 8000, channels=2)
    y2, _ = read_wav(tmp_path / "s.wav")
    assert y2.shape == (800,) and np.allclose(x, y2, atol=1e-4)
    (tmp_path / "bad.wav").write_bytes(b"nope")
    with pytest.raises(InputError):
        read_wav(tmp_path / "bad.wav")


def test_speaker_stats_shrink_to_prior_then_follow_user() -> None:
    stats = SpeakerStats(prior_mean=np.zeros(2), prior_std=np.ones(2), prior_weight=10)
    mean, std = stats.current()
    assert np.allclose(mean, 0) and np.allclose(std, 1)
    for v in ([4.0, 2.0], [6.0, 2.0]):
        stats.update(np.array(v))
    mean, _ = stats.current()
    assert np.allclose(mean, [10 / 12, 4 / 12])  # (n * user mean + k * prior) / (n + k)
    for _ in range(1000):
        stats.update(np.array([5.0, 2.0]))
    mean, std = stats.current()
    assert np.allclose(mean, [5.0, 2.0], atol=0.06) and np.all(std < 0.2)
    restored = SpeakerStats(np.zeros(2), np.ones(2))
    restored.load(stats.to_dict())
    assert restored.n == stats.n and np.allclose(restored.current()[0], mean)


def test_speaker_normalise_is_per_speaker() -> None:
    X = np.array([[1.0], [3.0], [10.0], [30.0]])
    z = speaker_normalise(X, ["a", "a", "b", "b"])
    assert np.allclose(z[:, 0], [-1, 1, -1, 1], atol=1e-6)


def test_linear_model_and_affect() -> None:
    model = LinearModel.load(SpeechEmotion().weights_path)
    assert set(model.classes) == {"anger", "boredom", "disgust", "fear", "joy", "sadness", "neutral"}
    probs = model.predict_proba(np.zeros((2, model.coef.shape[1])))
    assert probs.shape == (2, 7) and np.allclose(probs.sum(axis=1), 1)
    affect = affect_from_probs(("joy", "sadness"), np.array([0.8, 0.2]))
    assert affect.channel == "voice" and affect.label == "joy" and affect.confidence == pytest.approx(0.8)
    assert affect.valence == pytest.approx(0.8 * 0.8 + 0.2 * -0.7)


def test_metrics() -> None:
    truth, pred = ["a", "a", "b", "b"], ["a", "b", "b", "b"]
    assert uar(truth, pred) == pytest.approx(0.75)
    assert macro_f1(truth, pred) == pytest.approx((2 / 3 + 0.8) / 2)
    assert confusion_matrix(truth, pred, ["a", "b"]) == [[1, 1], [0, 2]]


def test_predict_live_pcm_updates_user_statistics() -> None:
    pytest.importorskip("opensmile")
    model = SpeechEmotion()
    affect = model.predict(_voice(rate=22_050), 22_050)
    assert affect.channel == "voice"
    assert affect.label in model.model.classes
    assert -1 <= affect.valence <= 1 and 0 < affect.confidence <= 1
    assert model.stats.n == 1
    with pytest.raises(InputError):
        model.predict(np.zeros(10, dtype=np.float32), 16_000)


@pytest.mark.skipif(not EMODB.is_dir(), reason="shared EmoDB data not present")
def test_evaluate_speech_on_one_speaker(tmp_path: Path) -> None:
    pytest.importorskip("opensmile")
    from amity.senses.evaluation import evaluate_speech

    (tmp_path / "wav").mkdir()
    for f in sorted(EMODB.glob("12*.wav"))[:14]:
        (tmp_path / "wav" / f.name).symlink_to(f)
    result = evaluate_speech(tmp_path)
    assert result["n"] == 14 and result["speakers"] == ["12"]
    assert result["seen_in_training"] == ["12"]  # speaker 12 is one of the 7 training speakers
    assert 0.0 <= result["uar"] <= 1.0 and 0.0 <= result["accuracy"] <= 1.0
    assert sum(map(sum, result["confusion"]["matrix"])) == 14
    with pytest.raises(InputError):
        evaluate_speech(tmp_path / "wav" / "missing")


def test_speaker_statistics_survive_a_restart_in_the_store(tmp_path: Path) -> None:
    pytest.importorskip("opensmile")
    from amity.senses.speech_emotion import STATS_KEY
    from amity.store.care_store import CareStore
    from amity.store.conversations import ConversationStore
    from amity.store.db import Database
    from amity.store.schema import all_migrations

    db = Database(tmp_path / "a.db", all_migrations())
    for user in ("ana", "bo"):
        ConversationStore(db).ensure_user(user, "en-US")
    care = CareStore(db)
    first = SpeechEmotion(store=care, user_id="ana")
    for f0 in (120.0, 160.0):
        first.predict(_voice(f0=f0), 16_000)
    saved = care.get_state("ana", STATS_KEY)
    assert saved is not None and saved["n"] == 2
    db.close()

    db = Database(tmp_path / "a.db", all_migrations())  # the process restarts
    care = CareStore(db)
    again = SpeechEmotion(store=care, user_id="ana")
    assert again.stats.n == 2 and np.allclose(again.stats.mean, first.stats.mean)
    assert np.allclose(again.stats.current()[1], first.stats.current()[1])
    again.predict(_voice(f0=140.0), 16_000)
    assert care.get_state("ana", STATS_KEY)["n"] == 3
    assert SpeechEmotion(store=care, user_id="bo").stats.n == 0  # per user
    care.set_state("ana", STATS_KEY, {"n": 5, "mean": [1.0, 2.0], "m2": [0.0, 0.0]})  # other features
    assert SpeechEmotion(store=care, user_id="ana").stats.n == 0  # ignored: starts over
    db.close()
