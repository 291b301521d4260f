"""Which sensing channels are on, and the notice the user must see while a microphone or camera is used.

Emotion recognition from voice or face is an "emotion recognition system" under the EU AI Act (Art. 50(3)):
the people exposed to it must be informed while it operates. Amity therefore keeps one small value,
:class:`SensingChannels`, that says which channels are enabled. Every front end asks :func:`sensing_notice`
for the text to show (CLI status line, web indicator) and shows it whenever it is not ``None``. Reading words
for emotion (``text``) never needs a sensor, so it alone produces no notice. Every channel can be switched off
on its own; the default is text only — microphone and camera are opt-in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from amity.errors import InputError
from amity.types import Channel

CHANNELS: tuple[Channel, ...] = ("text", "voice", "face")


@dataclass(frozen=True)
class SensingChannels:
    """Which affect channels may be used. ``voice`` needs the microphone, ``face`` the camera."""

    text: bool = True
    voice: bool = False
    face: bool = False

    def enabled(self) -> tuple[Channel, ...]:
        """The channels that are on, in a fixed order."""
        return tuple(c for c in CHANNELS if self.is_on(c))

    def is_on(self, channel: Channel) -> bool:
        return bool(getattr(self, channel))

    def with_channel(self, channel: str, on: bool) -> SensingChannels:
        """A copy with one channel switched on or off (``channel`` is validated)."""
        if channel not in CHANNELS:
            raise InputError(f"Unknown sensing channel {channel!r}.", fix=f"Use one of: {', '.join(CHANNELS)}.")
        return replace(self, **{channel: on})

    @property
    def microphone(self) -> bool:
        return self.voice

    @property
    def camera(self) -> bool:
        return self.face

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "voice": self.voice,
            "face": self.face,
            "notice": sensing_notice(self),
        }

    @classmethod
    def from_names(cls, names: str | list[str] | tuple[str, ...]) -> SensingChannels:
        """Parse ``"text,voice"`` (or a list); an empty value or ``"none"`` switches everything off."""
        items = names.split(",") if isinstance(names, str) else list(names)
        wanted = {n.strip().lower() for n in items if n.strip()}
        wanted.discard("none")
        state = cls(text=False, voice=False, face=False)
        for name in sorted(wanted):
            state = state.with_channel(name, True)
        return state


def sensing_notice(channels: SensingChannels) -> str | None:
    """The notice to show while the microphone and/or camera is used for emotion estimates, else ``None``."""
    sensors = [s for s, on in (("microphone", channels.voice), ("camera", channels.face)) if on]
    if not sensors:
        return None
    what = " and ".join(sensors)
    cues = " and ".join(
        c for c, on in (("your tone of voice", channels.voice), ("your facial expression", channels.face)) if on
    )
    off = " / ".join(f"'{c}'" for c, on in (("voice", channels.voice), ("face", channels.face)) if on)
    return (
        f"Sensing is on: Amity uses your {what} to estimate how you feel from {cues}. "
        f"These are automatic guesses, processed on this computer only and never sent anywhere. "
        f"You can switch {off} off at any time."
    )


def status_line(channels: SensingChannels) -> str:
    """A compact one-line indicator for a CLI status bar, e.g. ``"[mic ON · camera off]"``."""
    mic = "mic ON" if channels.voice else "mic off"
    cam = "camera ON" if channels.face else "camera off"
    return f"[{mic} · {cam} · emotion estimates from {', '.join(channels.enabled()) or 'nothing'}]"
