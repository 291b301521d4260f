"""End of turn from the words: the rules, the segmenter's quick end and hold, and the live loop using them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator

import pytest
from typer.testing import CliRunner

from amity.app import App
from amity.cli.main import cli
from amity.cli.voice import segmenter_timing
from amity.errors import InputError
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.types import Prosody
from amity.voice.base import NEUTRAL
from amity.voice.live import LiveEvent, LiveLoop, WentOn
from amity.voice.pipeline import Heard, VoicePipeline, VoiceTurnDone
from amity.voice.turn_end import sounds_finished
from amity.voice.vad import UtteranceSegmenter, frames, make_classifier
from tests.test_voice_units import FakeSpeaker, ToneTTS, silence, voiced


@pytest.mark.parametrize(
    "text",
    [
        "I had a really long day at work.",
        "Can you suggest something relaxing I could do this evening?",
        "What are you afraid of?",
        "I think so.",
        "I miss her.",
        "Not really.",
        "I haven't seen him in a while.",
        "Thanks!",
    ],
)
def test_finished_sentences_end_the_turn(text: str) -> None:
    assert sounds_finished(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was thinking about",
        "I was thinking about, um",
        "My sister and",
        "I went to the",
        "Because my",
        "I feel like...",
        "It's just that I'm",
        "I don't know if.",  # Whisper's full stop does not finish a sentence
        "So the thing is -",
        "I was going to.",  # Whisper's full stop after a pause
        "My mum and I have.",
        "And then she.",
        "",
        "   ",
    ],
)
def test_unfinished_words_hold_the_turn_open(text: str) -> None:
    assert not sounds_finished(text)


def test_segmenter_quick_end_closes_with_the_pause_audio_and_hold_waits_longer() -> None:
    stream = silence(0.3) + voiced(1.0) + silence(1.6)
    quick = UtteranceSegmenter(make_classifier())
    tentative, closed = None, None
    for frame in frames(stream):
        for utterance in quick.feed_all(frame):
            tentative = tentative or utterance
        if quick.at_quick_end:
            closed = quick.finish_now()
            break
    assert tentative is not None and not tentative.final
    assert closed is not None and closed.final and closed.pcm == tentative.pcm
    assert 0.28 <= closed.detected_s - closed.speech_end_s <= 0.36  # the quick tail, not 450 ms
    assert 0.1 <= tentative.detected_s - tentative.speech_end_s <= 0.16  # speculative STT starts at ~120 ms

    held = UtteranceSegmenter(make_classifier())
    finals = []
    for frame in frames(stream):
        finals += held.feed(frame)
        if held.at_quick_end:
            held.hold()
    assert len(finals) == 1 and 1.15 <= finals[0].detected_s - finals[0].speech_end_s <= 1.3


class ScriptedSTT:
    """Returns its transcripts in order, one per call (the last one again when they run out)."""

    name = "scripted-stt"

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)
        self.calls = 0

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str:
        self.calls += 1
        return self.texts.pop(0) if len(self.texts) > 1 else self.texts[0]


class Mic:
    def __init__(self, audio: bytes) -> None:
        self.audio = audio

    async def frames(self) -> AsyncGenerator[bytes, None]:
        for frame in frames(self.audio):
            yield frame
            await asyncio.sleep(0)


async def run_loop(app: App, stt: ScriptedSTT, audio: bytes) -> list[LiveEvent]:
    seen: list[LiveEvent] = []
    speaker = FakeSpeaker()
    loop = LiveLoop(
        VoicePipeline(app.companion, stt, ToneTTS()), Mic(audio), speaker, user_id="ana", on_event=seen.append
    )
    await asyncio.wait_for(loop.run(), timeout=30)
    return seen


async def test_a_mid_sentence_pause_is_held_open_and_a_finished_sentence_answered_quickly(
    app: App, fake_llm: FakeLLM
) -> None:
    fake_llm.enqueue("Tell me about her.")
    pause = silence(0.6)  # longer than the 450 ms silence that used to close a turn
    audio = silence(0.3) + voiced(1.0) + pause + voiced(0.8, seed=3) + silence(1.5)
    stt = ScriptedSTT("I was thinking about", "I was thinking about my mum.")
    seen = await run_loop(app, stt, audio)
    assert [e.text for e in seen if isinstance(e, Heard)] == ["I was thinking about my mum."]
    assert sum(isinstance(e, TurnEnd) for e in seen) == 1
    done = next(e for e in seen if isinstance(e, VoiceTurnDone))
    assert 280 <= done.timings.vad_tail_ms <= 360  # closed at the quick end
    assert done.timings.speculative == 1.0 and stt.calls == 2  # the guess was used, not transcribed again


class SlowTTS(ToneTTS):
    """Takes 0.3 s of wall time per sentence, so the user can go on before any reply is heard."""

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]:
        time.sleep(0.3)
        return super().synthesize(text, prosody)


async def test_when_the_user_goes_on_before_the_reply_is_heard_it_is_dropped_and_all_is_answered(
    app: App, fake_llm: FakeLLM
) -> None:
    fake_llm.default = "That sounds awful. I'm sorry he did that."  # whether or not the dropped turn reached it
    audio = silence(0.3) + voiced(1.0) + silence(0.6) + voiced(0.8, seed=3) + silence(1.5)
    stt = ScriptedSTT("I had a long day.", "And my boss yelled at me.")
    seen: list[LiveEvent] = []
    speaker = FakeSpeaker()
    pipeline = VoicePipeline(app.companion, stt, SlowTTS())
    loop = LiveLoop(pipeline, Mic(audio), speaker, user_id="ana", on_event=seen.append)
    await asyncio.wait_for(loop.run(), timeout=30)
    assert [e.text for e in seen if isinstance(e, Heard)] == ["I had a long day.", "And my boss yelled at me."]
    assert sum(isinstance(e, WentOn) for e in seen) == 1  # the first reply was dropped before it was heard
    assert [e.reply for e in seen if isinstance(e, TurnEnd)] == ["That sounds awful. I'm sorry he did that."]
    assert len(speaker.played) == 2  # only the second reply's two sentences were played
    done = next(e for e in seen if isinstance(e, VoiceTurnDone))
    assert done.timings.vad_tail_ms <= 360  # both ends came at the quick end
    user = app.store.ensure_user("ana", "en")
    said = [t.text for t in app.store.recent_turns(user.id, limit=10) if t.role == "user"]
    assert said == ["I had a long day.", "And my boss yelled at me."]  # the first words stay in the conversation


def test_pause_option_scales_the_silences_and_rejects_nonsense_with_a_fix() -> None:
    assert segmenter_timing(300) == {"quick_end_ms": 300, "end_ms": 450, "hold_ms": 1200}
    assert segmenter_timing(800) == {"quick_end_ms": 800, "end_ms": 950, "hold_ms": 3200}
    out = CliRunner().invoke(cli, ["voice", "--pause-ms", "50"])
    assert isinstance(out.exception, InputError) and "150-3000" in out.exception.fix


class SizedSTT(ScriptedSTT):
    """Records how much audio each transcription got."""

    def __init__(self, *texts: str) -> None:
        super().__init__(*texts)
        self.sizes: list[int] = []

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str:
        self.sizes.append(len(pcm))
        return super().transcribe(pcm, sample_rate, hint)


class BurstMic(Mic):
    """Frames as a loaded machine delivers them: queued up, read without a pause in between."""

    async def frames(self) -> AsyncGenerator[bytes, None]:
        for frame in frames(self.audio):
            yield frame


async def test_words_not_yet_heard_when_the_user_goes_on_open_the_next_utterance(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.default = "Nice to meet you, Sam. Long days are hard."
    first, second = voiced(1.0), voiced(0.8, seed=3)
    audio = silence(0.3) + first + silence(0.6) + second + silence(1.5)
    stt = SizedSTT("Hello, my name is Sam.", "Hello, my name is Sam. I had a long day.")
    seen: list[LiveEvent] = []
    loop = LiveLoop(
        VoicePipeline(app.companion, stt, ToneTTS()),
        BurstMic(audio),
        FakeSpeaker(),
        user_id="ana",
        on_event=seen.append,
    )
    await asyncio.wait_for(loop.run(), timeout=30)
    assert sum(isinstance(e, WentOn) for e in seen) == 1  # the first answer never started: its words are carried
    assert [e.text for e in seen if isinstance(e, Heard)] == ["Hello, my name is Sam. I had a long day."]
    assert max(stt.sizes) >= len(first) + len(second)  # one transcription of both parts together
    user = app.store.ensure_user("ana", "en")
    said = [t.text for t in app.store.recent_turns(user.id, limit=10) if t.role == "user"]
    assert said == ["Hello, my name is Sam. I had a long day."]  # stored once, whole
