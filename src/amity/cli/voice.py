"""``amity voice``: talk out loud (live, microphone and loudspeaker) or answer a recorded question.

Headless: ``amity voice --input question.wav --output reply.wav`` transcribes the question (VAD trims the
silence around it), runs one turn and writes the spoken reply; it prints what it heard and the reply
(``--json``: one object with the transcript, the reply and per-stage timings). Live: ``amity voice``
listens until Ctrl-C; it says that the microphone is on when it starts and again after every reply, and
that it is off when it stops (the EU AI Act asks that people know when they talk with an AI and when they
are being listened to).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from amity.app import App
from amity.care.pipeline import companion_prosody
from amity.cli.common import console, err_console, print_json, run, with_app
from amity.errors import InputError
from amity.events import Notice, TextDelta
from amity.senses.sensing import SensingChannels
from amity.store.care_store import CareStore
from amity.voice import load_voice_emotion, make_stt, make_tts
from amity.voice.headless import answer_wav
from amity.voice.pipeline import Heard, VoicePipeline, VoiceTurnDone
from amity.voice.vocabulary import names_hint

LISTENING = "[bold red]● Microphone on[/bold red] - listening"
MIC_ON = (
    "[bold red]● Microphone on[/bold red] - Amity (an AI) is listening. Speech is processed on this "
    "computer and not recorded. Speak any time, talk over a reply to interrupt; Ctrl-C to stop."
)


def _pipeline(app: App, tts: str, emotion: bool, language: str, user_id: str, live: bool) -> VoicePipeline:
    return VoicePipeline(
        app.companion,
        make_stt(app.config.models_dir, language=language or None),
        make_tts(tts),
        emotion=load_voice_emotion(CareStore(app.db), user_id) if emotion else None,
        warm_cache=live,  # one question from a file: no next turn to prepare
        prosody=lambda user, affect: companion_prosody(app.db, user, affect),  # the companion's mood, heard
        hint=names_hint(app.db),  # the names Amity knows, so Whisper hears "Maya", not "my"
    )


async def _headless(
    app: App, source: Path, target: Path, user: str | None, session: str | None, opts: dict[str, str | bool | int]
) -> None:
    user_id = user or app.config.default_user()
    app.store.ensure_user(user_id, app.config.locale)  # its speaker statistics are stored with it
    pipeline = _pipeline(app, str(opts["tts"]), bool(opts["emotion"]), str(opts["language"]), user_id, False)
    done, notices = await answer_wav(pipeline, user_id, source, target, session_id=session)
    if opts["json"]:
        print_json(
            {
                "transcript": done.transcript,
                "reply": done.reply,
                "output": str(target),
                "audio_s": round(done.timings.audio_s, 2),
                "timings_ms": done.timings.to_dict(),
                "turn": done.end.to_json() if done.end else None,
            }
        )
        return
    for notice in notices:
        err_console.print(f"ℹ {escape(notice.text)}")
    console.print(f"[bold blue]You said:[/bold blue] {escape(done.transcript)}")
    console.print(f"[bold green]Amity:[/bold green] {escape(done.reply)}")
    err_console.print(f"[dim]Spoken reply ({done.timings.audio_s:.1f} s) written to {target}[/dim]")


async def _live(app: App, user: str | None, session: str | None, opts: dict[str, str | bool | int]) -> None:
    from amity.voice.audio_io import Microphone, Speaker
    from amity.voice.live import Interrupted, LiveEvent, LiveLoop, WentOn
    from amity.voice.vad import UtteranceSegmenter

    speaker = Speaker()  # fails early, with a fix, when there is no audio device
    user_id = user or app.config.default_user()
    app.store.ensure_user(user_id, app.config.locale)  # its speaker statistics are stored with it
    pipeline = _pipeline(app, str(opts["tts"]), bool(opts["emotion"]), str(opts["language"]), user_id, True)
    err_console.print("[dim]Loading speech models…[/dim]")
    await pipeline.warm_up()
    state = {"speaking": False}

    def show(event: LiveEvent) -> None:
        if isinstance(event, Heard) and event.text:
            console.print(f"[bold blue]You:[/bold blue] {escape(event.text)}")
        elif isinstance(event, Notice):
            console.print(f"[cyan]ℹ {escape(event.text)}[/cyan]")
        elif isinstance(event, TextDelta):
            if not state["speaking"]:
                console.print("[bold green]Amity:[/bold green] ", end="")
                state["speaking"] = True
            sys.stdout.write(event.text)
            sys.stdout.flush()
        elif isinstance(event, VoiceTurnDone):
            if state["speaking"]:
                sys.stdout.write("\n")
            state["speaking"] = False
            err_console.print(
                f"[dim]first audio after {event.timings.first_audio_ms:.0f} ms[/dim] - {LISTENING}", highlight=False
            )
        elif isinstance(event, WentOn):
            if state["speaking"]:
                sys.stdout.write(" …\n")
            state["speaking"] = False
            err_console.print(f"[dim](you went on - listening)[/dim] {LISTENING}", highlight=False)
        elif isinstance(event, Interrupted):
            if state["speaking"]:
                sys.stdout.write(" …\n")
            state["speaking"] = False
            err_console.print(f"[dim](interrupted)[/dim] {LISTENING}", highlight=False)

    async for event in app.companion.open(user_id, session):
        show(event)
    loop = LiveLoop(
        pipeline,
        Microphone(),
        speaker,
        user_id=user_id,
        session_id=session,
        on_event=show,
        segmenter=UtteranceSegmenter(None, **segmenter_timing(int(opts["pause_ms"]))),
    )
    err_console.print(MIC_ON)
    try:
        await loop.run()
    finally:
        speaker.stop()
        err_console.print("[bold]● Microphone off.[/bold]")


def segmenter_timing(pause_ms: int) -> dict[str, int]:
    """The segmenter's silences for ``--pause-ms``: the quick end, the plain tail and the hold scale with it."""
    if not 150 <= pause_ms <= 3000:
        raise InputError(
            f"--pause-ms {pause_ms} is out of range.", "Use 150-3000 ms (300 is the default; raise it if cut off)."
        )
    return {"quick_end_ms": pause_ms, "end_ms": max(450, pause_ms + 150), "hold_ms": max(1200, 4 * pause_ms)}


