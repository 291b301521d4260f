"""Voice latency: from the end of the user's speech to the first audio out, per stage.

Spoken questions are made with Piper (espeak-ng when Piper is missing), padded with silence, and fed
through the real pipeline pieces:

* VAD tail - the questions are streamed through the :class:`UtteranceSegmenter` in 30 ms frames; the tail
  is the audio time between the last voiced frame and the moment the segmenter closes the utterance
  (plus the segmenter's own compute, ~µs per frame);
* STT - faster-whisper base int8, beam 1 (also reported as real-time factor). In the ``fast`` schedule it
  is speculative, as in the live loop: it starts when the segmenter offers the tentative utterance
  (``pause_ms`` into the tail), the benchmark then waits in wall time until the quick end (300 ms), waits
  for the transcript and asks :func:`sounds_finished` (finished: the turn ends there; unfinished: it waits
  for the hold) - the live loop's end of turn; ``stt_wait_ms`` is what is left of STT after the tail;
* first sentence - ``Companion.turn`` start → the first speakable piece from :class:`SentenceChunker`;
* first TTS chunk - Piper's synthesis time for that piece (it overlaps the LLM still writing);
* first audio = VAD tail + wall time from the end of the utterance to the first ``AudioChunk``.

Schedules (each model x schedule has its own llama.cpp instance, so their prompt caches never mix):

* ``fast`` (the default pipeline): speculative STT, spoken turns (short late message), and the next
  turn's prompt prefix warmed after each reply's speech is synthesised (``Companion.warm``). The
  benchmark waits for that warm-up before the next question - in a conversation it runs while the reply
  plays and the user answers - and reports its wall and CPU time (``warm_ms``, ``warm_cpu_ms``);
* ``baseline``: the pipeline before that work (STT after the tail, full late message, no warm-up; the
  previous turn's prompt is still in llama.cpp's cache);
* with ``--variants``: Piper with 1 thread, and TTS only after the whole reply (both ``baseline``);
* ``fast-longaffect`` (``fast`` with the long affect/mood lines and a 60-token late budget),
  ``fast-stop20`` (the fast pipeline as it was on 27 Nov 2026, stop 20: pause 210 ms, a fixed 450 ms tail, no
  one-word first piece such as "Sure,"), ``fast-samepriority`` (llama.cpp's threads at the same CPU priority
  as Piper, as before 27 Nov 2026), ``fast-guessonly`` (the text model's guess alone, no self-reported
  feelings, and the companion mood's line in spoken turns, as before 27 Nov 2026's self-reports), for
  side-by-side runs with ``--schedules``.

The LLMs (default ``embedded:qwen2.5-coder-1.5b`` and ``embedded:qwen2.5-coder-0.5b``) are measured side by
side in one run, alternating question by question, so load on the machine hits both alike; each gets an
unmeasured warm-up turn first (model load, prompt cache). Every row records the load average and the CPU
time of each stage, because this 2-core machine is shared.

    flock /tmp/amity-bench.lock python benchmarks/voice_latency.py [--rounds 2] [--variants] [--more]
        [--models M ...] [--schedules fast baseline] [--out benchmarks/results/voice_latency.json]
    nice -n 10 python benchmarks/voice_latency.py --stt-check   # Whisper window: WER and CPU
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from amity.affect.stage import AffectStage
from amity.app import build_app, make_llm
from amity.care.pipeline import CompanionAffectStage
from amity.config import load_config
from amity.llm.base import LLM, GenerationOptions, prefill
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.types import Message, Prosody
from amity.voice import make_tts
from amity.voice.base import NEUTRAL, TextToSpeech
from amity.voice.pipeline import LLM_NICE, VoicePipeline, VoiceTurnDone
from amity.voice.sentences import OPENERS, SentenceChunker
from amity.voice.stt_whisper import WhisperSTT
from amity.voice.tts_espeak import EspeakTTS
from amity.voice.tts_piper import PiperTTS, piper_available
from amity.voice.turn_end import sounds_finished
from amity.voice.vad import UtteranceSegmenter
from amity.voice.vocabulary import names_hint
from amity.voice.wavio import STT_RATE, resample

QUESTIONS = [
    "Hi, I had a really long day at work and I feel tired.",
    "Can you suggest something relaxing I could do this evening?",
    "My sister is visiting tomorrow and I am a bit nervous about it.",
]
MORE_QUESTIONS = [  # --more: three more kinds of turn (good news, loneliness told not named, a plain request)
    "I finally got the job I interviewed for last week!",
    "Nobody ever calls me anymore, the evenings are so quiet.",
    "What could I cook for dinner with rice and some vegetables?",
]
MODELS = ["embedded:qwen2.5-coder-1.5b", "embedded:qwen2.5-coder-0.5b"]
STT_CHECK = [
    *QUESTIONS,
    "Hello, my name is Sam. Can you recommend a good book about gardening?",
    "I keep thinking about the argument I had with my friend last week, and I don't know how to fix it.",
    "What time is it?",
    "Remind me to call my mother on Sunday afternoon.",
    "I finally finished the marathon training plan and my knees are sore.",
]


def speak_question(text: str) -> bytes:
    """The question as 16 kHz PCM with 0.3 s of silence before and 1.5 s after."""
    tts = PiperTTS(threads=2) if piper_available() else EspeakTTS()
    pcm, rate = tts.synthesize(text)
    pcm = resample(pcm, rate, STT_RATE)
    return b"\0\0" * int(0.3 * STT_RATE) + pcm + b"\0\0" * int(1.5 * STT_RATE)


@dataclass(frozen=True)
class Question:
    text: str
    pcm: bytes  # the final utterance
    tail_ms: float  # VAD tail: last voiced frame → utterance closed (silence alone)
    pause_pcm: bytes | None  # the tentative utterance offered ``pause_ms`` into the tail
    pause_ms: float  # last voiced frame → tentative utterance
    quick_ms: float  # last voiced frame → the quick end, where the words may close the turn
    hold_ms: float  # last voiced frame → end of the held tail, when the words sound unfinished
    vad_ms_per_audio_s: float


def vad_tail(text: str, stream: bytes, segmenter: UtteranceSegmenter) -> Question:
    """Stream the question through the segmenter as the live loop does, 30 ms at a time."""
    started = time.perf_counter()
    found = []
    for i in range(0, len(stream), 960):
        found += segmenter.feed_all(stream[i : i + 960])
    spent = (time.perf_counter() - started) * 1000
    finals = [u for u in found if u.final]
    if not finals:
        raise SystemExit("the VAD found no utterance in a benchmark question")
    final = finals[0]
    pauses = [u for u in found if not u.final and u.detected_s <= final.detected_s]
    pause = pauses[-1] if pauses and pauses[-1].pcm == final.pcm else None  # the pause that became the end
    frame_ms = 30.0
    return Question(
        text,
        final.pcm,
        (final.detected_s - final.speech_end_s) * 1000,
        pause.pcm if pause else None,
        (pause.detected_s - pause.speech_end_s) * 1000 if pause else 0.0,
        (pause.detected_s - pause.speech_end_s) * 1000 + (segmenter.quick_frames - segmenter.pause_frames) * frame_ms
        if pause
        else 0.0,
        (final.detected_s - final.speech_end_s) * 1000 + (segmenter.hold_frames - segmenter.end_frames) * frame_ms,
        spent / (len(stream) / 2 / STT_RATE),
    )


class CpuClock:
    """CPU time (all of this process's threads) spent by each stage of the current turn."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.first_piece = ""  # the first speakable piece of the current turn's reply

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.process_time())

    def between(self, a: str, b: str) -> float:
        return (self.marks[b] - self.marks[a]) * 1000 if a in self.marks and b in self.marks else 0.0


