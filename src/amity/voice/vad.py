"""Voice-activity detection: which 30 ms frames hold speech, where an utterance ends, and barge-in.

Frame classifiers (all at 16 kHz, 30 ms = 480 samples):

* :class:`WebRtcVad` - Google's WebRTC GMM detector (``webrtcvad-wheels``; ~5 µs a frame), the default.
* :class:`EnergyVad` - a level gate over an adaptive noise floor, used when webrtcvad is missing.

:class:`UtteranceSegmenter` turns a stream of frames into utterances: speech starts after ``start_ms`` of
voiced frames (so a click does not open a turn), a pre-roll keeps the audio just before the trigger, and
the utterance ends after ``end_ms`` of silence. That silence tail is the loop's first latency cost (the
"VAD tail" in ``docs/VOICE.md``): shorter answers sooner but cuts people off mid-pause. After ``pause_ms``
of that silence it also offers a *tentative* utterance (``final=False``, from :meth:`UtteranceSegmenter.feed_all`)
so speech recognition can start early; if the tail completes without speech, the final utterance carries
exactly the same audio (both keep ~90 ms after the last voiced frame), which is how the pipeline knows the
early transcript is valid. The words can end the turn sooner or later than ``end_ms`` (see
:mod:`amity.voice.turn_end`): at ``quick_end_ms`` of silence (:attr:`UtteranceSegmenter.at_quick_end`) the live
loop asks whether the transcript sounds finished, then either closes the utterance there
(:meth:`UtteranceSegmenter.finish_now`) or lets it wait for ``hold_ms`` (:meth:`UtteranceSegmenter.hold`).

:class:`BargeInDetector` listens while the companion speaks. Without acoustic echo cancellation the mic
hears the loudspeaker, and the VAD happily calls that speech, so it is half-duplex with a threshold: the
first ``calibrate_ms`` of each playback measure how loud our own voice is at the mic, and only voiced
frames ``margin_db`` louder than that, for ``min_speech_ms`` in a row, count as the user interrupting.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol

from amity.voice.wavio import STT_RATE, rms_dbfs

FRAME_MS = 30
FRAME_BYTES = STT_RATE * FRAME_MS // 1000 * 2  # 480 samples of int16


class FrameClassifier(Protocol):
    name: str

    def is_speech(self, frame: bytes) -> bool: ...


class WebRtcVad:
    """webrtcvad on 30 ms frames at 16 kHz; aggressiveness 0 (lenient) .. 3 (strict)."""

    def __init__(self, aggressiveness: int = 2, min_dbfs: float = -55.0) -> None:
        import webrtcvad

        self.name = f"webrtcvad:{aggressiveness}"
        self._vad: Any = webrtcvad.Vad(aggressiveness)
        self.min_dbfs = min_dbfs

    def is_speech(self, frame: bytes) -> bool:
        return rms_dbfs(frame) > self.min_dbfs and bool(self._vad.is_speech(frame, STT_RATE))


class EnergyVad:
    """Speech = a frame ``above_floor_db`` louder than the running noise floor (and above ``min_dbfs``)."""

    def __init__(self, above_floor_db: float = 12.0, min_dbfs: float = -45.0) -> None:
        self.name = "energy"
        self.above_floor_db = above_floor_db
        self.min_dbfs = min_dbfs
        self.floor_db = -60.0

    def is_speech(self, frame: bytes) -> bool:
        level = rms_dbfs(frame)
        speech = level > self.min_dbfs and level > self.floor_db + self.above_floor_db
        # the floor follows quiet frames quickly and loud ones slowly
        rate = 0.02 if speech else (0.2 if level < self.floor_db else 0.05)
        self.floor_db += rate * (level - self.floor_db)
        return speech


def make_classifier(aggressiveness: int = 2) -> FrameClassifier:
    """WebRTC VAD when installed, else the energy gate."""
    try:
        return WebRtcVad(aggressiveness)
    except ImportError:
        return EnergyVad()


def frames(pcm: bytes) -> list[bytes]:
    """Whole 30 ms frames of 16 kHz int16 PCM (a trailing partial frame is dropped)."""
    return [pcm[i : i + FRAME_BYTES] for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES)]


@dataclass(frozen=True)
class Utterance:
    pcm: bytes  # 16 kHz int16, with pre-roll
    start_s: float  # stream time of the first voiced frame
    speech_end_s: float  # stream time where the last voiced frame ended
    detected_s: float  # stream time when the end was decided (speech_end_s + the silence tail)
    final: bool = True  # False: a pause long enough to start STT early, the utterance may go on


class UtteranceSegmenter:
    """Feeds 16 kHz PCM, returns finished utterances; keeps state across calls."""

    def __init__(
        self,
        classifier: FrameClassifier | None = None,
        *,
        start_ms: int = 120,
        end_ms: int = 450,
        pre_roll_ms: int = 300,
        max_s: float = 30.0,
        min_speech_ms: int = 240,
        pause_ms: int = 120,
        quick_end_ms: int = 300,
        hold_ms: int = 1200,
    ) -> None:
        self.classifier = classifier or make_classifier()
        self.start_frames = max(1, start_ms // FRAME_MS)
        self.end_frames = max(1, end_ms // FRAME_MS)
        self.max_frames = int(max_s * 1000 / FRAME_MS)
        self.min_speech_frames = max(1, min_speech_ms // FRAME_MS)
        self.pause_frames = max(1, pause_ms // FRAME_MS)
        self.quick_frames = max(self.pause_frames + 1, quick_end_ms // FRAME_MS)
        self.hold_frames = max(self.end_frames, hold_ms // FRAME_MS)
        self._pre: deque[bytes] = deque(maxlen=max(1, pre_roll_ms // FRAME_MS))
        self._pending = b""
        self._frame_index = 0
        self.reset()

    def reset(self) -> None:
        """Forget any utterance in progress (e.g. after our own playback)."""
        self._pre.clear()
        self._voiced_run = 0
        self._silent_run = 0
        self._speech_frames = 0
        self._active: list[bytes] | None = None
        self._start_index = 0
        self._last_voiced = 0
        self._end_now = self.end_frames  # silence that closes this pause (``hold`` lengthens it)

    @property
    def in_speech(self) -> bool:
        return self._active is not None

    @property
    def speaking(self) -> bool:
        """In an utterance with enough speech to count (``min_speech_ms``), not just a click or a cough."""
        return self._active is not None and self._speech_frames >= self.min_speech_frames

    @property
    def paused(self) -> bool:
        """In an utterance, silent for at least ``pause_ms`` (a tentative utterance has been offered)."""
        return self._active is not None and self._silent_run >= self.pause_frames

    @property
    def at_quick_end(self) -> bool:
        """Silent for exactly ``quick_end_ms``: time to ask the words whether the turn is over."""
        return self._active is not None and self._silent_run == self.quick_frames

    def finish_now(self) -> Utterance | None:
        """Close the utterance in its pause (the words sound finished); the audio is the tentative one's."""
        if self._active is None or self._silent_run < self.pause_frames:
            return None
        return self._finish(self._frame_index - 1)

    def hold(self) -> None:
        """The words sound unfinished: this pause closes the utterance only after ``hold_ms``."""
        self._end_now = self.hold_frames

    def _time(self, index: int) -> float:
        return index * FRAME_MS / 1000

    def feed(self, pcm: bytes) -> list[Utterance]:
        """Finished utterances only."""
        return [u for u in self.feed_all(pcm) if u.final]

    def feed_all(self, pcm: bytes) -> list[Utterance]:
        """Finished utterances and tentative ones (``final=False``, after ``pause_ms`` of silence)."""
        data = self._pending + pcm
        cut = len(data) - len(data) % FRAME_BYTES
        self._pending = data[cut:]
        done: list[Utterance] = []
        for frame in frames(data[:cut]):
            utterance = self._step(frame)
            if utterance is not None:
                done.append(utterance)
        return done

    def _step(self, frame: bytes) -> Utterance | None:
        index = self._frame_index
        self._frame_index += 1
        voiced = self.classifier.is_speech(frame)
        if self._active is None:
            self._pre.append(frame)
            self._voiced_run = self._voiced_run + 1 if voiced else 0
            if self._voiced_run >= self.start_frames:
                self._active = list(self._pre)
                self._start_index = index - self._voiced_run + 1
                self._last_voiced = index
                self._speech_frames = self._voiced_run
                self._silent_run = 0
                self._pre.clear()
            return None
        self._active.append(frame)
        if voiced:
            self._silent_run = 0
            self._end_now = self.end_frames
            self._last_voiced = index
            self._speech_frames += 1
        else:
            self._silent_run += 1
        if self._silent_run >= self._end_now or len(self._active) >= self.max_frames:
            return self._finish(index)
        if self._silent_run == self.pause_frames and self._speech_frames >= self.min_speech_frames:
            return Utterance(
                self._audio(),
                self._time(self._start_index),
                self._time(self._last_voiced + 1),
                self._time(index + 1),
                final=False,
            )
        return None

    def _audio(self) -> bytes:
        assert self._active is not None
        keep = len(self._active) - max(0, self._silent_run - 3)  # keep ~90 ms of the tail
        return b"".join(self._active[:keep])

    def _finish(self, index: int) -> Utterance | None:
        pcm = self._audio()
        enough = self._speech_frames >= self.min_speech_frames
        start, last = self._start_index, self._last_voiced
        self.reset()
        if not enough:
            return None
        return Utterance(pcm, self._time(start), self._time(last + 1), self._time(index + 1))

    def flush(self) -> Utterance | None:
        """End of stream: return the utterance in progress, if any."""
        if self._active is None:
            return None
        index = self._frame_index - 1
        self._silent_run = 0
        return self._finish(index)


