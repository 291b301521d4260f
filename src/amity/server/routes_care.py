"""REST routes backed by the optional areas: memories, mood, persona, companion affect, and sensing uploads.

Memories, mood check-ins and persona call into ``amity.memory`` / ``amity.care`` through
:mod:`amity.server.integrations` (501 when absent). ``/senses/voice`` accepts a short 16-bit PCM WAV from
the browser's microphone: it is decoded with the standard library and measured (duration, loudness,
whether it holds speech) and, when the voice extra is installed and ``speech_to_text`` is on,
transcribed (``amity.voice.make_stt``, Whisper base) and given a voice-emotion channel
(``load_voice_emotion``). ``/senses/face`` runs ``amity.senses.face`` on one JPEG frame. Audio and frames
are never stored.
"""

from __future__ import annotations

import io
import logging
import wave
from collections import OrderedDict
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, Path, Request
from pydantic import BeforeValidator, Field
from starlette.concurrency import run_in_threadpool

from amity.app import App
from amity.errors import AmityError, InputError
from amity.server.app import ERROR_RESPONSES, StrictModel, reject_unknown_query, state_of
from amity.server.auth import UserId
from amity.server.integrations import (
    FeatureUnavailable,
    add_memory,
    companion_state,
    edit_memory,
    forget_memory,
    get_persona,
    list_memories,
    mood_checkin,
    mood_series,
    set_persona,
)

log = logging.getLogger(__name__)
router = APIRouter(responses=ERROR_RESPONSES, dependencies=[Depends(reject_unknown_query)])
MemoryId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="A memory id")]
MAX_AUDIO_BYTES = 2 * 1024 * 1024  # ~60 s of 16 kHz mono PCM


class MemoryIn(StrictModel):
    key: str = Field(min_length=1, max_length=40, examples=["likes"])
    value: str = Field(min_length=1, max_length=200, examples=["hiking"])
    subject: str = Field(default="user", min_length=1, max_length=60)


class MemoryEdit(StrictModel):
    value: str = Field(min_length=1, max_length=200)


def _whole_float(value: Any) -> Any:
    """JSON Schema counts 5.0 as an integer; strict models would not."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class MoodIn(StrictModel):
    score: Annotated[int, BeforeValidator(_whole_float)] = Field(
        ge=1, le=10, description="1 = very low, 10 = very good"
    )
    words: str = Field(default="", max_length=280)


class PersonaIn(StrictModel):
    preset: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=40)
    pronouns: str | None = Field(default=None, min_length=1, max_length=20)
    traits: list[str] | None = Field(default=None, max_length=8)
    speaking_style: str | None = Field(default=None, min_length=1, max_length=400)


@router.get("/memories", tags=["memories"], summary="What Amity remembers about you (current facts)")
async def memories(request: Request, user_id: UserId) -> list[dict[str, Any]]:
    return list_memories(state_of(request.app).app, user_id)


@router.post("/memories", tags=["memories"], status_code=201, summary="Tell Amity something to remember")
async def remember(body: MemoryIn, request: Request, user_id: UserId) -> dict[str, Any]:
    return add_memory(state_of(request.app).app, user_id, body.key.strip(), body.value, body.subject)


@router.patch("/memories/{memory_id}", tags=["memories"], summary="Correct a memory (keeps its history)")
async def edit(memory_id: MemoryId, body: MemoryEdit, request: Request, user_id: UserId) -> dict[str, Any]:
    return edit_memory(state_of(request.app).app, user_id, memory_id, body.value)


@router.delete("/memories/{memory_id}", tags=["memories"], summary="Forget a memory and all its versions")
async def forget(memory_id: MemoryId, request: Request, user_id: UserId) -> dict[str, Any]:
    return {"forgotten": forget_memory(state_of(request.app).app, user_id, memory_id)}


@router.get("/mood", tags=["mood"], summary="Your mood check-ins and per-message affect estimates")
async def mood(request: Request, user_id: UserId) -> dict[str, Any]:
    return mood_series(state_of(request.app).app, user_id, limit=200)


@router.post("/mood", tags=["mood"], status_code=201, summary="Record a mood check-in")
async def checkin(body: MoodIn, request: Request, user_id: UserId) -> dict[str, Any]:
    return mood_checkin(state_of(request.app).app, user_id, body.score, body.words)


@router.get("/persona", tags=["settings"], summary="The companion's persona for you, and the presets")
async def persona(request: Request, user_id: UserId) -> dict[str, Any]:
    return get_persona(state_of(request.app).app, user_id)


@router.put("/persona", tags=["settings"], summary="Choose a preset and/or customise the persona")
async def put_persona(body: PersonaIn, request: Request, user_id: UserId) -> dict[str, Any]:
    changes = body.model_dump(exclude={"preset"}, exclude_none=True)
    if "traits" in changes:
        changes["traits"] = tuple(t.strip() for t in changes["traits"] if t.strip())
    return set_persona(state_of(request.app).app, user_id, body.preset, changes)


@router.get("/companion", tags=["mood"], summary="The companion's simulated affect (drives the web face)")
async def companion(request: Request, user_id: UserId) -> dict[str, Any]:
    state = companion_state(state_of(request.app).app, user_id)
    return {"available": state is not None, "state": state}


def decode_wav(data: bytes) -> tuple[np.ndarray[Any, Any], int]:
    """Mono float samples in [-1, 1] and the rate, from a 16-bit PCM WAV (InputError otherwise)."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            if wav.getsampwidth() != 2 or wav.getcomptype() != "NONE":
                raise InputError("The audio must be 16-bit PCM WAV.", "Record with the web app's microphone button.")
            rate, channels = wav.getframerate(), wav.getnchannels()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise InputError(f"That is not a readable WAV file ({exc}).", "Send 16-bit PCM WAV audio.") from None
    if not 8000 <= rate <= 48000 or not 1 <= channels <= 2:
        raise InputError("The audio must be 8-48 kHz, mono or stereo.", "Record at 16 kHz mono.")
    samples = np.frombuffer(frames[: len(frames) - len(frames) % (2 * channels)], dtype="<i2").astype(np.float32)
    if channels == 2:
        samples = samples.reshape(-1, 2).mean(axis=1)
    return samples / 32768.0, rate


