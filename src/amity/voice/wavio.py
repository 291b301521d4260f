"""WAV files and sample-rate conversion for the voice loop.

Everything inside the voice package is mono signed 16-bit little-endian PCM (``bytes``), the format of
:class:`amity.events.AudioChunk`. This module reads any PCM WAV (8/16/24/32-bit integer, mono or
multi-channel; channels are averaged), writes mono 16-bit WAV, and resamples with a polyphase filter
(``scipy.signal.resample_poly`` when SciPy is installed, linear interpolation otherwise). Speech to text
works at 16 kHz; Piper speaks at 22.05 kHz; espeak-ng at 22.05 kHz.
"""

from __future__ import annotations

import io
import wave
from math import gcd
from pathlib import Path

import numpy as np
import numpy.typing as npt

from amity.errors import InputError

STT_RATE = 16_000


def read_wav(source: Path | bytes) -> tuple[bytes, int]:
    """Read a PCM WAV file (path or bytes) as mono int16 PCM and its sample rate."""
    where = "the audio" if isinstance(source, bytes) else str(source)
    try:
        with wave.open(io.BytesIO(source) if isinstance(source, bytes) else str(source), "rb") as handle:
            channels, width, rate = handle.getnchannels(), handle.getsampwidth(), handle.getframerate()
            raw = handle.readframes(handle.getnframes())
    except FileNotFoundError as exc:
        raise InputError(f"No audio file at {where}.", "Check the path of the --input file.") from exc
    except (wave.Error, EOFError) as exc:
        raise InputError(
            f"Cannot read {where} as WAV: {exc}.",
            "Give a PCM WAV file (e.g. `ffmpeg -i in.mp3 -ac 1 -ar 16000 in.wav`).",
        ) from exc
    samples = _to_float(raw, width)
    if channels > 1:
        samples = samples[: len(samples) // channels * channels].reshape(-1, channels).mean(axis=1)
    return to_pcm(samples), rate


def _to_float(raw: bytes, width: int) -> npt.NDArray[np.float32]:
    if width == 1:
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    if width == 2:
        return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = (b[:, 0] << 8) | (b[:, 1] << 16) | (b[:, 2] << 24)
        return (ints >> 8).astype(np.float32) / 8388608.0
    if width == 4:
        return np.frombuffer(raw, dtype="<i4").astype(np.float32) / 2147483648.0
    raise InputError(f"Unsupported WAV sample width: {width * 8} bits.", "Convert the file to 16-bit PCM.")


def write_wav(path: Path, pcm: bytes, sample_rate: int) -> None:
    """Write mono int16 PCM as a WAV file (atomically: a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    tmp.replace(path)


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    """Mono int16 PCM wrapped in a WAV container, in memory."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def to_float(pcm: bytes) -> npt.NDArray[np.float32]:
    """int16 PCM bytes → float32 samples in [-1, 1)."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def to_pcm(samples: npt.NDArray[np.floating]) -> bytes:
    """float samples in [-1, 1] → int16 PCM bytes (clipped)."""
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 32767.0 / 32768.0)
    return (clipped * 32768.0).astype("<i2").tobytes()


def resample(pcm: bytes, rate_in: int, rate_out: int) -> bytes:
    """Resample int16 PCM from ``rate_in`` to ``rate_out`` Hz."""
    if rate_in == rate_out or not pcm:
        return pcm
    samples = to_float(pcm)
    try:
        from scipy.signal import resample_poly
    except ImportError:
        n_out = round(len(samples) * rate_out / rate_in)
        positions = np.linspace(0, len(samples) - 1, n_out)
        return to_pcm(np.interp(positions, np.arange(len(samples)), samples))
    g = gcd(rate_in, rate_out)
    return to_pcm(resample_poly(samples, rate_out // g, rate_in // g))


def duration_s(pcm: bytes, sample_rate: int) -> float:
    return len(pcm) / 2 / sample_rate


def rms_dbfs(pcm: bytes) -> float:
    """Root-mean-square level of int16 PCM in dBFS (-120 for silence)."""
    samples = to_float(pcm)
    if samples.size == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return max(-120.0, 20.0 * float(np.log10(rms)) if rms > 0 else -120.0)
