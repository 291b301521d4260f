"""Care commands: ``amity mood``, ``amity tool`` (alias ``cbt``), ``amity persona``; helpers for ``amity me``
and the chat slash commands ``/good``, ``/bad``, ``/tool``, ``/mood``.

These commands only need the database (no model is loaded). Every tool command works both interactively
(prompts on a terminal) and non-interactively (``--answer`` repeated, or ``amity tool answer TEXT``), so the
same flows are scripted in tests.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amity.care import cbt
from amity.care.cbt.breathing import pace
from amity.care.cbt.distortions import DistortionDetector
from amity.care.chart import terminal_chart, write_png
from amity.care.checkins import INSTRUMENTS, SCALE, MoodTracker
from amity.care.persona import (
    PRESETS,
    customize,
    load_persona,
    persona_to_dict,
    preset,
    reset_persona,
    save_persona,
)
from amity.care.pipeline import tool_command
from amity.care.preferences import PreferenceLearner
from amity.care.proactive import configure, load_settings
from amity.errors import InputError
from amity.store.care_store import CareStore
from amity.store.sql import SqlDatabase

if TYPE_CHECKING:
    from amity.app import App

UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="User id (default: config 'user' or login)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


@contextmanager
def _open(user: str | None) -> Iterator[tuple[SqlDatabase, str]]:
    """The database and the (ensured) user id, without loading any model."""
    from amity.cli.common import open_db
    from amity.config import load_config
    from amity.store.conversations import ConversationStore

    config = load_config()
    db = open_db(config)
    try:
        user_id = ConversationStore(db).ensure_user(user or config.default_user(), config.locale).id
        yield db, user_id
    finally:
        db.close()


# -- amity mood ----------------------------------------------------------------------------------------
def _parse_answers(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in text.replace(" ", "").split(","))
    except ValueError:
        raise InputError(
            "Answers are two numbers from 0 to 3, comma-separated.", "For example: --answers 1,2"
        ) from None


def _ask_screening(instrument: str) -> tuple[int, ...]:
    intro, items = INSTRUMENTS[instrument]
    typer.echo(intro)
    typer.echo("  " + "   ".join(f"{i} = {s}" for i, s in enumerate(SCALE)))
    answers: list[int] = []
    for item in items:
        value = -1
        while not 0 <= value <= 3:
            value = typer.prompt(f"{item}? (0-3)", type=int)
        answers.append(value)
    return tuple(answers)


def mood(
    score: Annotated[int | None, typer.Argument(help="How you feel, 1 (awful) to 10 (great)")] = None,
    words: Annotated[list[str] | None, typer.Argument(help="A few words about it")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Write the mood chart as a PNG")] = None,
    week: Annotated[bool, typer.Option("--week", help="Show the weekly summary")] = False,
    screen: Annotated[str | None, typer.Option("--screen", help="Optional screening: phq2 or gad2")] = None,
    answers: Annotated[str | None, typer.Option("--answers", help="Screening answers, e.g. 1,2 (0-3 each)")] = None,
    proactive: Annotated[str | None, typer.Option("--proactive", help="Opt in/out of check-ins: on|off")] = None,
    quiet: Annotated[str | None, typer.Option("--quiet", help="Quiet hours for check-ins, e.g. 22-8")] = None,
    user: UserOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Mood check-in (1-10 plus words), history chart, weekly summary and optional PHQ-2 / GAD-2."""
    with _open(user) as (db, user_id):
        store = CareStore(db)
        tracker = MoodTracker(store)
        out: dict[str, Any] = {}
        if score is not None:
            out["checkin"] = tracker.check_in(user_id, score, " ".join(words or [])).to_dict()
        if screen:
            instrument = screen.lower().replace("-", "")
            if instrument not in INSTRUMENTS:
                raise InputError(f"Unknown questionnaire {screen!r}.", "Use --screen phq2 or --screen gad2.")
            given = _parse_answers(answers) if answers else _ask_screening(instrument)
            out["screening"] = tracker.screen(user_id, instrument, given).to_dict()
        if proactive or quiet:
            start = end = None
            if quiet:
                try:
                    start, end = (int(x) for x in quiet.split("-"))
                except ValueError:
                    raise InputError("Quiet hours look like 22-8.", "Use --quiet START-END in whole hours.") from None
            enabled = None if proactive is None else proactive.lower() in ("on", "yes", "true", "1")
            configure(store, user_id, enabled=enabled, quiet_start=start, quiet_end=end)
            out["proactive"] = load_settings(store, user_id).to_dict()
        history = tracker.history(user_id)
        summary = tracker.weekly_summary(user_id)
        if png:
            out["png"] = str(write_png(history, png))
        if json_out:
            _emit({**out, "summary": summary, "history": [m.to_dict() for m in history]})
            return
        if "checkin" in out:
            typer.echo(f"Saved: {score}/10{' - ' + out['checkin']['words'] if out['checkin']['words'] else ''}.")
        if "screening" in out:
            typer.echo(out["screening"]["message"])
        if "proactive" in out:
            p = out["proactive"]
            typer.echo(
                f"Check-ins {'on' if p['enabled'] else 'off'}; quiet hours {p['quiet_start']}:00-{p['quiet_end']}:00."
            )
        typer.echo(terminal_chart(history))
        if week or score is None:
            typer.echo(summary["text"])
        if png:
            typer.echo(f"Chart written to {out['png']}")