class TimedSTT:
    def __init__(self, inner: WhisperSTT, clock: CpuClock) -> None:
        self.inner, self.clock, self.name = inner, clock, inner.name

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str:
        self.clock.mark("stt0")
        try:
            return self.inner.transcribe(pcm, sample_rate, hint)
        finally:
            self.clock.mark("stt1")


class TimedTTS:
    """Records the synthesis thread's CPU time for the first sentence (Piper, 1 thread: exact)."""

    def __init__(self, inner: TextToSpeech, clock: CpuClock) -> None:
        self.inner, self.clock, self.name = inner, clock, inner.name

    def load(self) -> None:
        load = getattr(self.inner, "load", None)
        if callable(load):
            load()

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]:
        started = time.thread_time()
        result = self.inner.synthesize(text, prosody)
        self.clock.marks.setdefault("tts_thread_ms", (time.thread_time() - started) * 1000)
        return result


class TimedLLM:
    """Passes calls through, noting when each ``stream`` call starts and yields its first piece."""

    def __init__(self, inner: LLM) -> None:
        self.inner, self.name = inner, inner.name
        self.calls: list[tuple[float, float]] = []
        self.clock: CpuClock | None = None

    @property
    def last_timings(self) -> dict[str, float]:
        """llama.cpp's count of prompt tokens evaluated (``prompt_n``) and reused (``cache_n``)."""
        timings: dict[str, float] = getattr(self.inner, "last_timings", {})
        return timings

    async def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        if self.clock is not None:
            self.clock.mark("call0")
        started, first = time.perf_counter(), 0.0
        async for piece in self.inner.stream(messages, options):
            if not first:
                first = time.perf_counter()
                self.calls.append((started, first))
            yield piece

    async def prefill(self, messages: Sequence[Message]) -> bool:
        return await prefill(self.inner, messages)

    async def aclose(self) -> None:
        await self.inner.aclose()

    def start(self) -> None:
        start = getattr(self.inner, "start", None)
        if callable(start):
            start()

    def lower_priority(self, nice: int) -> None:
        lower = getattr(self.inner, "lower_priority", None)
        if callable(lower):
            lower(nice)


