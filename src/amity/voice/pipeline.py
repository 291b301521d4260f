"""One spoken turn: speech to text → ``Companion.turn`` → speech, sentence by sentence, with timings.

:meth:`VoicePipeline.respond` takes an utterance (PCM cut by the VAD) and yields:

* :class:`Heard` - the transcript (first; nothing follows when it is empty);
* every engine event of the turn, unchanged (``Notice``, ``TextDelta``, ``TurnEnd``, …);
* :class:`~amity.events.AudioChunk` - the spoken reply, one chunk per sentence, in order;
* :class:`VoiceTurnDone` - last, with per-stage :class:`VoiceTimings`.

Scheduling on a 2-core CPU. The stages are STT, the optional voice-emotion channel, the LLM (llama.cpp
runs in its own threads inside the process and cannot be paused by not reading its stream) and TTS.
STT and emotion must finish before the turn starts, so they run one after the other in worker threads.
TTS of sentence *n* runs while the LLM writes sentence *n+1* (``overlap=True``); with
``overlap=False`` speech starts only when the reply is complete (the non-streaming baseline, kept for the
benchmark). CPU-bound stages of our own take ``cpu_gate`` so they never run two at a time (a second
turn's STT waits for the first turn's TTS). llama.cpp cannot take the gate, so :meth:`VoicePipeline.warm_up`
lowers its threads' priority (``llm_nice``, :meth:`EmbeddedLLM.lower_priority
<amity.llm.embedded.EmbeddedLLM.lower_priority>`): while Piper speaks the first sentence the model writing the
next one yields the CPU (first chunk 252 → 136 ms beside the 1.5B). ``docs/VOICE.md`` has the measurements
behind these choices.

Prompt prefill off the critical path. Two things run while the user is not waiting:

* **cache warming** - once the reply's last sentence is synthesised (never while TTS runs: both want
  both cores), :meth:`Companion.warm` sends the next turn's stable prompt prefix to llama.cpp, so the
  next turn evaluates only its short late message and the user's words. It runs under ``cpu_gate`` as a
  background task, i.e. while the reply is played and the user answers; the next turn's STT waits for it
  (the work is the next turn's anyway). :meth:`VoicePipeline.warm_soon` starts one if none has run since
  the last turn (the live loop calls it when the VAD opens an utterance, e.g. after a barge-in).
* **speculative STT** - the live loop calls :meth:`VoicePipeline.speculate` when the user has been silent
  for ~120 ms (the segmenter's pause); if the VAD then closes the utterance with the same audio,
  :meth:`respond` takes that transcript instead of starting STT at the end of the tail; speech that
  resumes cancels it (:meth:`VoicePipeline.drop_speculation`). The same transcript decides, at 300 ms of
  silence, whether the turn is over (:meth:`VoicePipeline.speculated`, :mod:`amity.voice.turn_end`).

Cancelling the consumer (barge-in) cancels the turn and the TTS worker: the user's words are stored,
the unfinished reply is not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from amity.engine import Companion
from amity.errors import AmityError
from amity.events import AffectDetected, AudioChunk, Event, TextDelta, TurnEnd
from amity.types import Affect, ChannelAffect, Prosody
from amity.voice.base import NEUTRAL, SpeechToText, TextToSpeech, VoiceEmotion
from amity.voice.sentences import SentenceChunker
from amity.voice.wavio import to_float

log = logging.getLogger(__name__)
T = TypeVar("T")
LLM_NICE = 10  # nice value of an in-process model's threads in the voice loop (0 = same priority as speech)


@dataclass(frozen=True)
class Heard:
    text: str


@dataclass
class VoiceTimings:
    """Milliseconds per stage; ``first_audio_ms`` counts from the end of the user's speech."""

    vad_tail_ms: float = 0.0
    stt_ms: float = 0.0
    emotion_ms: float = 0.0
    first_sentence_ms: float = 0.0  # turn start → first complete sentence from the LLM
    first_tts_ms: float = 0.0  # synthesis time of that sentence
    first_audio_ms: float = 0.0
    stt_wait_ms: float = 0.0  # end of the VAD tail → transcript ready (0 when speculative STT finished in time)
    speculative: float = 0.0  # 1.0 when the transcript came from speculative STT
    reply_ms: float = 0.0  # turn start → reply complete
    audio_s: float = 0.0  # seconds of speech produced
    tts_ms: float = 0.0  # total synthesis time
    sentences: int = 0

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(v), 1) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class VoiceTurnDone:
    transcript: str
    reply: str
    timings: VoiceTimings
    end: TurnEnd | None = None
    channels: tuple[ChannelAffect, ...] = field(default=())


