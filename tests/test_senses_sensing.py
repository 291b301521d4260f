"""Channel switches and the EU AI Act Art. 50 sensing notice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from amity.errors import InputError
from amity.events import Notice
from amity.senses.sensing import SensingChannels, sensing_notice, status_line
from amity.senses.stage import SensesStage
from amity.stages import OpenContext
from amity.types import Persona, Session, User


def test_default_is_text_only_without_notice() -> None:
    s = SensingChannels()
    assert s.enabled() == ("text",)
    assert sensing_notice(s) is None
    assert s.to_dict()["notice"] is None


@pytest.mark.parametrize(
    ("voice", "face", "words"),
    [
        (True, False, ["microphone", "tone of voice", "'voice'"]),
        (False, True, ["camera", "facial expression", "'face'"]),
        (True, True, ["microphone and camera", "'voice' / 'face'"]),
    ],
)
def test_notice_whenever_mic_or_camera_on(voice: bool, face: bool, words: list[str]) -> None:
    notice = sensing_notice(SensingChannels(voice=voice, face=face))
    assert notice is not None
    for w in words:
        assert w in notice
    assert "on this computer" in notice


def test_each_channel_switches_independently() -> None:
    s = SensingChannels().with_channel("voice", True).with_channel("text", False)
    assert s.enabled() == ("voice",)
    assert s.microphone and not s.camera
    assert SensingChannels.from_names("face, text").enabled() == ("text", "face")
    assert SensingChannels.from_names("none").enabled() == ()
    with pytest.raises(InputError):
        s.with_channel("smell", True)


def test_status_line() -> None:
    assert status_line(SensingChannels(voice=True)).startswith("[mic ON · camera off")
    assert "camera ON" in status_line(SensingChannels(face=True))


async def test_stage_announces_sensing_on_open() -> None:
    now = datetime.now(UTC)
    ctx = OpenContext(User("u", None, now), Session("s", "u", now, now), Persona(), new_session=True)
    await SensesStage(SensingChannels(voice=True)).on_open(ctx)
    assert [e.kind for e in ctx.events if isinstance(e, Notice)] == ["sensing"]
    quiet = OpenContext(User("u", None, now), Session("s", "u", now, now), Persona(), new_session=True)
    await SensesStage().on_open(quiet)
    assert quiet.events == []


async def test_a_sensor_without_consent_is_not_announced_as_on() -> None:
    now = datetime.now(UTC)
    both = SensingChannels(voice=True, face=True)
    ctx = OpenContext(User("u", None, now), Session("s", "u", now, now), Persona(), new_session=True)
    await SensesStage(both, lambda _user, device: device == "camera").on_open(ctx)
    [notice] = [e for e in ctx.events if isinstance(e, Notice)]
    assert "camera" in notice.text and "microphone" not in notice.text
    none = OpenContext(User("u", None, now), Session("s", "u", now, now), Persona(), new_session=True)
    await SensesStage(both, lambda _user, _device: False).on_open(none)
    assert none.events == []  # the safety stage asks for permission instead
