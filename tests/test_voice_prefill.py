"""Prompt prefill off the critical path: cache warming between turns, spoken turns' short late message,
speculative STT - all with scripted fakes (FakeLLM, FakeSTT, ToneTTS) and the real stages and store."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from amity.app import App
from amity.engine import SPOKEN_RULE
from amity.llm.fake import FakeLLM
from amity.prompt import estimate_tokens, late_message
from amity.types import MemoryHit, Message, Prosody
from amity.voice.base import NEUTRAL
from amity.voice.live import LiveEvent, LiveLoop
from amity.voice.pipeline import LLM_NICE, VoicePipeline, VoiceTurnDone
from amity.voice.vad import UtteranceSegmenter, make_classifier
from amity.voice.wavio import STT_RATE
from tests.test_voice_units import FakeSpeaker, FakeSTT, ToneTTS, silence, voiced


async def _say(app: App, text: str, *, spoken: bool = False) -> None:
    async for _ in app.companion.turn("ana", text, spoken=spoken):
        pass


def _late_and_user(messages: Sequence[Message]) -> int:
    """How many messages at the end are per-turn (the late system message, the user's words)."""
    return 2 if len(messages) >= 2 and messages[-2].role == "system" else 1


async def test_warm_sends_exactly_the_next_turns_stable_prefix(app: App, fake_llm: FakeLLM) -> None:
    assert await app.companion.warm("ana") is False  # no turn yet: the standing rules are unknown
    assert fake_llm.prefills == []
    await _say(app, "Hi, I'm Ana and I grow tomatoes.")
    assert await app.companion.warm("ana") is True
    warmed = fake_llm.prefills[-1]
    assert warmed[-2:] == [Message("user", "Hi, I'm Ana and I grow tomatoes."), Message("assistant", fake_llm.default)]
    await _say(app, "The weather was lovely today.")
    sent = fake_llm.calls[-1][0]
    per_turn = _late_and_user(sent)
    assert sent[:-per_turn] == warmed  # the next turn only adds its late message and the user's words
    assert "For this reply:" not in "\n".join(m.content for m in warmed)  # no per-turn guidance in it


async def test_spoken_turns_add_the_speech_rule_and_keep_the_late_message_short(app: App, fake_llm: FakeLLM) -> None:
    await _say(app, "My exam went badly and I keep crying.")
    written = fake_llm.calls[-1][0]
    await _say(app, "My exam went badly and I keep crying.", spoken=True)
    spoken = fake_llm.calls[-1][0]
    assert SPOKEN_RULE in spoken[0].content and SPOKEN_RULE not in written[0].content
    budget = app.companion.settings.spoken_late_tokens
    assert spoken[-2].role == "system" and written[-2].role == "system"
    assert estimate_tokens(spoken[-2].content) <= budget + 10  # whole lines within the budget (+ headers)
    assert len(spoken[-2].content) < len(written[-2].content)
    # the affect line in its compact spoken form: still an estimate, without the confidence figure
    assert "(a guess, not a fact; ask if unsure)" in spoken[-2].content or "weak guess" in spoken[-2].content
    assert "(confidence 0." in written[-2].content and "(confidence" not in spoken[-2].content
    await _say(app, "I had a long day at work and I feel tired and a bit sad.", spoken=True)
    assert '- The user said "I feel tired" and "a bit sad" (unpleasant).' in fake_llm.calls[-1][0][-2].content


def test_late_message_budget_keeps_whole_lines_guidance_first() -> None:
    memories = [MemoryHit("m1", "Ana grows tomatoes.", 0.9), MemoryHit("m2", "Ana's sister is Eva.", 0.8)]
    guidance = ["The user seems tired; acknowledge it gently.", "x " * 200, "Ask one open question."]
    full = late_message(memories, guidance)
    assert "Things you remember" in full and "x x" in full
    short = late_message(memories, guidance, budget_tokens=40)
    assert short.splitlines()[:3] == ["For this reply:", f"- {guidance[0]}", f"- {guidance[2]}"]
    assert "x x" not in short and "You remember: Ana grows tomatoes. Ana's sister is Eva." in short
    assert late_message(memories, guidance, budget_tokens=5) == ""


class LoggingLLM(FakeLLM):
    """A FakeLLM that notes when prefills start and end in a shared log."""

    def __init__(self, log: list[str]) -> None:
        super().__init__(default="First sentence here. Second one follows. And a third.")
        self.log = log
        self.prefill_delay_s = 0.05

    async def prefill(self, messages: Sequence[Message]) -> bool:
        self.log.append("prefill-start")
        done = await super().prefill(messages)
        self.log.append("prefill-end")
        return done


class LoggingTTS(ToneTTS):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]:
        self.log.append("tts")
        return super().synthesize(text, prosody)


class LoggingSTT(FakeSTT):
    def __init__(self, text: str, log: list[str]) -> None:
        super().__init__(text)
        self.log = log

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str:
        self.log.append("stt")
        return super().transcribe(pcm, sample_rate)