class TimedChunker(SentenceChunker):
    def __init__(self, clock: CpuClock, openers: frozenset[str]) -> None:
        super().__init__(openers=openers)
        self.clock = clock
        clock.mark("llm0")
        clock.marks.setdefault("wall0", time.perf_counter())

    def feed(self, delta: str) -> list[str]:
        pieces = super().feed(delta)
        if pieces:
            self.clock.mark("llm1")
            self.clock.first_piece = self.clock.first_piece or pieces[0]
        return pieces

    def flush(self) -> list[str]:
        pieces = super().flush()
        if pieces:
            self.clock.mark("llm1")
            self.clock.first_piece = self.clock.first_piece or pieces[0]
        return pieces


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word edit distance, reference words), case and punctuation ignored."""
    ref, hyp = re.findall(r"[a-z']+", reference.lower()), re.findall(r"[a-z']+", hypothesis.lower())
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row = row, [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != h))
    return row[-1], len(ref)


def stt_check(models_dir: Path) -> dict[str, Any]:
    """Whisper's full 30 s encoder window vs the short window: WER and CPU per clip."""
    voices: list[TextToSpeech] = [EspeakTTS()] + ([PiperTTS(threads=2)] if piper_available() else [])
    clips = []
    for tts in voices:
        for text in STT_CHECK:
            pcm, rate = tts.synthesize(text)
            clips.append((text, resample(pcm, rate, STT_RATE)))
    stt = WhisperSTT(models_dir)
    stt.load()
    stt.transcribe(clips[0][1], STT_RATE)  # warm-up
    result: dict[str, Any] = {"clips": len(clips), "voices": [v.name for v in voices]}
    for short in (False, True):
        stt.short_context = short
        errors = words = 0
        cpu = 0.0
        for text, pcm in clips:
            started = time.process_time()
            heard = stt.transcribe(pcm, STT_RATE)
            cpu += time.process_time() - started
            e, n = word_errors(text, heard)
            errors, words = errors + e, words + n
        result["short_window" if short else "full_window"] = {
            "wer": round(errors / words, 4),
            "cpu_ms_per_clip": round(cpu * 1000 / len(clips), 1),
        }
    return result


