"""``amity chat`` (interactive, streamed) and ``amity say`` (one scripted turn)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable

from rich.markup import escape

from amity.app import App
from amity.cli.common import console, err_console, print_json, run, with_app
from amity.events import Notice, TextDelta, TurnEnd
from amity.profile import extract_name

HELP = """Commands:
  /help   show this help
  /new    start a new conversation session (Amity still remembers you)
  /quit   leave (also Ctrl-D)"""

SlashHandler = Callable[[App, str, str], str | None]
# Extra slash commands contributed by features: name -> handler(app, user_id, argument) -> text to show.
SLASH_COMMANDS: dict[str, tuple[str, SlashHandler]] = {}


def _user_id(app: App, user: str | None) -> str:
    return user or app.config.default_user()


def _render_notice(event: Notice) -> None:
    style = {"ai_disclosure": "cyan", "reminder": "yellow", "check_in": "magenta"}.get(event.kind, "blue")
    console.print(f"[{style}]ℹ {escape(event.text)}[/{style}]")


async def _run_turn(app: App, user_id: str, text: str, session_id: str | None) -> TurnEnd | None:
    name = app.companion.persona(user_id).name
    started = False
    end: TurnEnd | None = None
    async for event in app.companion.turn(user_id, text, session_id=session_id):
        if isinstance(event, TextDelta):
            if not started:
                console.print(f"[bold green]{escape(name)}:[/bold green] ", end="")
                started = True
            sys.stdout.write(event.text)
            sys.stdout.flush()
        elif isinstance(event, Notice):
            _render_notice(event)
        elif isinstance(event, TurnEnd):
            end = event
    if started:
        sys.stdout.write("\n")
    return end


async def _chat(app: App, user: str | None, session: str | None, read: Callable[[str], str] = console.input) -> None:
    """The chat loop. Input is read in a thread so that, while the user types, the event loop warms the
    model's prompt cache with the conversation so far (``Companion.warm``): the next reply then only has
    to read the new message."""
    user_id = _user_id(app, user)
    store = app.store
    profile = store.ensure_user(user_id, app.config.locale)
    persona = app.companion.persona(user_id)
    console.print(f"[bold]{escape(persona.name)}[/bold] - type /help for commands, /quit to leave.")
    if profile.display_name is None and sys.stdin.isatty():
        answer = read("What should I call you? ").strip()
        name = extract_name(answer) or (extract_name(f"My name is {answer.title()}") if answer else None)
        if name:
            store.update_user(user_id, display_name=name)
    async for event in app.companion.open(user_id, session):
        if isinstance(event, Notice):
            _render_notice(event)
    session_id = session
    warming: asyncio.Task[bool] | None = None
    while True:
        try:
            text = await asyncio.to_thread(read, "[bold blue]You:[/bold blue] ")
        except EOFError:
            console.print()
            break
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith("/"):
            command, _, argument = stripped[1:].partition(" ")
            command = command.lower()
            if command in ("quit", "exit", "q"):
                break
            if command == "help":
                extra = "".join(f"\n  /{n:<6} {h}" for n, (h, _f) in sorted(SLASH_COMMANDS.items()))
                console.print(HELP + extra)
                continue
            if command == "new":
                session_id = store.new_session(user_id).id
                console.print("[dim]New session started.[/dim]")
                async for event in app.companion.open(user_id, session_id):
                    if isinstance(event, Notice):
                        _render_notice(event)
                continue
            if command in SLASH_COMMANDS:
                shown = SLASH_COMMANDS[command][1](app, user_id, argument)
                if shown:
                    console.print(escape(shown))
                continue
            console.print(f"Unknown command /{escape(command)}. Type /help.")
            continue
        if warming is not None:
            await warming  # usually long done; the model would queue the turn behind it anyway
        end = await _run_turn(app, user_id, stripped, session_id)
        if end is not None:
            session_id = end.session
            warming = asyncio.create_task(app.companion.warm(user_id))
    if warming is not None and not warming.done():
        warming.cancel()  # leaving: no need for the next prompt
        with contextlib.suppress(asyncio.CancelledError):
            await warming
    name = store.get_user(user_id).display_name
    console.print(f"[dim]Take care{', ' + escape(name) if name else ''}. Our conversation is saved.[/dim]")


def chat(user: str | None, session: str | None) -> None:
    run(with_app(lambda app: _chat(app, user, session)))


async def _say(app: App, text: str, json_out: bool, user: str | None, session: str | None) -> None:
    user_id = _user_id(app, user)
    end: TurnEnd | None = None
    notices: list[Notice] = []
    async for event in app.companion.turn(user_id, text, session_id=session):
        if isinstance(event, TurnEnd):
            end = event
        elif isinstance(event, Notice):
            notices.append(event)
    assert end is not None
    if json_out:
        print_json(end.to_json())
        return
    for notice in notices:
        err_console.print(f"ℹ {escape(notice.text)}")
    console.print(escape(end.reply))


def say(text: str, json_out: bool, user: str | None, session: str | None) -> None:
    run(with_app(lambda app: _say(app, text, json_out, user, session), quiet=json_out))
