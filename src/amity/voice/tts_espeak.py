"""Text to speech with the ``espeak-ng`` program: the fallback when Piper is not installed.

espeak-ng is a formant synthesizer: robotic, but tiny, fast (a sentence in ~20 ms) and packaged by every
Linux distribution (``apt-get install espeak-ng``). We run ``espeak-ng --stdout`` with the text on
standard input (never on the command line, so no text is mistaken for an option) and read the WAV it
writes.
"""

from __future__ import annotations

import shutil
import subprocess

from amity.errors import ModelError
from amity.types import Prosody
from amity.voice.base import NEUTRAL
from amity.voice.wavio import read_wav

INSTALL_HINT = "Install espeak-ng (`apt-get install espeak-ng`) or Piper with `pip install 'amity[voice]'`."


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


class EspeakTTS:
    """espeak-ng through a subprocess, one call per sentence."""

    def __init__(self, *, voice: str = "en-us", words_per_minute: int = 170) -> None:
        binary = espeak_binary()
        if binary is None:
            raise ModelError("No speech synthesizer is available (espeak-ng is not installed).", INSTALL_HINT)
        self.binary = binary
        self.name = f"espeak-ng:{voice}"
        self.voice = voice
        self.words_per_minute = words_per_minute

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]:
        speed = round(self.words_per_minute * prosody.rate)
        pitch = max(0, min(99, round(50 * prosody.pitch)))  # espeak-ng's pitch: 0-99, 50 by default
        try:
            done = subprocess.run(
                [self.binary, "--stdout", "-v", self.voice, "-s", str(speed), "-p", str(pitch)],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=60,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ModelError(f"espeak-ng failed: {exc}", INSTALL_HINT) from exc
        return read_wav(done.stdout)
