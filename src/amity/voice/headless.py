"""Answer a recorded question with a recorded reply: ``amity voice --input q.wav --output a.wav``.

The whole file is one user turn. The VAD finds where speech starts and ends and the audio is trimmed to
that span (plus a little margin), which keeps Whisper from hallucinating words into long silences. The
reply's sentences are joined into one WAV at the voice's rate.
"""

from __future__ import annotations

from pathlib import Path

from amity.errors import InputError
from amity.events import AudioChunk, Notice
from amity.voice.pipeline import Heard, VoicePipeline, VoiceTurnDone
from amity.voice.vad import speech_bounds
from amity.voice.wavio import STT_RATE, read_wav, resample, write_wav


def join_audio(chunks: list[AudioChunk]) -> tuple[bytes, int]:
    """Concatenate reply chunks at the first chunk's rate."""
    if not chunks:
        return b"", STT_RATE
    rate = chunks[0].sample_rate
    return b"".join(resample(c.pcm, c.sample_rate, rate) for c in chunks), rate


def load_question(source: Path) -> bytes:
    """The spoken part of a WAV file as 16 kHz PCM."""
    pcm, rate = read_wav(source)
    pcm = resample(pcm, rate, STT_RATE)
    bounds = speech_bounds(pcm)
    if bounds is None:
        raise InputError(f"No speech was found in {source}.", "Record the question again, closer to the mic.")
    start, end = bounds
    return pcm[int(max(0.0, start - 0.2) * STT_RATE) * 2 : int((end + 0.3) * STT_RATE) * 2]


async def answer_wav(
    pipeline: VoicePipeline, user_id: str, source: Path, target: Path, *, session_id: str | None = None
) -> tuple[VoiceTurnDone, list[Notice]]:
    """Transcribe ``source``, run the turn, write the spoken reply to ``target``."""
    pcm = load_question(source)
    chunks: list[AudioChunk] = []
    notices: list[Notice] = []
    done: VoiceTurnDone | None = None
    async for event in pipeline.respond(user_id, pcm, STT_RATE, session_id=session_id):
        if isinstance(event, Heard) and not event.text:
            raise InputError(f"No words could be made out in {source}.", "Speak clearly, in English.")
        if isinstance(event, AudioChunk):
            chunks.append(event)
        elif isinstance(event, Notice):
            notices.append(event)
        elif isinstance(event, VoiceTurnDone):
            done = event
    assert done is not None  # respond always ends with VoiceTurnDone once something was heard
    audio, rate = join_audio(chunks)
    write_wav(target, audio, rate)
    return done, notices
