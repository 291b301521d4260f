"""The live voice loop on real audio devices: `amity voice` through PortAudio, ALSA and a private PulseAudio.

No sound card here, so a private PulseAudio server provides the devices: a *pipe source* is the microphone
(this test writes 16 kHz speech into it in real time) and a *null sink* is the loudspeaker (its monitor is
recorded with ``parecord``). Everything between — ``sounddevice`` opening the default devices, the VAD,
Whisper, the turn, espeak-ng, playback in 50 ms slices, barge-in — is the product's own code path, run as the
user runs it. Checked: the question is heard and answered out loud; speaking over the reply interrupts it and
the interruption is heard as the next utterance; Ctrl-C turns the microphone off cleanly.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from amity.voice.wavio import read_wav, resample

pytestmark = pytest.mark.heavy

REPLY = (
    "That sounds like a really long day, Sam. I'm glad you told me about it. When days stretch on like that, "
    "it can help to name one small thing that went well, and one thing you would like to leave behind. "
    "Would you like to try that together, or would you rather just tell me what happened?"
)
PA_CONFIG = """
load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
load-module module-null-sink sink_name=speaker rate=16000 channels=1
load-module module-pipe-source source_name=mic file={fifo} format=s16le rate=16000 channels=1
set-default-sink speaker
set-default-source mic
"""
FRAME = 640  # 20 ms of 16 kHz int16


class Microphone:
    """Writes silence into the pipe source in real time, and speech when asked."""

    def __init__(self, fifo: Path) -> None:
        self.fifo = fifo
        self.queue: list[bytes] = []
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def say(self, pcm: bytes) -> float:
        """Queue speech; returns its duration in seconds."""
        with self.lock:
            self.queue.append(pcm)
        return len(pcm) / 32000

    def _run(self) -> None:
        with open(self.fifo, "wb", buffering=0) as pipe:
            start, sent = time.monotonic(), 0
            pending = b""
            while self.running:
                if not pending:
                    with self.lock:
                        pending = self.queue.pop(0) if self.queue else b""
                chunk, pending = (pending[:FRAME], pending[FRAME:]) if pending else (bytes(FRAME), b"")
                pipe.write(chunk.ljust(FRAME, b"\0"))
                sent += FRAME
                time.sleep(max(0.0, start + sent / 32000 - time.monotonic()))

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[dict[str, str]]:
    if not shutil.which("pulseaudio") or not shutil.which("parecord"):
        pytest.skip("pulseaudio and pulseaudio-utils are needed (scripts/setup installs them)")
    fifo, socket = tmp_path / "mic.fifo", tmp_path / "pulse.sock"
    config = tmp_path / "pulse.pa"
    config.write_text(PA_CONFIG.format(socket=socket, fifo=fifo))
    env = {**os.environ, "PULSE_SERVER": f"unix:{socket}", "PULSE_RUNTIME_PATH": str(tmp_path / "run")}
    server = subprocess.Popen(
        ["pulseaudio", "-n", "-F", str(config), "--daemonize=no", "--exit-idle-time=-1", "--log-target=stderr"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not (socket.exists() and fifo.exists()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert socket.exists(), "PulseAudio did not start"
    yield {**env, "FIFO": str(fifo)}
    server.terminate()
    server.wait(timeout=10)


def speech(text: str, tmp: Path) -> bytes:
    path = tmp / f"{abs(hash(text))}.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(path), text], check=True)
    pcm, rate = read_wav(path)
    return resample(pcm, rate, 16000)


def wait_for(path: Path, needle: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in path.read_text(errors="replace"):
            return True
        time.sleep(0.1)
    return False


def voiced_seconds(wav: Path) -> float:
    pcm, rate = read_wav(wav)
    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float64)
    frames = samples[: len(samples) // 1600 * 1600].reshape(-1, 1600)
    return float((np.sqrt((frames**2).mean(axis=1)) > 300).sum() / (rate / 1600))


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng makes the spoken questions")
def test_live_loop_on_audio_devices_answers_and_can_be_interrupted(pulse: dict[str, str], tmp_path: Path) -> None:
    mic = Microphone(Path(pulse["FIFO"]))
    out, err, recording = tmp_path / "stdout.txt", tmp_path / "stderr.txt", tmp_path / "speaker.wav"
    env = {**pulse, "AMITY_HOME": str(tmp_path / "home"), "AMITY_MODEL": f"fake:{REPLY}", "COLUMNS": "300"}
    recorder = subprocess.Popen(
        ["parecord", "--device=speaker.monitor", "--rate=16000", "--channels=1", "--file-format=wav", str(recording)],
        env=env,
    )
    amity = Path(sys.executable).with_name("amity")
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen([str(amity), "voice", "--tts", "espeak"], env=env, stdout=stdout, stderr=stderr)
    try:
        assert wait_for(err, "Microphone on", 180), err.read_text()
        time.sleep(1.0)
        mic.say(speech("Hello, my name is Sam. I had a long day at work today.", tmp_path))
        assert wait_for(err, "first audio after", 60), err.read_text()
        time.sleep(2.0)  # the long reply is playing now: talk over it
        mic.say(speech("Wait, sorry, I have to stop you there.", tmp_path))
        assert wait_for(err, "(interrupted)", 30), err.read_text() + out.read_text()
        assert wait_for(out, "stop you", 30), out.read_text()  # the interruption is the next utterance
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=60)
        mic.close()
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=10)
    said = out.read_text()
    heard = [line for line in said.splitlines() if line.startswith("You:")]
    assert "my name is Sam" in heard[0]  # (alone, Whisper base may hear "Hello" as "The Lowe")
    if len(heard) == 3:  # the pause after "Sam." ended the turn; the user went on before the reply was heard
        assert "(you went on - listening)" in err.read_text() and "day" in heard[1]  # "…long day at work today."
    assert len(heard) in (2, 3) and heard[-1].startswith("You: Wait")  # the interruption, from its first word
    assert "Amity: That sounds like a really long day, Sam." in said
    assert code in (0, 130) and "Microphone off." in err.read_text()  # 130: the usual status after Ctrl-C
    assert "not saved" not in err.read_text()  # work in flight at Ctrl-C finished before the database closed
    spoken = voiced_seconds(recording)
    assert 0.3 < spoken < 12.0  # the reply (~20 s in full) was heard on the loudspeaker, then cut short