VoiceEvent = Heard | Event | VoiceTurnDone


class VoicePipeline:
    """Binds a companion to speech recognition and synthesis."""

    def __init__(
        self,
        companion: Companion,
        stt: SpeechToText,
        tts: TextToSpeech,
        *,
        emotion: VoiceEmotion | None = None,
        overlap: bool = True,
        chunker: Callable[[], SentenceChunker] = SentenceChunker,
        warm_cache: bool = True,
        spoken: bool = True,
        llm_nice: int = LLM_NICE,
        prosody: Callable[[str, Affect | None], Prosody] | None = None,
        hint: Callable[[str], str] | None = None,
    ) -> None:
        self.companion = companion
        self.stt = stt
        self.tts = tts
        self.emotion = emotion
        self.overlap = overlap
        self.chunker = chunker
        self.warm_cache = warm_cache
        self.spoken = spoken  # Companion.turn(spoken=...): speech rule + short late message
        self.llm_nice = llm_nice
        self.prosody = prosody  # (user, the turn's affect) -> how to colour the voice (the companion's mood)
        self.hint = hint  # user -> names speech recognition should expect (amity.voice.vocabulary)
        self.cpu_gate = asyncio.Lock()
        self.warm_ms: list[float] = []  # wall time of each cache warm-up (for the benchmark)
        self._warm_task: asyncio.Task[bool] | None = None
        self._warm_due: set[str] = set()  # users with a turn since their last warm-up
        self._spec: tuple[bytes, asyncio.Task[tuple[str, float]]] | None = None

    async def _cpu(self, fn: Callable[..., T], *args: Any) -> T:
        async with self.cpu_gate:
            job = asyncio.ensure_future(asyncio.to_thread(fn, *args))
            try:
                return await asyncio.shield(job)
            except asyncio.CancelledError:  # a thread cannot be stopped: keep the gate until it is done
                with contextlib.suppress(Exception):
                    await job
                raise

    async def warm_up(self) -> None:
        """Load the models now rather than during the first turn; an in-process model's threads get the
        lower priority (``llm_nice``) before it starts."""
        for part in (self.stt, self.tts):
            load = getattr(part, "load", None)
            if callable(load):
                await asyncio.to_thread(load)
        lower_priority = getattr(self.companion.llm, "lower_priority", None)
        if callable(lower_priority) and self.llm_nice > 0:
            lower_priority(self.llm_nice)
        start = getattr(self.companion.llm, "start", None)
        if callable(start):
            await asyncio.to_thread(start)

    async def transcribe(self, pcm: bytes, sample_rate: int, user_id: str | None = None) -> str:
        return (await self._stt(pcm, sample_rate, user_id))[0]

    def _hint(self, user_id: str | None) -> str:
        if self.hint is None or user_id is None:
            return ""
        try:
            return self.hint(user_id)
        except AmityError as exc:  # a hint helps; without it the words are still heard
            log.warning("no names hint for speech recognition: %s", exc)
            return ""

    async def _stt(self, pcm: bytes, sample_rate: int, user_id: str | None = None) -> tuple[str, float]:
        """(transcript, ms spent transcribing - not counting the wait for the CPU gate)."""
        hint = self._hint(user_id)
        async with self.cpu_gate:
            started = time.perf_counter()
            job = asyncio.ensure_future(asyncio.to_thread(self.stt.transcribe, pcm, sample_rate, hint))
            try:
                text = await asyncio.shield(job)
            except asyncio.CancelledError:  # a thread cannot be stopped: keep the gate until it is done
                with contextlib.suppress(Exception):
                    await job
                raise
            return text, (time.perf_counter() - started) * 1000

    # -- speculative STT -----------------------------------------------------------------------------
    def speculate(self, pcm: bytes, sample_rate: int, user_id: str | None = None) -> None:
        """Start transcribing an utterance that may be complete (the user paused); replaces any earlier
        guess. :meth:`respond` uses the result when it is called with exactly this audio."""
        self.drop_speculation()
        self._spec = (pcm, asyncio.create_task(self._stt(pcm, sample_rate, user_id)))

    def drop_speculation(self) -> None:
        """The user spoke again: forget the guess (a transcription already running finishes unused, still
        holding the CPU gate, so nothing else CPU-bound overlaps it)."""
        if self._spec is not None:
            self._spec[1].cancel()
            self._spec = None

    async def speculated(self) -> str | None:
        """The transcript of the current guess, waiting for it if it is still being made; None when there
        is no guess or it failed (:meth:`respond` then transcribes, and reports any error)."""
        if self._spec is None:
            return None
        job = self._spec[1]
        await asyncio.wait({job})
        if job.cancelled() or job.exception() is not None:
            return None
        return job.result()[0]

    def _take_speculation(self, pcm: bytes) -> asyncio.Task[tuple[str, float]] | None:
        spec, self._spec = self._spec, None
        if spec is None:
            return None
        if spec[0] != pcm:
            spec[1].cancel()
            return None
        return spec[1]

    # -- cache warming -------------------------------------------------------------------------------
    def warm_soon(self, user_id: str) -> None:
        """Warm the LLM's prompt cache for ``user_id``'s next turn unless that is done or under way."""
        if not self.warm_cache or user_id not in self._warm_due:
            return
        if self._warm_task is not None and not self._warm_task.done():
            return
        self._warm_due.discard(user_id)
        self._warm_task = asyncio.create_task(self._warm(user_id))

    async def _warm(self, user_id: str) -> bool:
        """Best effort in the background: a failure (a remote model down, the app closing) costs only the head
        start, so it is logged, not raised into a task nobody awaits."""
        async with self.cpu_gate:
            started = time.perf_counter()
            try:
                warmed = await self.companion.warm(user_id)
            except Exception as exc:  # any failure of an optional warm-up ends it quietly
                log.debug("prompt cache warm-up for %s skipped: %s", user_id, exc)
                return False
            if warmed:
                self.warm_ms.append((time.perf_counter() - started) * 1000)
            return warmed

    async def settled(self) -> None:
        """Wait for a cache warm-up in flight (tests, benchmark, shutdown)."""
        if self._warm_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._warm_task

    async def aclose(self) -> None:
        """Cancel background work (speculative STT, cache warm-up) and wait for work already in a thread
        (a transcription, a voice-emotion estimate that saves speaker statistics) before the app closes."""
        self.drop_speculation()
        if self._warm_task is not None:
            self._warm_task.cancel()
            await self.settled()
        async with asyncio.timeout(30):
            async with self.cpu_gate:
                pass

    async def _channels(self, pcm: bytes, sample_rate: int) -> tuple[ChannelAffect, ...]:
        if self.emotion is None:
            return ()
        try:
            channel = await self._cpu(self.emotion.predict, to_float(pcm), sample_rate)
        except (AmityError, ValueError, RuntimeError, OSError) as exc:  # optional: the turn goes on without it
            log.warning("voice emotion skipped: %s", exc)
            return ()
        return (channel,) if channel is not None else ()

    async def respond(
        self,
        user_id: str,
        pcm: bytes,
        sample_rate: int,
        *,
        session_id: str | None = None,
        vad_tail_ms: float = 0.0,
        speech_ended: float | None = None,
    ) -> AsyncIterator[VoiceEvent]:
        """Answer one utterance; ``speech_ended`` is the ``perf_counter`` time the VAD closed it."""
        t0 = speech_ended if speech_ended is not None else time.perf_counter()
        timings = VoiceTimings(vad_tail_ms=vad_tail_ms)
        guess = self._take_speculation(pcm)
        if guess is not None:
            timings.speculative = 1.0
            text, timings.stt_ms = await guess
        else:
            text, timings.stt_ms = await self._stt(pcm, sample_rate, user_id)
        timings.stt_wait_ms = (time.perf_counter() - t0) * 1000
        yield Heard(text)
        if not text:
            return
        started = time.perf_counter()
        channels = await self._channels(pcm, sample_rate)
        timings.emotion_ms = (time.perf_counter() - started) * 1000
        turn = self.companion.turn(user_id, text, session_id=session_id, channels=channels, spoken=self.spoken)
        self._warm_due.add(user_id)
        end: TurnEnd | None = None
        async for event in self._speak(turn, timings, t0, vad_tail_ms, user_id):
            if isinstance(event, TurnEnd):
                end = event
            yield event
        self.warm_soon(user_id)  # every sentence is synthesised: the CPU is free until the user speaks
        yield VoiceTurnDone(text, end.reply if end else "", timings, end, channels)

    async def _speak(
        self, turn: AsyncIterator[Event], timings: VoiceTimings, t0: float, vad_tail_ms: float, user_id: str
    ) -> AsyncIterator[Event]:
        out: asyncio.Queue[Event | BaseException | None] = asyncio.Queue()
        sentences: asyncio.Queue[str | None] = asyncio.Queue()
        turn_started = time.perf_counter()
        affect: list[Affect] = []  # the turn's affect, once the stages have read it

        async def produce() -> None:
            chunker = self.chunker()
            held: list[str] = []
            try:
                async for event in turn:
                    await out.put(event)
                    if isinstance(event, AffectDetected):
                        affect.append(event.affect)
                    if isinstance(event, TextDelta):
                        for piece in chunker.feed(event.text):
                            if not timings.first_sentence_ms:
                                timings.first_sentence_ms = (time.perf_counter() - turn_started) * 1000
                            (sentences.put_nowait if self.overlap else held.append)(piece)
                timings.reply_ms = (time.perf_counter() - turn_started) * 1000
                for piece in held + chunker.flush():
                    if not timings.first_sentence_ms:
                        timings.first_sentence_ms = (time.perf_counter() - turn_started) * 1000
                    sentences.put_nowait(piece)
            finally:
                sentences.put_nowait(None)
                with contextlib.suppress(Exception):
                    await turn.aclose()  # type: ignore[attr-defined]

        async def synthesize() -> None:
            style: Prosody | None = None
            while (piece := await sentences.get()) is not None:
                if style is None:  # read once the turn's stages have run: the companion's mood of this reply
                    style = self.prosody(user_id, affect[-1] if affect else None) if self.prosody else NEUTRAL
                started = time.perf_counter()
                pcm, rate = await self._cpu(self.tts.synthesize, piece, style)
                spent = (time.perf_counter() - started) * 1000
                timings.tts_ms += spent
                if not pcm:
                    continue
                if timings.sentences == 0:
                    timings.first_tts_ms = spent
                    timings.first_audio_ms = vad_tail_ms + (time.perf_counter() - t0) * 1000
                timings.sentences += 1
                timings.audio_s += len(pcm) / 2 / rate
                await out.put(AudioChunk(pcm, rate))

        async def guarded(job: Callable[[], Any]) -> None:
            try:
                await job()
            except asyncio.CancelledError:
                raise
            except BaseException as exc:
                await out.put(exc)

        tasks = [asyncio.create_task(guarded(produce)), asyncio.create_task(guarded(synthesize))]
        watcher = asyncio.create_task(_close_when_done(tasks, out))
        try:
            while (item := await out.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            for task in (*tasks, watcher):
                task.cancel()
            await asyncio.gather(*tasks, watcher, return_exceptions=True)


async def _close_when_done(tasks: Sequence[asyncio.Task[None]], out: asyncio.Queue[Any]) -> None:
    await asyncio.gather(*tasks, return_exceptions=True)
    await out.put(None)