def reply_call(llm: TimedLLM, turn_started: float) -> dict[str, float]:
    """Stages before the reply (turn start → the reply's LLM call) and that call's time to first token."""
    if not llm.calls:
        return {"stages_ms": 0.0, "llm_ttft_ms": 0.0, "llm_calls": 0}
    started, first = llm.calls[0]
    return {
        "stages_ms": round((started - turn_started) * 1000, 1),
        "llm_ttft_ms": round((first - started) * 1000, 1),
        "llm_calls": len(llm.calls),
    }


def median(rows: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(float(r[key]) for r in rows), 1)


SCHEDULES = {  # name: (Piper threads, TTS overlaps the LLM, fast pipeline)
    "fast": (2, True, True),
    "fast-longaffect": (2, True, True),  # fast as before #5: the long affect/mood lines, late budget 60
    "fast-stop20": (2, True, True),  # fast as on 27 Nov (stop 20): pause 210, fixed 450 ms tail, no "Sure," piece
    "fast-samepriority": (2, True, True),  # fast with llama.cpp at Piper's CPU priority (before 27 Nov)
    "fast-guessonly": (2, True, True),  # fast without self-reported feelings, with the companion-mood line (before)
    "baseline": (2, True, False),
    "piper1-baseline": (1, True, False),
    "after-reply-baseline": (2, False, False),
}


async def answer(pipeline: VoicePipeline, q: Question, user: str, fast: bool, words_end: bool) -> VoiceTurnDone:
    """One question as the live loop sees it: the tail passes in wall time, STT speculative when fast, the
    words close the turn at the quick end when ``words_end``; first audio counts from the end of the tail
    (+ the tail itself)."""
    tail, ended = q.tail_ms, 0.0
    if fast and q.pause_pcm is not None:
        pipeline.speculate(q.pause_pcm, STT_RATE, user)
        if not words_end:
            await asyncio.sleep((q.tail_ms - q.pause_ms) / 1000)
        else:
            await asyncio.sleep((q.quick_ms - q.pause_ms) / 1000)
            ended = time.perf_counter()  # the quick end
            heard = await pipeline.speculated()
            tail = q.quick_ms
            if not (heard and sounds_finished(heard)):  # held open: the turn ends after the hold
                tail = q.hold_ms
                await asyncio.sleep(max(0.0, ended + (q.hold_ms - q.quick_ms) / 1000 - time.perf_counter()))
                ended = 0.0
    ended = ended or time.perf_counter()
    done: VoiceTurnDone | None = None
    async for event in pipeline.respond(user, q.pcm, STT_RATE, vad_tail_ms=tail, speech_ended=ended):
        if isinstance(event, VoiceTurnDone):
            done = event
    assert done is not None
    return done