def voice_command(
    input: Annotated[Path | None, typer.Option("--input", "-i", help="Question as a WAV file (headless)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the spoken reply")] = None,
    user: Annotated[str | None, typer.Option("--user", "-u", help="User id")] = None,
    session: Annotated[str | None, typer.Option("--session", "-s", help="Session id")] = None,
    tts: Annotated[str, typer.Option(help="Speech engine: auto, piper or espeak")] = "auto",
    language: Annotated[str, typer.Option(help="Spoken language ('' = detect)")] = "en",
    emotion: Annotated[bool, typer.Option(help="Read emotion from the voice when available")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Headless: print one JSON object")] = False,
    pause_ms: Annotated[
        int,
        typer.Option(
            "--pause-ms",
            help="Silence before a finished sentence is answered (unfinished ones wait longer); raise it if cut off",
        ),
    ] = 300,
) -> None:
    """Talk with Amity out loud, or answer a recorded question (--input q.wav --output a.wav)."""
    segmenter_timing(pause_ms)  # a bad value fails before any model loads
    opts: dict[str, str | bool | int] = {
        "tts": tts,
        "language": language,
        "emotion": emotion,
        "json": json_out,
        "pause_ms": pause_ms,
    }
    sensing = SensingChannels(text=True, voice=emotion, face=False)  # the microphone is on in voice mode
    if input is not None:
        if output is None:
            raise InputError("--input needs --output.", "Add e.g. --output reply.wav.")
        if not input.is_file():
            raise InputError(f"No audio file at {input}.", "Check the path of the --input file.")
        source, target = input, output
        run(
            with_app(
                lambda app: _headless(app, source, target, user, session, opts),
                quiet=json_out,
                sensing=sensing,
                voice=True,
            )
        )
        return
    if output is not None:
        raise InputError("--output needs --input.", "Add --input question.wav, or drop both to talk live.")
    run(with_app(lambda app: _live(app, user, session, opts), sensing=sensing, voice=True))
