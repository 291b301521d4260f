"""The voice loop's replaceable parts, as protocols.

* :class:`SpeechToText` - ``transcribe(pcm, sample_rate, hint="") -> str`` (faster-whisper: :mod:`.stt_whisper`);
  ``hint`` is text the speech is likely to contain (the names Amity knows, :mod:`.vocabulary`)
* :class:`TextToSpeech` - ``synthesize(text, prosody) -> (pcm, sample_rate)`` (Piper: :mod:`.tts_piper`,
  espeak-ng: :mod:`.tts_espeak`); ``prosody`` colours the voice with the companion's simulated mood
* :class:`VoiceEmotion` - ``predict(samples, sample_rate) -> ChannelAffect | None`` (float32 samples in
  [-1, 1]), the speech-emotion channel (:class:`amity.senses.speech_emotion.SpeechEmotion`).

All other audio is mono signed 16-bit little-endian PCM bytes. Implementations are synchronous and CPU-bound;
the pipeline runs them in worker threads under its CPU gate (see :mod:`.pipeline`).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from amity.types import ChannelAffect, Prosody

NEUTRAL = Prosody()


class SpeechToText(Protocol):
    name: str

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str: ...


class TextToSpeech(Protocol):
    name: str

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]: ...


class VoiceEmotion(Protocol):
    def predict(self, samples: NDArray[np.float32], sample_rate: int) -> ChannelAffect | None: ...