@router.post(
    "/senses/voice",
    tags=["senses"],
    summary="Analyse a short microphone recording (16-bit PCM WAV body); nothing is stored",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def voice(request: Request, user_id: UserId) -> dict[str, Any]:
    data = await request.body()
    if not data:
        raise InputError("No audio was sent.", "POST the recording as the request body (audio/wav).")
    if len(data) > MAX_AUDIO_BYTES:
        raise InputError("The recording is too long (limit about 60 s).", "Send shorter pieces.")
    samples, rate = decode_wav(data)
    rms = float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    speech = rms > 0.01
    transcript, channel = None, None
    state = state_of(request.app)
    if speech and state.settings.speech_to_text:
        transcript, channel = await run_in_threadpool(_listen, state.app, state.extras, user_id, samples, rate)
    return {
        "duration_s": round(samples.size / rate, 3),
        "sample_rate": rate,
        "rms": round(rms, 5),
        "peak": round(peak, 5),
        "speech_detected": speech,
        "transcript": transcript,
        "channel": channel,
    }


def _listen(
    app: App, extras: dict[str, Any], user_id: str, samples: np.ndarray[Any, Any], rate: int
) -> tuple[str | None, dict[str, Any] | None]:
    """Speech to text (``amity.voice``) and the voice-emotion channel (``amity.senses.speech_emotion``, one
    instance per user: it keeps that speaker's running statistics, persisted in ``care_state``) - each only
    when installed."""
    if "stt" not in extras:
        try:
            from amity.voice import make_stt

            extras["stt"] = make_stt(app.config.models_dir)
        except (ImportError, AmityError) as exc:  # faster-whisper or the Whisper wheels are not installed
            log.info("speech to text unavailable: %s", exc)
            extras["stt"] = None
    text = ""
    if extras["stt"] is not None:
        from amity.voice.vocabulary import names_hint

        pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        text = extras["stt"].transcribe(pcm, rate, names_hint(app.db)(user_id)).strip()
    voices: OrderedDict[str, Any] = extras.setdefault("voice_emotion", OrderedDict())
    if user_id not in voices:
        try:
            from amity.senses.speech_emotion import SpeechEmotion
            from amity.store.care_store import CareStore
        except ImportError:
            return text or None, None
        voices[user_id] = SpeechEmotion(store=CareStore(app.db), user_id=user_id)
        if len(voices) > 256:  # bounded: the least recently heard speaker's statistics are reloaded later
            voices.popitem(last=False)
    voices.move_to_end(user_id)
    try:
        affect = voices[user_id].predict(samples.astype(np.float32), rate)
    except AmityError as exc:
        log.info("voice emotion unavailable: %s", exc.message)
        affect = None
    return text or None, (affect.to_dict() if affect is not None else None)


@router.post(
    "/senses/face",
    tags=["senses"],
    summary="Estimate facial affect from one camera frame (JPEG body); the frame is never stored",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def face(request: Request, user_id: UserId) -> dict[str, Any]:
    data = await request.body()
    if not data.startswith(b"\xff\xd8"):
        raise InputError("The frame must be a JPEG image.", "Send one camera frame as image/jpeg.")
    if len(data) > MAX_AUDIO_BYTES:
        raise InputError("The frame is too large (limit 2 MB).", "Send a smaller frame, e.g. 320x240.")
    try:
        import cv2

        from amity.senses.face import FaceExpression
    except ImportError:
        raise FeatureUnavailable(
            "Facial affect is not available on this server.",
            "Install amity's vision extra: pip install 'amity[vision]'.",
        ) from None
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise InputError("The frame could not be decoded as a JPEG image.", "Send one camera frame as image/jpeg.")
    extras = state_of(request.app).extras
    model = extras.setdefault("face_expression", FaceExpression())
    channel = await run_in_threadpool(model.predict, image)
    return {"face_found": channel is not None, "channel": channel.to_dict() if channel else None}