# -- amity tool ----------------------------------------------------------------------------------------
tool_app = typer.Typer(
    help="CBT exercises: thought record, breathing, grounding, activity plan, gratitude.",
    no_args_is_help=True,
)
AnswerOpt = Annotated[list[str] | None, typer.Option("--answer", "-a", help="Answer the next step (repeatable)")]


def _drive(store: CareStore, user_id: str, first: str, answers: list[str] | None) -> None:
    """Print the tool's prompt; feed ``answers`` in order, or prompt on a terminal until done or stopped."""
    runner = cbt.runner(store)
    typer.echo(first)
    queue = list(answers or [])
    interactive = not queue and sys.stdin.isatty()
    while runner.active(user_id) is not None:
        if queue:
            text = queue.pop(0)
            typer.echo(f"> {text}")
        elif interactive:
            text = typer.prompt(">", prompt_suffix=" ")
        else:
            return
        if text.strip().lower() in ("stop", "pause", "/tool stop", "quit", "exit"):
            paused = runner.pause(user_id)
            typer.echo(paused.text if paused else "")
            return
        typer.echo(runner.answer(user_id, text).text)


@tool_app.command("list")
def tool_list() -> None:
    """The available exercises."""
    typer.echo(cbt.listing())


@tool_app.command("start")
def tool_start(name: str, answer: AnswerOpt = None, user: UserOpt = None) -> None:
    """Start an exercise (its answers are saved after every step)."""
    with _open(user) as (db, user_id):
        store = CareStore(db)
        _drive(store, user_id, cbt.runner(store).start(user_id, name).text, answer)


@tool_app.command("resume")
def tool_resume(
    name: Annotated[str | None, typer.Argument()] = None, answer: AnswerOpt = None, user: UserOpt = None
) -> None:
    """Continue an unfinished exercise where you left it."""
    with _open(user) as (db, user_id):
        store = CareStore(db)
        _drive(store, user_id, cbt.runner(store).resume(user_id, name).text, answer)


@tool_app.command("answer")
def tool_answer(text: str, user: UserOpt = None) -> None:
    """Answer one step of the running exercise (non-interactive)."""
    with _open(user) as (db, user_id):
        typer.echo(cbt.runner(CareStore(db)).answer(user_id, text).text)


@tool_app.command("stop")
def tool_stop(user: UserOpt = None) -> None:
    """Pause the running exercise (resume later)."""
    with _open(user) as (db, user_id):
        typer.echo(tool_command(CareStore(db), user_id, "stop"))


@tool_app.command("cancel")
def tool_cancel(user: UserOpt = None) -> None:
    """Discard the unfinished exercise."""
    with _open(user) as (db, user_id):
        typer.echo(tool_command(CareStore(db), user_id, "cancel"))


@tool_app.command("status")
def tool_status(user: UserOpt = None, json_out: JsonOpt = False) -> None:
    """Your exercise runs and their progress."""
    with _open(user) as (db, user_id):
        runs = [
            {
                "id": r.id,
                "tool": r.tool,
                "step": r.step,
                "of": len(cbt.TOOLS[r.tool].steps),
                "status": r.status,
                "updated_at": r.updated_at.isoformat(),
            }
            for r in CareStore(db).tool_runs(user_id)
        ]
        if json_out:
            _emit(runs)
            return
        for r in runs or [{"tool": "(none yet)", "step": 0, "of": 0, "status": "", "updated_at": ""}]:
            typer.echo(f"{r['tool']:<15} step {r['step']}/{r['of']}  {r['status']:<8} {r['updated_at']}")


