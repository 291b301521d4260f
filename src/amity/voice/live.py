"""The live conversation loop: microphone → VAD → :class:`VoicePipeline` → loudspeaker, with barge-in.

Every 30 ms mic frame goes one of three ways:

* while the companion is speaking, to the :class:`~amity.voice.vad.BargeInDetector` (half-duplex with a
  threshold over our own echo); when it fires, playback stops, the turn in flight is cancelled and the
  recent frames seed the segmenter so the user's first words are not lost;
* for ``deaf_ms`` after playback ends, nowhere (the room's reverberation of our own voice) — except after
  a barge-in: then the user is talking, so every frame, including those while the loudspeaker drains its
  last slice, goes to the segmenter that the interruption seeded;
* otherwise to the :class:`~amity.voice.vad.UtteranceSegmenter`; a finished utterance starts a reply
  task (replacing one still being prepared: the user said more). A pause of ~120 ms starts speculative
  STT (:meth:`VoicePipeline.speculate`), dropped when the user speaks again; an utterance opening asks
  the pipeline to warm the LLM's prompt cache if that has not happened since the last turn. At 300 ms
  of silence the loop waits for that transcript and asks :func:`~amity.voice.turn_end.sounds_finished`:
  finished words close the utterance there, unfinished ones ("I was thinking about, um") hold it open
  for ``hold_ms`` instead of the usual 450 ms. Frames that arrive meanwhile wait in the source's queue.
  A turn that ended too soon is caught: when the user goes on speaking (``min_speech_ms`` of it) before
  the reply is heard, the reply in preparation is dropped (:class:`WentOn`; the words already said stay
  in the conversation, or, when they were still being transcribed, open the next utterance's audio) and the
  loop listens on, so the reply never starts over the user's voice.

All decisions count frames, not wall time, so the loop behaves the same when a test feeds recorded audio
faster than real time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from amity.events import AudioChunk
from amity.voice.audio_io import AudioSink, AudioSource
from amity.voice.pipeline import Heard, VoiceEvent, VoicePipeline, VoiceTurnDone
from amity.voice.turn_end import sounds_finished
from amity.voice.vad import FRAME_MS, BargeInDetector, Utterance, UtteranceSegmenter


@dataclass(frozen=True)
class Interrupted:
    """The user spoke over the companion; playback was stopped."""

    replies_cut: int


@dataclass(frozen=True)
class WentOn:
    """The user went on speaking before the reply was heard; it was dropped, and the loop listens on."""


LiveEvent = VoiceEvent | Interrupted | WentOn


class LiveLoop:
    def __init__(
        self,
        pipeline: VoicePipeline,
        source: AudioSource,
        sink: AudioSink,
        *,
        user_id: str,
        session_id: str | None = None,
        on_event: Callable[[LiveEvent], None] = lambda _event: None,
        segmenter: UtteranceSegmenter | None = None,
        barge_in: BargeInDetector | None = None,
        deaf_ms: int = 250,
    ) -> None:
        self.pipeline = pipeline
        self.source = source
        self.sink = sink
        self.user_id = user_id
        self.session_id = session_id
        self.on_event = on_event
        self.segmenter = segmenter or UtteranceSegmenter()
        self.barge_in = barge_in or BargeInDetector(self.segmenter.classifier)
        self.deaf_frames = deaf_ms // FRAME_MS
        self.turns = 0
        self.interruptions = 0
        self._task: asyncio.Task[None] | None = None
        self._recent: deque[bytes] = deque(maxlen=20)
        self._barged = False  # playback was cut by the user: keep listening, no reset, no deaf window
        self._played = False  # some of the current reply has been sent to the speaker
        self._answering = b""  # the audio of the utterance being answered
        self._heard = False  # its transcript has been given out (the turn has started: the words are stored)
        self._carry = b""  # words dropped before they were heard: they open the next utterance

    async def run(self, max_turns: int | None = None) -> None:
        """Listen until the source ends (then finish the reply in flight) or ``max_turns`` replies."""
        was_playing = False
        speculating = False
        deaf = 0
        try:
            async with contextlib.aclosing(self.source.frames()) as frames:  # the device closes here, not at exit
                async for frame in frames:
                    if max_turns is not None and self.turns >= max_turns:
                        break
                    if self._barged and not self.sink.playing:
                        self._barged = False
                    if self.sink.playing and not self._barged:
                        if not was_playing:
                            self.barge_in.start()
                            self._recent.clear()
                            was_playing = True
                        self._recent.append(frame)
                        if self.barge_in.feed(frame):
                            await self._interrupt()
                            was_playing, self._barged = False, True
                        continue
                    if was_playing:
                        was_playing, deaf = False, self.deaf_frames
                        self.segmenter.reset()
                    if deaf:
                        deaf -= 1
                        continue
                    was_open, was_speaking = self.segmenter.in_speech, self.segmenter.speaking
                    found = self.segmenter.feed_all(frame)
                    if self.segmenter.speaking and not was_speaking and self._unheard():
                        await self._went_on()
                    if self.segmenter.in_speech and not was_open:
                        self.pipeline.warm_soon(self.user_id)
                    if speculating and not self.segmenter.paused:
                        speculating = False
                        if not any(u.final for u in found):
                            self.pipeline.drop_speculation()  # they went on speaking
                    for utterance in found:
                        if not utterance.final:
                            self.pipeline.speculate(self._carry + utterance.pcm, 16_000, self.user_id)
                            speculating = True
                            continue
                        await self._start(utterance, time.perf_counter())
                    if speculating and self.segmenter.at_quick_end:
                        ended = time.perf_counter()
                        heard = await self.pipeline.speculated()
                        done = self.segmenter.finish_now() if heard and sounds_finished(heard) else None
                        if done is None:
                            self.segmenter.hold()
                        else:
                            speculating = False
                            await self._start(done, ended)
            if self._task is not None:
                await self._task
        finally:
            await self._cancel()
            await self.pipeline.aclose()

    async def _start(self, utterance: Utterance, ended: float) -> None:
        """Answer a finished utterance (replacing a reply still being prepared: the user said more)."""
        await self._cancel()
        tail = (utterance.detected_s - utterance.speech_end_s) * 1000
        self._played, self._heard = False, False
        self._answering, self._carry = self._carry + utterance.pcm, b""
        self._task = asyncio.create_task(self._answer(self._answering, ended, tail))

    async def _went_on(self) -> None:
        """The user was not done: drop the reply in preparation; their next words get the answer. Words not
        yet transcribed (STT was still running) are kept and open the next utterance, so none are lost."""
        await self._cancel()
        if not self._heard:
            self._carry = self._answering
        self.on_event(WentOn())

    def _unheard(self) -> bool:
        """A reply is being prepared and none of it has played yet."""
        return self._task is not None and not self._task.done() and not self._played

    async def _interrupt(self) -> None:
        self.sink.stop()
        cut = 1 if self._task is not None and not self._task.done() else 0
        await self._cancel()
        self.interruptions += 1
        self.segmenter.reset()
        for frame in self._recent:
            self.segmenter.feed(frame)
        self.on_event(Interrupted(cut))

    async def _cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None

    async def _answer(self, pcm: bytes, ended: float, vad_tail_ms: float) -> None:
        async for event in self.pipeline.respond(
            self.user_id, pcm, 16_000, session_id=self.session_id, speech_ended=ended, vad_tail_ms=vad_tail_ms
        ):
            if isinstance(event, Heard):
                self._heard = True
            elif isinstance(event, AudioChunk):
                self._barged = False  # a new reply: listen for interruptions again
                self._played = True
                self.sink.play(event.pcm, event.sample_rate)
            elif isinstance(event, VoiceTurnDone):
                self.turns += 1
                if event.end is not None:
                    self.session_id = event.end.session
            self.on_event(event)
