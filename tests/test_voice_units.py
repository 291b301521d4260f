"""Voice loop parts without the speech models: chunking, WAV I/O, VAD, barge-in, pipeline and live loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from amity.app import App, build_app, open_database
from amity.care.companion_affect import load_mood, save_mood
from amity.care.persona import load_persona
from amity.care.pipeline import companion_prosody
from amity.config import Config
from amity.errors import InputError
from amity.events import AudioChunk, TextDelta, TurnEnd
from amity.llm.fake import FakeLLM
from amity.stages import BaseStage, TurnContext
from amity.store.care_store import CareStore
from amity.types import Affect, ChannelAffect, Prosody
from amity.voice.base import NEUTRAL
from amity.voice.live import Interrupted, LiveEvent, LiveLoop
from amity.voice.pipeline import Heard, VoicePipeline, VoiceTurnDone
from amity.voice.sentences import SentenceChunker, speakable
from amity.voice.vad import (
    FRAME_BYTES,
    BargeInDetector,
    EnergyVad,
    UtteranceSegmenter,
    frames,
    make_classifier,
    speech_bounds,
)
from amity.voice.wavio import STT_RATE, read_wav, resample, rms_dbfs, to_pcm, write_wav


def voiced(seconds: float, level: float = 0.3, rate: int = STT_RATE, seed: int = 0) -> bytes:
    """A vowel-like signal: harmonics of a wobbling 140 Hz pitch with syllable-rate amplitude changes."""
    t = np.arange(int(seconds * rate)) / rate
    f0 = 140 + 20 * np.sin(2 * np.pi * 3 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    wave = sum(np.sin(k * phase) / k for k in range(1, 12))
    envelope = 0.6 + 0.4 * np.abs(np.sin(2 * np.pi * 4 * t))
    noise = np.random.default_rng(seed).normal(0, 0.01, t.size)
    signal = wave * envelope + noise
    return to_pcm(level * signal / np.max(np.abs(signal)))


def silence(seconds: float, rate: int = STT_RATE) -> bytes:
    return to_pcm(np.random.default_rng(1).normal(0, 0.0005, int(seconds * rate)))


def chunk_stream(text: str, step: int = 3, **options: Any) -> list[str]:
    chunker = SentenceChunker(**options)
    pieces: list[str] = []
    for i in range(0, len(text), step):
        pieces += chunker.feed(text[i : i + step])
    return pieces + chunker.flush()


def test_sentences_split_streamed_text_without_breaking_abbreviations_or_numbers() -> None:
    text = "Hello! I met Dr. Smith, e.g. at 3.5 km. **Really?** Yes\nsure"
    assert chunk_stream(text) == ["Hello!", "I met Dr. Smith, e.g. at 3.5 km.", "Really?", "Yes", "sure"]


def test_first_piece_may_end_at_a_clause_but_later_ones_wait_for_the_sentence() -> None:
    text = "I hear you, and that sounds really hard to carry, so thank you for telling me. Later, we talk."
    pieces = chunk_stream(text, step=5, first_clause_words=6)
    assert pieces[0] == "I hear you, and that sounds really hard to carry,"
    assert pieces[1:] == ["so thank you for telling me.", "Later, we talk."]
    pieces = chunk_stream(text, step=5)  # default: a clause of 2+ words may be the first piece
    assert pieces == [
        "I hear you,",
        "and that sounds really hard to carry, so thank you for telling me.",
        "Later, we talk.",
    ]


def test_the_first_piece_is_a_one_word_fragment_only_for_a_spoken_opener() -> None:
    assert chunk_stream("That's okay - it's important to rest. Sleep well.")[0] == "That's okay -"
    assert chunk_stream("Sure, here's a relaxing idea: a warm bath. Enjoy!")[:2] == [
        "Sure,",
        "here's a relaxing idea: a warm bath.",
    ]
    assert chunk_stream("Oh, that's a bit scary. But I'm here.")[:2] == ["Oh,", "that's a bit scary."]
    assert chunk_stream("So, what happened next? Tell me.")[0] == "So, what happened next?"
    assert chunk_stream("I - I don't know. Maybe.")[0] == "I - I don't know."
    assert chunk_stream("Okay; let's breathe together. In.")[0] == "Okay; let's breathe together."  # a comma only
    later = chunk_stream("That is fine. Sure, whenever you like.")
    assert later == ["That is fine.", "Sure, whenever you like."]  # only the first piece is cut early
    old = chunk_stream("Sure, here's a relaxing idea: a warm bath.", openers=frozenset())
    assert old[0] == "Sure, here's a relaxing idea:"


def test_run_on_text_is_cut_at_a_space() -> None:
    pieces = chunk_stream("word " * 100)
    assert all(len(p) <= 220 for p in pieces)
    assert " ".join(pieces).split() == ["word"] * 100


def test_speakable_drops_markdown_urls_and_emoji() -> None:
    assert speakable("**Hi** there 😊 see https://example.org/x `now`") == "Hi there see now"


def test_wav_round_trip_resample_and_stereo_mixdown(tmp_path: Path) -> None:
    pcm = voiced(0.5, rate=22050)
    path = tmp_path / "a.wav"
    write_wav(path, pcm, 22050)
    assert read_wav(path) == (pcm, 22050)
    down = resample(pcm, 22050, STT_RATE)
    assert abs(len(down) // 2 - 8000) <= 1
    assert abs(rms_dbfs(down) - rms_dbfs(pcm)) < 1.0
    import wave

    stereo = tmp_path / "s.wav"
    samples = np.frombuffer(pcm, dtype="<i2")
    with wave.open(str(stereo), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(22050)
        out.writeframes(np.stack([samples, samples], axis=1).astype("<i2").tobytes())
    mono, rate = read_wav(stereo)
    assert rate == 22050 and np.abs(np.frombuffer(mono, "<i2") - samples).max() <= 1


def test_bad_wav_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav at all")
    with pytest.raises(InputError):
        read_wav(bad)
    with pytest.raises(InputError):
        read_wav(tmp_path / "missing.wav")


@pytest.mark.parametrize("classifier", [make_classifier(), EnergyVad()], ids=["default", "energy"])
def test_segmenter_finds_each_utterance_and_its_end(classifier: object) -> None:
    stream = silence(0.6) + voiced(1.2) + silence(1.0) + voiced(0.9, seed=3) + silence(1.0)
    segmenter = UtteranceSegmenter(classifier, end_ms=450)  # type: ignore[arg-type]
    found = []
    for i in range(0, len(stream), 1234):  # odd-sized pieces, as an audio callback delivers them
        found += segmenter.feed(stream[i : i + 1234])
    assert len(found) == 2
    first, second = found
    assert abs(first.start_s - 0.6) < 0.15 and abs(first.speech_end_s - 1.8) < 0.15
    assert abs(second.speech_end_s - 3.7) < 0.15
    assert 0.4 <= first.detected_s - first.speech_end_s <= 0.5  # the silence tail
    assert 1.2 <= len(first.pcm) / 2 / STT_RATE <= 1.8  # pre-roll + speech + a little tail


def test_segmenter_ignores_clicks_and_flushes_at_end_of_stream() -> None:
    segmenter = UtteranceSegmenter(make_classifier())
    assert segmenter.feed(silence(0.5) + voiced(0.06) + silence(1.0)) == []
    assert segmenter.feed(voiced(0.8)) == []
    last = segmenter.flush()
    assert last is not None and len(last.pcm) > 0.6 * 2 * STT_RATE
    assert speech_bounds(silence(1.0)) is None


def test_barge_in_needs_speech_clearly_louder_than_our_own_echo() -> None:
    echo = voiced(2.0, level=0.05)  # our voice leaking from the loudspeaker into the mic
    detector = BargeInDetector(make_classifier())
    assert not any(detector.feed(f) for f in frames(echo))
    mixed = to_pcm(
        np.frombuffer(voiced(1.0, level=0.05), "<i2") / 32768 + np.frombuffer(voiced(1.0, 0.5, seed=7), "<i2") / 32768
    )
    fired = [i for i, f in enumerate(frames(mixed)) if detector.feed(f)]
    assert fired and fired[0] * 30 <= 400  # within ~0.4 s of the user starting


class FakeSTT:
    name = "fake-stt"

    def __init__(self, text: str) -> None:
        self.text = text
        self.heard: list[int] = []
        self.hints: list[str] = []

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str:
        self.heard.append(len(pcm))
        self.hints.append(hint)
        return self.text


class ToneTTS:
    """Speaks 50 ms of tone per character, so audio length tracks the text."""

    name = "tone"

    def __init__(self) -> None:
        self.spoken: list[str] = []
        self.prosody: list[Prosody] = []

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]:
        self.spoken.append(text)
        self.prosody.append(prosody)
        return voiced(0.05 * len(text) / prosody.rate, rate=8000), 8000


async def test_pipeline_transcribes_runs_the_turn_and_speaks_each_sentence(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("That sounds lovely. Tell me more about the garden? I would like to hear it.")
    tts = ToneTTS()
    pipeline = VoicePipeline(app.companion, FakeSTT("I planted tomatoes today"), tts)
    events = [e async for e in pipeline.respond("ana", voiced(1.0), STT_RATE, vad_tail_ms=450)]
    assert events[0] == Heard("I planted tomatoes today")
    assert isinstance(events[-1], VoiceTurnDone)
    done = events[-1]
    assert done.reply.startswith("That sounds lovely.") and done.end is not None
    assert tts.spoken == ["That sounds lovely.", "Tell me more about the garden?", "I would like to hear it."]
    audio = [e for e in events if isinstance(e, AudioChunk)]
    assert [len(a.pcm) for a in audio] == [int(0.05 * len(s) * 8000) * 2 for s in tts.spoken]
    t = done.timings
    assert t.sentences == 3 and t.vad_tail_ms == 450 and t.first_audio_ms >= 450
    assert t.first_sentence_ms <= t.reply_ms and abs(t.audio_s - sum(len(a.pcm) for a in audio) / 16000) < 1e-6
    assert app.store.recent_turns("ana", limit=5)[0].text == "I planted tomatoes today"


async def test_the_companions_mood_colours_the_voice_of_the_whole_reply(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("Oh no. I'm sorry the day was so long. Do you want to rest?")
    tts = ToneTTS()
    asked: list[tuple[str, float | None]] = []

    def prosody(user: str, affect: Affect | None) -> Prosody:
        asked.append((user, affect.valence if affect else None))
        return companion_prosody(app.db, user, affect)

    pipeline = VoicePipeline(app.companion, FakeSTT("I feel so tired and sad today."), tts, prosody=prosody)
    [e async for e in pipeline.respond("ana", voiced(1.0), STT_RATE, vad_tail_ms=450)]
    assert len(asked) == 1 and asked[0][0] == "ana"  # once per reply, after the stages read the turn
    assert asked[0][1] is not None and asked[0][1] < 0  # it sees the turn's affect
    assert len(set(tts.prosody)) == 1 and len(tts.prosody) >= 2  # every piece of the reply alike
    style = tts.prosody[0]
    assert style.rate <= 1.0 and style.pitch <= 1.0  # a hurting user never gets a brighter voice


def test_companion_prosody_follows_the_mood_within_a_narrow_range(app: App) -> None:
    app.store.ensure_user("bo")
    store = CareStore(app.db)
    mood = load_mood(store, "bo", load_persona(app.db, "bo"))
    mood.mood = (-0.4, -0.5, -0.3)  # subdued: slower, lower
    save_mood(store, "bo", mood)
    low = companion_prosody(app.db, "bo")
    assert 0.88 <= low.rate < 1.0 and 0.9 <= low.pitch < 1.0
    mood.mood = (0.5, 0.6, 0.2)  # bright: livelier, unless the user is hurting
    save_mood(store, "bo", mood)
    bright = companion_prosody(app.db, "bo")
    assert 1.0 < bright.rate <= 1.12 and 1.0 < bright.pitch <= 1.08
    hurting = Affect("sadness", -0.7, -0.3, 0.9)
    assert companion_prosody(app.db, "bo", hurting) == Prosody(rate=1.0, pitch=1.0)


async def test_pipeline_without_overlap_speaks_only_after_the_reply_is_complete(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("One. Two. Three.")
    pipeline = VoicePipeline(app.companion, FakeSTT("count"), ToneTTS(), overlap=False)
    kinds = [type(e).__name__ async for e in pipeline.respond("ana", voiced(0.5), STT_RATE)]
    assert kinds.index("AudioChunk") > max(i for i, k in enumerate(kinds) if k == "TextDelta")


async def test_nothing_heard_means_no_turn(app: App, fake_llm: FakeLLM) -> None:
    pipeline = VoicePipeline(app.companion, FakeSTT(""), ToneTTS())
    assert [e async for e in pipeline.respond("ana", voiced(0.5), STT_RATE)] == [Heard("")]
    assert fake_llm.calls == []


class CalmVoice:
    def __init__(self) -> None:
        self.calls = 0

    def predict(self, samples: np.ndarray, sample_rate: int) -> ChannelAffect | None:
        assert samples.dtype == np.float32 and np.abs(samples).max() <= 1.0
        self.calls += 1
        return ChannelAffect("voice", "calm", 0.3, -0.4, 0.7)


class RecordingStage(BaseStage):
    def __init__(self) -> None:
        self.channels: list[tuple[ChannelAffect, ...]] = []

    async def before_reply(self, ctx: TurnContext) -> None:
        self.channels.append(ctx.channels)


async def test_the_voice_emotion_channel_reaches_the_turn(config: Config, fake_llm: FakeLLM) -> None:
    stage = RecordingStage()
    application = build_app(config, llm=fake_llm, db=open_database(config), stages=[stage])
    try:
        voice = CalmVoice()
        pipeline = VoicePipeline(application.companion, FakeSTT("hello"), ToneTTS(), emotion=voice)
        events = [e async for e in pipeline.respond("ana", voiced(0.5), STT_RATE)]
    finally:
        await application.aclose()
    assert voice.calls == 1 and stage.channels[0][0].label == "calm"
    assert isinstance(events[-1], VoiceTurnDone) and events[-1].channels == stage.channels[0]


class BrokenVoice:
    def predict(self, samples: np.ndarray, sample_rate: int) -> ChannelAffect | None:
        raise InputError("The audio is too short for emotion features.")


async def test_a_failing_voice_channel_does_not_cost_the_turn(app: App, fake_llm: FakeLLM) -> None:
    pipeline = VoicePipeline(app.companion, FakeSTT("hello"), ToneTTS(), emotion=BrokenVoice())
    events = [e async for e in pipeline.respond("ana", voiced(0.5), STT_RATE)]
    assert isinstance(events[-1], VoiceTurnDone) and events[-1].reply and events[-1].channels == ()


class ScriptedMic:
    """Plays a script of audio; while the companion speaks it waits, then talks over it."""

    def __init__(self, sink: FakeSpeaker, interrupt: bool) -> None:
        self.sink = sink
        self.interrupt = interrupt

    async def frames(self) -> AsyncGenerator[bytes, None]:
        for frame in frames(silence(0.3) + voiced(1.0) + silence(0.6)):
            yield frame
            await asyncio.sleep(0)
        for _ in range(2000):  # wait (in silence) until the reply starts playing
            if self.sink.playing:
                break
            yield silence(0.03)
            await asyncio.sleep(0.002)
        assert self.sink.playing
        echo = voiced(2.5, level=0.04)  # the user starts talking over it after 0.5 s
        talk = silence(0.5) + (voiced(2.0, level=0.5, seed=9) if self.interrupt else silence(2.0))
        mix = np.frombuffer(echo, "<i2").astype(np.int32) + np.frombuffer(talk, "<i2")
        for frame in frames(np.clip(mix, -32768, 32767).astype("<i2").tobytes() + silence(0.8)):
            yield frame
            await asyncio.sleep(0)


class FakeSpeaker:
    """``drain`` polls of ``playing`` stay True after ``stop()``, as a real device finishes its slice."""

    def __init__(self, drain: int = 0) -> None:
        self.played: list[int] = []
        self.stopped = 0
        self.drain = drain
        self._draining = 0
        self._playing = False

    @property
    def playing(self) -> bool:
        if self._draining:
            self._draining -= 1
            return True
        return self._playing

    def play(self, pcm: bytes, sample_rate: int) -> None:
        self.played.append(len(pcm))
        self._playing = True

    def stop(self) -> None:
        self.stopped += 1
        self._playing = False
        self._draining = self.drain


@pytest.mark.parametrize(("interrupt", "drain"), [(False, 0), (True, 0), (True, 12)])
async def test_live_loop_answers_an_utterance_and_stops_when_talked_over(
    app: App, fake_llm: FakeLLM, interrupt: bool, drain: int
) -> None:
    fake_llm.enqueue("Hello there. " * 3)
    fake_llm.enqueue("Sure, go ahead.")
    speaker = FakeSpeaker(drain)  # drain: the loudspeaker is still finishing a slice after the interruption
    seen: list[LiveEvent] = []
    stt = FakeSTT("hi amity")
    loop = LiveLoop(
        VoicePipeline(app.companion, stt, ToneTTS()),
        ScriptedMic(speaker, interrupt),
        speaker,
        user_id="ana",
        on_event=seen.append,
    )
    await asyncio.wait_for(loop.run(), timeout=30)
    assert speaker.played and Heard("hi amity") in seen
    assert any(isinstance(e, TextDelta) for e in seen)
    assert len(stt.heard) == (2 if interrupt else 1)
    assert stt.heard[0] >= 1.0 * 2 * STT_RATE
    if interrupt:
        assert speaker.stopped == 1 and loop.interruptions == 1
        assert any(isinstance(e, Interrupted) for e in seen)
        assert stt.heard[1] >= 1.5 * 2 * STT_RATE  # the interruption was heard from its start
    else:
        assert speaker.stopped == 0 and loop.interruptions == 0
        assert sum(isinstance(e, TurnEnd) for e in seen) == 1


def test_frames_are_30_ms() -> None:
    assert FRAME_BYTES == 960
    assert len(frames(silence(0.1))) == 3


def test_missing_audio_hardware_is_a_config_error_with_a_fix() -> None:
    from amity.errors import ConfigError
    from amity.voice import audio_io

    try:
        has_devices = bool(audio_io._sounddevice().query_devices())
    except ConfigError:
        has_devices = False
    if has_devices:
        pytest.skip("this machine has audio devices")
    with pytest.raises(ConfigError) as caught:
        audio_io.Speaker()
    assert "--input" in caught.value.fix