@tool_app.command("journal")
def tool_journal(
    kind: Annotated[str | None, typer.Argument(help="thought_record, gratitude, …")] = None,
    user: UserOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """What your finished exercises saved."""
    with _open(user) as (db, user_id):
        entries = CareStore(db).journal(user_id, kind)
        if json_out:
            _emit([{"kind": e.kind, "created_at": e.created_at.isoformat(), **e.body} for e in entries])
            return
        for e in entries:
            typer.echo(f"{e.created_at:%Y-%m-%d %H:%M}  {e.kind:<15} {json.dumps(e.body, ensure_ascii=False)}")


@tool_app.command("breathe")
def tool_breathe(
    pattern: Annotated[str, typer.Option(help="calm (4/6), box (4-4-4-4) or 478")] = "calm",
    cycles: Annotated[int, typer.Option(help="Number of breaths")] = 5,
    no_wait: Annotated[bool, typer.Option("--no-wait", help="Print the timed script without waiting")] = False,
) -> None:
    """A paced breathing exercise with live timing."""
    elapsed = pace(pattern, cycles, typer.echo, (lambda _s: None) if no_wait else time.sleep)
    typer.echo(f"({elapsed} seconds)")


@tool_app.command("distortions")
def tool_distortions(text: str, json_out: JsonOpt = False) -> None:
    """Check a thought for common thinking traps (a suggestion, not a diagnosis)."""
    r = DistortionDetector().detect(text)
    if json_out:
        _emit(
            {
                "present": r.present,
                "probability": round(r.probability, 4),
                "type": r.top_type,
                "types": {k: round(v, 4) for k, v in sorted(r.type_scores.items(), key=lambda kv: -kv[1])},
            }
        )
    elif r.present:
        typer.echo(f"This may hold some {r.top_type.lower()} - {r.explanation()}. {r.reframe()}")
    else:
        typer.echo("I don't see a common thinking trap in that.")


# -- amity persona -------------------------------------------------------------------------------------
persona_app = typer.Typer(help="Who your companion is: presets or your own.", no_args_is_help=True)


@persona_app.command("list")
def persona_list() -> None:
    """The presets."""
    for key, p in PRESETS.items():
        typer.echo(f"{key:<8} {p.name} ({p.pronouns}) - {', '.join(p.traits)}")


@persona_app.command("show")
def persona_show(user: UserOpt = None, json_out: JsonOpt = False) -> None:
    """The current persona."""
    with _open(user) as (db, user_id):
        p = load_persona(db, user_id)
        if json_out:
            _emit(persona_to_dict(p))
            return
        typer.echo(
            f"{p.name} ({p.pronouns}), voice {p.voice}\n{p.backstory}\nTraits: {', '.join(p.traits)}\n"
            f"Style: {p.speaking_style}"
        )


@persona_app.command("use")
def persona_use(name: str, user: UserOpt = None) -> None:
    """Switch to a preset."""
    with _open(user) as (db, user_id):
        p = save_persona(db, user_id, preset(name))
        typer.echo(f"Your companion is now {p.name}.")


@persona_app.command("set")
def persona_set(
    name: Annotated[str | None, typer.Option()] = None,
    pronouns: Annotated[str | None, typer.Option()] = None,
    backstory: Annotated[str | None, typer.Option()] = None,
    traits: Annotated[str | None, typer.Option(help="Comma-separated")] = None,
    style: Annotated[str | None, typer.Option(help="Speaking style")] = None,
    voice: Annotated[str | None, typer.Option()] = None,
    base: Annotated[str | None, typer.Option(help="Start from this preset")] = None,
    user: UserOpt = None,
) -> None:
    """Customise the persona (unset fields keep their current values)."""
    with _open(user) as (db, user_id):
        p = customize(
            db,
            user_id,
            base,
            name=name,
            pronouns=pronouns,
            backstory=backstory,
            traits=traits,
            speaking_style=style,
            voice=voice,
        )
        typer.echo(f"Saved: {p.name} ({p.pronouns}) - {', '.join(p.traits)}.")


@persona_app.command("reset")
def persona_reset(user: UserOpt = None) -> None:
    """Back to the default persona."""
    with _open(user) as (db, user_id):
        typer.echo(f"Back to {reset_persona(db, user_id).name}.")


# -- helpers for `amity me` and chat slash commands -------------------------------------------------------
def preferences_for(db: SqlDatabase, user_id: str) -> dict[str, Any]:
    """Learned preferences (style per mood context, topics, feedback counts) for ``amity me``."""
    return PreferenceLearner(CareStore(db)).summary(user_id)


def reset_preferences(db: SqlDatabase, user_id: str) -> None:
    PreferenceLearner(CareStore(db)).reset(user_id)


def slash_good(app: App, user_id: str, argument: str) -> str:
    PreferenceLearner(CareStore(app.db)).feedback(user_id, True)
    return "Thanks - noted. I'll keep replying like that."


def slash_bad(app: App, user_id: str, argument: str) -> str:
    PreferenceLearner(CareStore(app.db)).feedback(user_id, False)
    return "Thanks for telling me - I'll try a different style. (`/me` shows what I've learned.)"


def slash_tool(app: App, user_id: str, argument: str) -> str:
    return tool_command(CareStore(app.db), user_id, argument)


def slash_mood(app: App, user_id: str, argument: str) -> str:
    parts = argument.split(maxsplit=1)
    tracker = MoodTracker(CareStore(app.db))
    if parts and parts[0].isdigit():
        tracker.check_in(user_id, int(parts[0]), parts[1] if len(parts) > 1 else "")
    summary: str = tracker.weekly_summary(user_id)["text"]
    return terminal_chart(tracker.history(user_id)) + "\n" + summary