def _pipeline(app: App, log: list[str]) -> tuple[VoicePipeline, LoggingLLM]:
    llm = LoggingLLM(log)
    app.companion.llm = llm
    return VoicePipeline(app.companion, LoggingSTT("hello there", log), LoggingTTS(log)), llm


async def test_the_cache_is_warmed_after_the_speech_is_synthesised_and_before_the_next_stt(app: App) -> None:
    log: list[str] = []
    pipeline, llm = _pipeline(app, log)
    events = [e async for e in pipeline.respond("ana", voiced(0.5), STT_RATE)]
    assert isinstance(events[-1], VoiceTurnDone) and events[-1].timings.sentences == 3
    await pipeline.settled()
    assert log == ["stt", "tts", "tts", "tts", "prefill-start", "prefill-end"]  # never during synthesis
    assert len(llm.prefills) == 1 and len(pipeline.warm_ms) == 1
    # the next utterance arrives while the warm-up runs: its STT waits for it (one CPU-bound job at a time)
    log.clear()
    pipeline._warm_due.add("ana")
    pipeline.warm_soon("ana")
    await asyncio.sleep(0)  # it has started (the user is still speaking)
    async for _ in pipeline.respond("ana", voiced(0.5), STT_RATE):
        pass
    assert log[:3] == ["prefill-start", "prefill-end", "stt"]
    sent = llm.calls[-1][0]
    assert sent[: -_late_and_user(sent)] == llm.prefills[-2]  # the second turn reused the warmed prefix
    await pipeline.aclose()


async def test_warm_soon_runs_once_per_turn_and_not_at_all_when_disabled(app: App) -> None:
    log: list[str] = []
    pipeline, llm = _pipeline(app, log)
    async for _ in pipeline.respond("ana", voiced(0.5), STT_RATE):
        pass
    await pipeline.settled()
    pipeline.warm_soon("ana")  # the VAD opens an utterance: already warm, nothing to do
    await pipeline.settled()
    assert len(llm.prefills) == 1
    cold = VoicePipeline(app.companion, FakeSTT("hi"), ToneTTS(), warm_cache=False)
    async for _ in cold.respond("ana", voiced(0.5), STT_RATE):
        pass
    await cold.settled()
    assert len(llm.prefills) == 1


async def test_speculative_stt_is_used_when_the_audio_is_the_same_and_dropped_otherwise(app: App) -> None:
    stt = FakeSTT("I planted tomatoes")
    pipeline = VoicePipeline(app.companion, stt, ToneTTS(), warm_cache=False)
    utterance = voiced(1.0)
    pipeline.speculate(utterance, STT_RATE)
    await asyncio.sleep(0.05)  # the tail goes on; STT runs meanwhile
    events = [e async for e in pipeline.respond("ana", utterance, STT_RATE)]
    done = events[-1]
    assert isinstance(done, VoiceTurnDone) and done.timings.speculative == 1.0
    assert stt.heard == [len(utterance)]  # transcribed once, speculatively
    # the user went on speaking: the final utterance is longer, the guess is not used
    longer = utterance + voiced(0.5, seed=4)
    pipeline.speculate(utterance, STT_RATE)
    events = [e async for e in pipeline.respond("ana", longer, STT_RATE)]
    done = events[-1]
    assert isinstance(done, VoiceTurnDone) and done.timings.speculative == 0.0
    assert stt.heard[-1] == len(longer)
    # dropped while it still waits for the CPU: it never runs
    before = len(stt.heard)
    async with pipeline.cpu_gate:
        pipeline.speculate(utterance, STT_RATE)
        await asyncio.sleep(0)
        pipeline.drop_speculation()
    await asyncio.sleep(0.01)
    assert len(stt.heard) == before


def test_the_segmenter_offers_a_tentative_utterance_with_the_final_audio() -> None:
    segmenter = UtteranceSegmenter(make_classifier(), end_ms=450, pause_ms=210)
    found = segmenter.feed_all(silence(0.3) + voiced(1.0) + silence(0.8))
    assert [u.final for u in found] == [False, True]
    tentative, final = found
    assert tentative.pcm == final.pcm and tentative.speech_end_s == final.speech_end_s
    assert 0.2 <= tentative.detected_s - tentative.speech_end_s <= 0.25
    # a pause shorter than the tail, then more speech: the tentative audio is not the final one
    segmenter = UtteranceSegmenter(make_classifier(), end_ms=450, pause_ms=210)
    found = segmenter.feed_all(silence(0.3) + voiced(1.0) + silence(0.3))
    assert [u.final for u in found] == [False] and segmenter.paused
    found += segmenter.feed_all(voiced(0.6, seed=2))
    assert not segmenter.paused
    found += segmenter.feed_all(silence(0.8))
    assert [u.final for u in found] == [False, False, True]
    assert found[0].pcm != found[-1].pcm and found[1].pcm == found[-1].pcm
    assert segmenter.feed(silence(0.3) + voiced(1.0) + silence(0.8))[0].final  # feed: finals only


