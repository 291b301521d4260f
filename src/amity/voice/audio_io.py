"""Microphone and loudspeaker through ``sounddevice`` (PortAudio), imported lazily.

:class:`Microphone` delivers 30 ms frames of 16 kHz int16 mono into an asyncio queue from PortAudio's
callback thread. :class:`Speaker` plays chunks from a queue in its own thread with a blocking output
stream, written in 50 ms slices so :meth:`Speaker.stop` (barge-in) silences it within ~50 ms. Both raise
a :class:`~amity.errors.ConfigError` that says what to install or plug in when PortAudio or a device is
missing, never a raw traceback. The live loop only needs the small :class:`AudioSource` /
:class:`AudioSink` protocols, so tests drive it with recorded audio instead of hardware.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import AsyncGenerator
from types import ModuleType
from typing import Any, Protocol

from amity.errors import ConfigError
from amity.voice.vad import FRAME_BYTES
from amity.voice.wavio import STT_RATE


class AudioSource(Protocol):
    def frames(self) -> AsyncGenerator[bytes, None]:
        """30 ms frames of 16 kHz int16; an async generator, so whoever stops reading can close the device."""
        ...


class AudioSink(Protocol):
    @property
    def playing(self) -> bool: ...

    def play(self, pcm: bytes, sample_rate: int) -> None: ...

    def stop(self) -> None: ...


def _sounddevice() -> ModuleType:
    try:
        import sounddevice
    except ImportError as exc:
        raise ConfigError("Live voice needs sounddevice.", "pip install 'amity[voice]'") from exc
    except OSError as exc:  # the wheel is there but the PortAudio library is not
        raise ConfigError(
            f"The audio library PortAudio is missing ({exc}).",
            "Install it: `apt-get install libportaudio2` (Linux) or `brew install portaudio` (macOS); "
            "or use files: `amity voice --input question.wav --output reply.wav`.",
        ) from exc
    module: ModuleType = sounddevice
    return module


def _check_device(sd: ModuleType, kind: str) -> None:
    try:
        sd.query_devices(kind=kind)
    except Exception as exc:  # PortAudio raises its own error types
        what = "microphone" if kind == "input" else "loudspeaker"
        raise ConfigError(
            f"No {what} was found ({exc}).",
            f"Connect a {what} (and allow this program to use it), or use files: "
            "`amity voice --input question.wav --output reply.wav`.",
        ) from exc


class Microphone:
    """16 kHz mono int16 capture in 30 ms frames."""

    def __init__(self, device: int | str | None = None) -> None:
        self.device = device

    async def frames(self) -> AsyncGenerator[bytes, None]:
        sd = _sounddevice()
        _check_device(sd, "input")
        loop = asyncio.get_running_loop()
        frames: asyncio.Queue[bytes] = asyncio.Queue(maxsize=200)

        def callback(data: Any, _count: int, _time: Any, _status: Any) -> None:
            if loop.is_closed():  # shutting down: PortAudio may call once more before the stream stops
                raise sd.CallbackStop
            loop.call_soon_threadsafe(_offer, frames, bytes(data))

        stream = sd.RawInputStream(
            samplerate=STT_RATE,
            blocksize=FRAME_BYTES // 2,
            channels=1,
            dtype="int16",
            device=self.device,
            callback=callback,
        )
        with stream:
            while True:
                yield await frames.get()


def _offer(frames: asyncio.Queue[bytes], chunk: bytes) -> None:
    if frames.full():  # the loop fell behind: drop the oldest audio rather than grow without bound
        frames.get_nowait()
    frames.put_nowait(chunk)


class Speaker:
    """Plays PCM chunks in order on a background thread; ``stop`` drops everything queued."""

    SLICE_S = 0.05

    def __init__(self, device: int | str | None = None) -> None:
        sd = _sounddevice()
        _check_device(sd, "output")
        self._sd = sd
        self.device = device
        self._queue: queue.Queue[tuple[bytes, int, int]] = queue.Queue()
        self._generation = 0
        self._pending = 0  # chunks queued or playing
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="amity-speaker", daemon=True)
        self._thread.start()

    @property
    def playing(self) -> bool:
        return self._pending > 0

    def play(self, pcm: bytes, sample_rate: int) -> None:
        with self._lock:
            self._pending += 1
            self._queue.put((pcm, sample_rate, self._generation))

    def stop(self) -> None:
        with self._lock:
            self._generation += 1

    def _run(self) -> None:
        while True:
            pcm, rate, generation = self._queue.get()
            try:
                if generation == self._generation:
                    self._write(pcm, rate, generation)
            finally:
                with self._lock:
                    self._pending -= 1

    def _write(self, pcm: bytes, rate: int, generation: int) -> None:
        with self._sd.RawOutputStream(samplerate=rate, channels=1, dtype="int16", device=self.device) as out:
            step = int(rate * self.SLICE_S) * 2
            for i in range(0, len(pcm), step):
                if generation != self._generation:
                    out.abort()
                    return
                out.write(pcm[i : i + step])
