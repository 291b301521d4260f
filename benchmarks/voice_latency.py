"""Voice latency: from the end of the user's speech to the first audio out, per stage.

Spoken questions are made with Piper (espeak-ng when Piper is missing), padded with silence, and fed
through the real pipeline pieces:

* VAD tail - the questions are streamed through the :class:`UtteranceSegmenter` in 30 ms frames; the tail
  is the audio time between the last voiced frame and the moment the segmenter closes the utterance
  (plus the segmenter's own compute, ~µs per frame);
* STT - faster-whisper base int8, beam 1 (also reported as real-time factor);
* first sentence - ``Companion.turn`` start → the first speakable piece from :class:`SentenceChunker`;
* first TTS chunk - Piper's synthesis time for that piece (it overlaps the LLM still writing);
* first audio = VAD tail + wall time from the end of the utterance to the first ``AudioChunk``.

The LLMs (default ``embedded:qwen2.5-coder-0.5b`` and ``embedded:smollm2-135m``) are measured side by
side in one run, alternating question by question, so load on the machine hits both alike; each gets an
unmeasured warm-up turn first (model load, prompt cache). Variants compare the CPU schedule: Piper with
1 or 2 ONNX threads, TTS overlapping the LLM or waiting for the full reply. The load average is recorded
because this 2-core machine is shared.

    nice -n 10 python benchmarks/voice_latency.py [--rounds 2] [--variants]
        [--out benchmarks/results/voice_latency.json]
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
from dataclasses import replace
from pathlib import Path
from typing import Any

from amity.app import build_app, make_llm
from amity.config import load_config
from amity.llm.base import LLM, GenerationOptions
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.types import Message
from amity.voice import make_tts
from amity.voice.base import TextToSpeech
from amity.voice.pipeline import VoicePipeline, VoiceTurnDone
from amity.voice.sentences import SentenceChunker
from amity.voice.stt_whisper import WhisperSTT
from amity.voice.tts_espeak import EspeakTTS
from amity.voice.tts_piper import PiperTTS, piper_available
from amity.voice.vad import UtteranceSegmenter
from amity.voice.wavio import STT_RATE, resample

QUESTIONS = [
    "Hi, I had a really long day at work and I feel tired.",
    "Can you suggest something relaxing I could do this evening?",
    "My sister is visiting tomorrow and I am a bit nervous about it.",
]
MODELS = ["embedded:qwen2.5-coder-0.5b", "embedded:smollm2-135m"]
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


def vad_tail(stream: bytes) -> tuple[bytes, float, float]:
    """(utterance PCM, tail ms, segmenter compute ms per second of audio)."""
    segmenter = UtteranceSegmenter()
    started = time.perf_counter()
    found = []
    for i in range(0, len(stream), 960):
        found += segmenter.feed(stream[i : i + 960])
    spent = (time.perf_counter() - started) * 1000
    if not found:
        raise SystemExit("the VAD found no utterance in a benchmark question")
    utterance = found[0]
    return utterance.pcm, (utterance.detected_s - utterance.speech_end_s) * 1000, spent / (len(stream) / 2 / STT_RATE)


class CpuClock:
    """CPU time (all of this process's threads) spent by each stage of the current turn."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.process_time())

    def between(self, a: str, b: str) -> float:
        return (self.marks[b] - self.marks[a]) * 1000 if a in self.marks and b in self.marks else 0.0


class TimedSTT:
    def __init__(self, inner: WhisperSTT, clock: CpuClock) -> None:
        self.inner, self.clock, self.name = inner, clock, inner.name

    def transcribe(self, pcm: bytes, sample_rate: int) -> str:
        self.clock.mark("stt0")
        try:
            return self.inner.transcribe(pcm, sample_rate)
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

    def synthesize(self, text: str) -> tuple[bytes, int]:
        started = time.thread_time()
        result = self.inner.synthesize(text)
        self.clock.marks.setdefault("tts_thread_ms", (time.thread_time() - started) * 1000)
        return result


class TimedLLM:
    """Passes calls through, noting when each ``stream`` call starts and yields its first piece."""

    def __init__(self, inner: LLM) -> None:
        self.inner, self.name = inner, inner.name
        self.calls: list[tuple[float, float]] = []

    async def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        started, first = time.perf_counter(), 0.0
        async for piece in self.inner.stream(messages, options):
            if not first:
                first = time.perf_counter()
                self.calls.append((started, first))
            yield piece

    async def aclose(self) -> None:
        await self.inner.aclose()

    def start(self) -> None:
        start = getattr(self.inner, "start", None)
        if callable(start):
            start()


class TimedChunker(SentenceChunker):
    def __init__(self, clock: CpuClock) -> None:
        super().__init__()
        self.clock = clock
        clock.mark("llm0")
        clock.marks.setdefault("wall0", time.perf_counter())

    def feed(self, delta: str) -> list[str]:
        pieces = super().feed(delta)
        if pieces:
            self.clock.mark("llm1")
        return pieces

    def flush(self) -> list[str]:
        pieces = super().flush()
        if pieces:
            self.clock.mark("llm1")
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


async def run(args: argparse.Namespace) -> dict[str, Any]:
    config = load_config()
    models_dir = config.models_dir
    tmp = Path(tempfile.mkdtemp(prefix="amity-voice-bench-"))
    stt = WhisperSTT(models_dir)
    stt.load()
    questions = [(q, *vad_tail(speak_question(q))) for q in QUESTIONS]
    variants: list[tuple[str, int, bool]] = [("piper2-overlap", 2, True)]
    if args.variants:
        variants += [("piper1-overlap", 1, True), ("piper2-after-reply", 2, False)]
    pipelines: dict[str, tuple[VoicePipeline, Any]] = {}
    clock = CpuClock()
    llms: dict[str, TimedLLM] = {}
    for model in args.models:
        cfg = replace(config, model=model, max_reply_tokens=args.max_tokens, temperature=args.temperature)
        db = Database(tmp / f"{model.split(':')[-1]}.db", all_migrations())
        llm = TimedLLM(make_llm(cfg))
        llms[model] = llm
        app = build_app(cfg, llm=llm, db=db)
        for name, threads, overlap in variants:
            if name != variants[0][0] and model != args.models[0]:
                continue  # schedule variants only on the default model
            tts = PiperTTS(threads=threads) if piper_available() else make_tts("espeak")
            pipeline = VoicePipeline(
                app.companion,
                TimedSTT(stt, clock),
                TimedTTS(tts, clock),
                overlap=overlap,
                chunker=lambda: TimedChunker(clock),
            )
            pipelines[f"{model}|{name}"] = (pipeline, app)
    for pipeline, _app in pipelines.values():  # warm-up: load models, fill the prompt cache
        await pipeline.warm_up()
        async for _ in pipeline.respond("bench", questions[0][1], STT_RATE):
            pass
    rows: list[dict[str, Any]] = []
    load_before = os.getloadavg()[0]
    for rnd in range(args.rounds):
        for text, pcm, tail_ms, vad_cost in questions:
            for key, (pipeline, _app) in pipelines.items():
                model, variant = key.split("|")
                cpu = time.process_time()
                clock.marks.clear()
                llms[model].calls.clear()
                done: VoiceTurnDone | None = None
                async for event in pipeline.respond(
                    f"bench-{variant}-{rnd}", pcm, STT_RATE, vad_tail_ms=tail_ms, speech_ended=time.perf_counter()
                ):
                    if isinstance(event, VoiceTurnDone):
                        done = event
                assert done is not None
                t = done.timings
                rows.append(
                    {
                        "model": model,
                        "variant": variant,
                        "question": text,
                        "transcript": done.transcript,
                        "speech_s": round(len(pcm) / 2 / STT_RATE, 2),
                        "stt_rtf": round(t.stt_ms / 1000 / (len(pcm) / 2 / STT_RATE), 3),
                        "vad_ms_per_audio_s": round(vad_cost, 3),
                        "cpu_s": round(time.process_time() - cpu, 2),
                        "llm_first_token_ms": round(done.end.timings_ms.get("first_token", 0.0), 1)
                        if done.end
                        else 0.0,
                        **reply_call(llms[model], clock.marks.get("wall0", 0.0)),
                        "stt_cpu_ms": round(clock.between("stt0", "stt1"), 1),
                        "first_sentence_cpu_ms": round(clock.between("llm0", "llm1"), 1),
                        "first_tts_cpu_ms": round(clock.marks.get("tts_thread_ms", 0.0), 1),
                        "load": round(os.getloadavg()[0], 2),
                        **t.to_dict(),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    summary: list[dict[str, Any]] = []
    for key in pipelines:
        model, variant = key.split("|")
        mine = [r for r in rows if r["model"] == model and r["variant"] == variant]
        summary.append(
            {"model": model, "variant": variant, "n": len(mine)}
            | {k: median(mine, k) for k in ("vad_tail_ms", "stt_ms", "stt_rtf", "llm_first_token_ms")}
            | {k: median(mine, k) for k in ("stages_ms", "llm_ttft_ms")}
            | {"first_sentence_ms": median(mine, "first_sentence_ms")}
            | {k: median(mine, k) for k in ("first_tts_ms", "first_audio_ms", "reply_ms", "cpu_s", "load")}
            | {k: median(mine, k) for k in ("stt_cpu_ms", "first_sentence_cpu_ms", "first_tts_cpu_ms")}
        )
        # On an idle 2-core machine: STT and the LLM use both cores, Piper one thread.
        est = summary[-1]
        est["idle_estimate_first_audio_ms"] = round(
            est["vad_tail_ms"] + est["stt_cpu_ms"] / 2 + est["first_sentence_cpu_ms"] / 2 + est["first_tts_cpu_ms"], 1
        )
    for _pipeline, app in {id(a): (p, a) for p, a in pipelines.values()}.values():
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
    parser.add_argument("--variants", action="store_true", help="also compare CPU schedules (default model)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--stt-check", action="store_true", help="only compare Whisper encoder windows")
    args = parser.parse_args()
    if args.stt_check:
        print(json.dumps(stt_check(load_config().models_dir), indent=1))
        return
    result = asyncio.run(run(args))
    print(
        "| model | variant | VAD tail | STT (RTF) | LLM 1st token | 1st sentence | 1st TTS | first audio | load | "
        "CPU ms: STT / "
        "LLM 1st sentence / TTS 1st | idle estimate |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for s in result["summary"]:
        print(
            f"| {s['model']} | {s['variant']} | {s['vad_tail_ms']:.0f} | {s['stt_ms']:.0f} ({s['stt_rtf']:.2f}) | "
            f"{s['llm_first_token_ms']:.0f} | {s['first_sentence_ms']:.0f} | "
            f"{s['first_tts_ms']:.0f} | {s['first_audio_ms']:.0f} | {s['load']:.1f} | "
            f"{s['stt_cpu_ms']:.0f} / {s['first_sentence_cpu_ms']:.0f} / {s['first_tts_cpu_ms']:.0f} | "
            f"{s['idle_estimate_first_audio_ms']:.0f} |"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
