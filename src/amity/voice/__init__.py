"""Voice: talk with Amity out loud (``amity voice``).

Microphone → VAD (:mod:`.vad`) → speech to text (:mod:`.stt_whisper`) → ``Companion.turn`` → sentence
chunks (:mod:`.sentences`) → speech (:mod:`.tts_piper`, fallback :mod:`.tts_espeak`) → loudspeaker
(:mod:`.audio_io`), orchestrated by :mod:`.pipeline` and :mod:`.live`. Heavy dependencies (faster-whisper,
Piper - GPL-3.0 -, sounddevice) come with the optional ``voice`` extra and are imported lazily; this
module's factories pick what is installed.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from amity.errors import AmityError, ModelError
from amity.voice.base import SpeechToText, TextToSpeech, VoiceEmotion

log = logging.getLogger(__name__)

SPEECH_EMOTION = ("amity.senses.speech_emotion", "SpeechEmotion")  # module, class


def make_stt(models_dir: Path, *, language: str | None = "en", threads: int = 2) -> SpeechToText:
    from amity.voice.stt_whisper import WhisperSTT

    return WhisperSTT(models_dir, language=language, threads=threads)


def make_tts(engine: str = "auto", *, threads: int = 2) -> TextToSpeech:
    """``piper``, ``espeak`` or ``auto`` (Piper when installed, else espeak-ng)."""
    from amity.voice.tts_espeak import EspeakTTS
    from amity.voice.tts_piper import PiperTTS, piper_available

    if engine == "piper" or (engine == "auto" and piper_available()):
        return PiperTTS(threads=threads)
    if engine in ("espeak", "auto"):
        return EspeakTTS()
    raise ModelError(f"Unknown speech engine '{engine}'.", "Use --tts piper, espeak or auto.")


def load_voice_emotion(store: Any = None, user_id: str | None = None) -> VoiceEmotion | None:
    """The speech-emotion channel from :mod:`amity.senses`, or None when it is not available. With a
    ``store`` (a :class:`~amity.store.care_store.CareStore`) the user's speaker statistics persist."""
    module_name, class_name = SPEECH_EMOTION
    try:
        factory = getattr(importlib.import_module(module_name), class_name)
        emotion: VoiceEmotion = factory(store=store, user_id=user_id)
    except (ImportError, AttributeError, AmityError) as exc:
        log.info("no voice emotion channel: %s", exc)
        return None
    return emotion