def speech_bounds(pcm: bytes, classifier: FrameClassifier | None = None) -> tuple[float, float] | None:
    """First and last voiced moments (seconds) of a 16 kHz recording, or None when nobody speaks."""
    classifier = classifier or make_classifier()
    voiced = [i for i, frame in enumerate(frames(pcm)) if classifier.is_speech(frame)]
    if not voiced:
        return None
    return voiced[0] * FRAME_MS / 1000, (voiced[-1] + 1) * FRAME_MS / 1000


class BargeInDetector:
    """Decides, frame by frame during playback, whether the user is talking over the companion."""

    def __init__(
        self,
        classifier: FrameClassifier | None = None,
        *,
        calibrate_ms: int = 300,
        margin_db: float = 8.0,
        floor_dbfs: float = -40.0,
        min_speech_ms: int = 240,
    ) -> None:
        self.classifier = classifier or make_classifier()
        self.calibrate_frames = max(1, calibrate_ms // FRAME_MS)
        self.margin_db = margin_db
        self.floor_dbfs = floor_dbfs
        self.min_frames = max(1, min_speech_ms // FRAME_MS)
        self.start()

    def start(self) -> None:
        """Call when playback starts."""
        self._seen = 0
        self._echo_db = -120.0
        self._run = 0

    @property
    def threshold_dbfs(self) -> float:
        return max(self.floor_dbfs, self._echo_db + self.margin_db)

    def feed(self, frame: bytes) -> bool:
        """One 30 ms mic frame during playback; True once the user has been speaking long enough."""
        level = rms_dbfs(frame)
        if self._seen < self.calibrate_frames:
            self._seen += 1
            self._echo_db = max(self._echo_db, level)
            return False
        loud = level > self.threshold_dbfs and self.classifier.is_speech(frame)
        self._run = self._run + 1 if loud else 0
        return self._run >= self.min_frames