async def run(args: argparse.Namespace) -> dict[str, Any]:
    config = load_config()
    models_dir = config.models_dir
    tmp = Path(tempfile.mkdtemp(prefix="amity-voice-bench-"))
    stt = WhisperSTT(models_dir)
    stt.load()
    spoken = [(q, speak_question(q)) for q in QUESTIONS + (MORE_QUESTIONS if args.more else [])]
    questions = [vad_tail(q, pcm, UtteranceSegmenter()) for q, pcm in spoken]
    questions_stop20 = [vad_tail(q, pcm, UtteranceSegmenter(pause_ms=210)) for q, pcm in spoken]
    schedules = list(args.schedules) + (["piper1-baseline", "after-reply-baseline"] if args.variants else [])
    pipelines: dict[str, tuple[VoicePipeline, Any, TimedLLM, CpuClock]] = {}
    for model in args.models:
        for name in schedules:
            if not name.startswith("fast") and name != "baseline" and model != args.models[0]:
                continue  # schedule variants only on the first model
            threads, overlap, fast = SCHEDULES[name]
            cfg = replace(config, model=model, max_reply_tokens=args.max_tokens, temperature=args.temperature)
            db = Database(tmp / f"{model.split(':')[-1]}-{name}.db", all_migrations())
            llm = TimedLLM(make_llm(cfg))  # one llama.cpp instance each: prompt caches never mix
            app = build_app(cfg, llm=llm, db=db)
            if name == "fast-longaffect":  # before the compact lines: long lines, budget 60
                app.companion.settings = replace(app.companion.settings, spoken_late_tokens=60)
                for stage in app.companion.stages:
                    if isinstance(stage, AffectStage):
                        stage.compact_when_spoken = False
            if name == "fast-guessonly":  # the model's guess alone and the long mood line, as before self-reports
                for stage in app.companion.stages:
                    if isinstance(stage, AffectStage):
                        stage.read_self_reports = False
                    if isinstance(stage, CompanionAffectStage):
                        stage.spoken_line_off = False
            clock = CpuClock()
            llm.clock = clock
            openers = frozenset() if name == "fast-stop20" else OPENERS
            tts = PiperTTS(threads=threads) if piper_available() else make_tts("espeak")
            pipeline = VoicePipeline(
                app.companion,
                TimedSTT(stt, clock),
                TimedTTS(tts, clock),
                overlap=overlap,
                chunker=lambda clock=clock, openers=openers: TimedChunker(clock, openers),  # type: ignore[misc]
                warm_cache=fast,
                spoken=fast,
                llm_nice=0 if name == "fast-samepriority" else LLM_NICE,
                hint=names_hint(db) if name != "fast-stop20" else None,  # as `amity voice`
            )
            pipelines[f"{model}|{name}"] = (pipeline, app, llm, clock)
    for key, (pipeline, _app, _llm, _clock) in pipelines.items():  # warm-up: load models, fill the cache
        await pipeline.warm_up()
        variant = key.split("|")[1]
        first = (questions_stop20 if variant == "fast-stop20" else questions)[0]
        await answer(pipeline, first, "bench", variant.startswith("fast"), variant != "fast-stop20")
        await pipeline.settled()
    rows: list[dict[str, Any]] = []
    load_before = os.getloadavg()[0]
    for _rnd in range(args.rounds):
        for q in questions:
            for key, (pipeline, _app, llm, clock) in pipelines.items():
                model, variant = key.split("|")
                fast = variant.startswith("fast")
                clock.marks.clear()
                clock.first_piece = ""
                llm.calls.clear()
                cpu = time.process_time()
                stop20 = variant == "fast-stop20"
                asked = questions_stop20[questions.index(q)] if stop20 else q
                done = await answer(pipeline, asked, "bench", fast, not stop20)
                cpu_turn = time.process_time() - cpu
                warm_cpu = time.process_time()
                warms = len(pipeline.warm_ms)
                await pipeline.settled()  # in a conversation: while the reply plays and the user answers
                warm_cpu = time.process_time() - warm_cpu
                t = done.timings
                rows.append(
                    {
                        "model": model,
                        "variant": variant,
                        "question": q.text,
                        "transcript": done.transcript,
                        "reply": done.reply,
                        "first_piece": clock.first_piece,
                        "speech_s": round(len(q.pcm) / 2 / STT_RATE, 2),
                        "stt_rtf": round(t.stt_ms / 1000 / (len(q.pcm) / 2 / STT_RATE), 3),
                        "vad_ms_per_audio_s": round(q.vad_ms_per_audio_s, 3),
                        "cpu_s": round(cpu_turn, 2),
                        "llm_first_token_ms": round(done.end.timings_ms.get("first_token", 0.0), 1)
                        if done.end
                        else 0.0,
                        **reply_call(llm, clock.marks.get("wall0", 0.0)),
                        "stt_cpu_ms": round(clock.between("stt0", "stt1"), 1),
                        "stages_cpu_ms": round(clock.between("llm0", "call0"), 1),
                        "prompt_tokens_evaluated": llm.last_timings.get("prompt_n", -1.0),
                        "prompt_tokens_cached": llm.last_timings.get("cache_n", -1.0),
                        "episodes_used": sum(1 for m in done.end.memories_used if m.kind == "episode")
                        if done.end
                        else 0,
                        "first_sentence_cpu_ms": round(clock.between("llm0", "llm1"), 1),
                        "first_tts_cpu_ms": round(clock.marks.get("tts_thread_ms", 0.0), 1),
                        "warm_ms": round(pipeline.warm_ms[-1], 1) if len(pipeline.warm_ms) > warms else 0.0,
                        "warm_cpu_ms": round(warm_cpu * 1000, 1) if len(pipeline.warm_ms) > warms else 0.0,
                        "load": round(os.getloadavg()[0], 2),
                        **t.to_dict(),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    summary: list[dict[str, Any]] = []
    keys = ("vad_tail_ms", "stt_ms", "stt_wait_ms", "stt_rtf", "llm_first_token_ms", "stages_ms", "llm_ttft_ms")
    keys += ("first_sentence_ms", "first_tts_ms", "first_audio_ms", "reply_ms", "cpu_s", "load", "warm_ms")
    keys += ("stt_cpu_ms", "stages_cpu_ms", "first_sentence_cpu_ms", "first_tts_cpu_ms", "warm_cpu_ms")
    keys += ("prompt_tokens_evaluated", "prompt_tokens_cached")
    for key in pipelines:
        model, variant = key.split("|")
        mine = [r for r in rows if r["model"] == model and r["variant"] == variant]
        summary.append({"model": model, "variant": variant, "n": len(mine)} | {k: median(mine, k) for k in keys})
        # On an idle 2-core machine: STT and the LLM use both cores, Piper one thread. Speculative STT
        # overlaps the tail: only what exceeds it counts.
        est = summary[-1]
        stt_idle = est["stt_cpu_ms"] / 2
        if variant.startswith("fast"):
            stt_idle = max(0.0, stt_idle - (est["vad_tail_ms"] - (210 if variant == "fast-stop20" else 120)))
        est["idle_estimate_first_audio_ms"] = round(
            est["vad_tail_ms"] + stt_idle + est["first_sentence_cpu_ms"] / 2 + est["first_tts_cpu_ms"], 1
        )
    for pipeline, app, _llm, _clock in pipelines.values():
        await pipeline.aclose()
        await app.aclose()
    shutil.rmtree(tmp, ignore_errors=True)
    return {
        "machine": f"{os.cpu_count()} CPU cores, load average {load_before:.1f} at start",
        "stt": stt.name,
        "tts": next(iter(pipelines.values()))[0].tts.name,
        "max_reply_tokens": args.max_tokens,
        "temperature": args.temperature,
        "summary": summary,
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--models", nargs="+", default=MODELS)
    parser.add_argument("--max-tokens", type=int, default=60)
    parser.add_argument("--temperature", type=float, default=0.0, help="0: the same reply for every variant")
    parser.add_argument("--schedules", nargs="+", default=["fast", "baseline"], choices=list(SCHEDULES))
    parser.add_argument("--variants", action="store_true", help="also compare CPU schedules (default model)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--more", action="store_true", help="three more questions (six in all)")
    parser.add_argument("--stt-check", action="store_true", help="only compare Whisper encoder windows")
    args = parser.parse_args()
    if args.stt_check:
        print(json.dumps(stt_check(load_config().models_dir), indent=1))
        return
    result = asyncio.run(run(args))
    print(
        "| model | schedule | VAD tail | STT (wait after tail) | stages | LLM 1st token | 1st sentence | 1st TTS | "
        "**first audio** | warm-up (off path) | load | prompt tokens evaluated / cached | "
        "CPU ms: STT / stages / turn→1st sentence / TTS 1st / warm-up | idle estimate |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in result["summary"]:
        print(
            f"| {s['model']} | {s['variant']} | {s['vad_tail_ms']:.0f} | {s['stt_ms']:.0f} ({s['stt_wait_ms']:.0f}) | "
            f"{s['stages_ms']:.0f} | {s['llm_ttft_ms']:.0f} | {s['first_sentence_ms']:.0f} | "
            f"{s['first_tts_ms']:.0f} | **{s['first_audio_ms']:.0f}** | {s['warm_ms']:.0f} | {s['load']:.1f} | "
            f"{s['prompt_tokens_evaluated']:.0f} / {s['prompt_tokens_cached']:.0f} | "
            f"{s['stt_cpu_ms']:.0f} / {s['stages_cpu_ms']:.0f} / {s['first_sentence_cpu_ms']:.0f} / "
            f"{s['first_tts_cpu_ms']:.0f} / "
            f"{s['warm_cpu_ms']:.0f} | {s['idle_estimate_first_audio_ms']:.0f} |"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