class PausingMic:
    """Says something, pauses 300 ms (shorter than the tail), goes on, then stops talking."""

    async def frames(self):  # type: ignore[no-untyped-def]
        from amity.voice.vad import frames

        for frame in frames(silence(0.3) + voiced(1.0) + silence(0.3) + voiced(0.6, seed=5) + silence(1.2)):
            yield frame
            await asyncio.sleep(0.001)


async def test_live_loop_speculates_at_pauses_and_answers_the_whole_utterance(app: App, fake_llm: FakeLLM) -> None:
    stt = FakeSTT("hello amity how are you")
    seen: list[LiveEvent] = []
    loop = LiveLoop(
        VoicePipeline(app.companion, stt, ToneTTS()), PausingMic(), FakeSpeaker(), user_id="ana", on_event=seen.append
    )
    await asyncio.wait_for(loop.run(), timeout=30)
    done = [e for e in seen if isinstance(e, VoiceTurnDone)]
    assert len(done) == 1 and done[0].timings.speculative == 1.0  # the last pause's guess was the answer
    whole = max(stt.heard)
    assert whole >= 1.6 * 2 * STT_RATE and stt.heard[-1] == whole  # the answer used the whole utterance
    assert len(fake_llm.calls) == 1


def test_voice_model_replaces_the_chat_model_only_for_voice() -> None:
    from amity.config import Config

    config = Config(model="embedded:qwen2.5-coder-1.5b")
    assert config.for_voice() == config  # unset: voice uses the chat model
    fast = Config(model="embedded:qwen2.5-coder-1.5b", voice_model="embedded:qwen2.5-coder-0.5b")
    assert fast.for_voice().model == "embedded:qwen2.5-coder-0.5b" and fast.model == "embedded:qwen2.5-coder-1.5b"


class SlowEmotion:
    """A voice-emotion channel that takes a while in its thread and notes when it has finished."""

    def __init__(self) -> None:
        self.finished = False

    def predict(self, pcm: object, sample_rate: int) -> None:
        import time

        time.sleep(0.3)
        self.finished = True


async def test_closing_waits_for_work_already_running_in_a_thread(app: App) -> None:
    """Ctrl-C during a turn: the turn is cancelled, but a thread cannot be stopped, so `aclose` returns only
    once the estimate in flight is done (it saves speaker statistics: the database must still be open)."""
    emotion = SlowEmotion()
    pipeline = VoicePipeline(app.companion, FakeSTT("hello"), ToneTTS(), emotion=emotion, warm_cache=False)

    async def answer() -> None:
        async for _ in pipeline.respond("ana", voiced(1.0), STT_RATE):
            pass

    task = asyncio.create_task(answer())
    while not pipeline.cpu_gate.locked() or emotion.finished:  # STT, then the emotion estimate starts
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    task.cancel()
    await pipeline.aclose()
    assert emotion.finished and not pipeline.cpu_gate.locked()


class StartingLLM(LoggingLLM):
    """A LoggingLLM with the in-process model's start and priority hooks."""

    def start(self) -> None:
        self.log.append("start")

    def lower_priority(self, nice: int) -> None:
        self.log.append(f"nice {nice}")


async def test_warm_up_lowers_the_models_priority_before_it_starts(app: App) -> None:
    log: list[str] = []
    app.companion.llm = StartingLLM(log)
    await VoicePipeline(app.companion, LoggingSTT("hi", log), LoggingTTS(log)).warm_up()
    assert log == [f"nice {LLM_NICE}", "start"] and LLM_NICE > 0
    log.clear()
    await VoicePipeline(app.companion, LoggingSTT("hi", log), LoggingTTS(log), llm_nice=0).warm_up()
    assert log == ["start"]  # same priority as speech (the benchmark's "fast-samepriority")


class BrokenPrefillLLM(FakeLLM):
    """A backend whose cache warm-up fails with an error that is not Amity's own (a third-party plugin's bug)."""

    async def prefill(self, messages: Sequence[Message]) -> bool:
        raise RuntimeError("plugin bug")


async def test_a_failing_warm_up_ends_quietly_and_the_next_turn_still_runs(app: App) -> None:
    app.companion.llm = BrokenPrefillLLM(default="Hello again.")
    pipeline = VoicePipeline(app.companion, FakeSTT("hi"), ToneTTS())
    async for _ in pipeline.respond("ana", voiced(0.5), STT_RATE):
        pass
    await pipeline.settled()
    task = pipeline._warm_task
    assert task is not None and task.done() and task.result() is False  # not an exception nobody retrieves
    events = [e async for e in pipeline.respond("ana", voiced(0.5), STT_RATE)]
    assert isinstance(events[-1], VoiceTurnDone)
    await pipeline.aclose()
