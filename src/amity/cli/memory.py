"""``amity memory list|search|show|edit|forget|reminders``: see and control what Amity remembers.

Opens the database without loading the chat model (memory commands must stay fast); the memory index
(with its embedder) is opened only by the commands that need it. Every command takes ``--user`` and
``--json``. Forgetting asks for confirmation unless ``--yes`` and reports what was removed where.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

import typer

from amity.cli.common import console, err_console
from amity.config import load_config
from amity.errors import InputError
from amity.memory.control import MemoryControl
from amity.memory.dates import find_date, upcoming
from amity.memory.facts import Fact, format_date_value
from amity.store.conversations import ConversationStore
from amity.store.memory_backends import fact_book, memory_index
from amity.store.sqlite_facts import SQLiteRedactor

memory_app = typer.Typer(help="See, correct and forget what Amity remembers about you.", no_args_is_help=True)
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="User id (default: config 'user' or login)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


@contextmanager
def open_control(user: str | None, with_index: bool) -> Iterator[tuple[MemoryControl, str]]:
    """The control object over the app's database, and the resolved user id."""
    from amity.cli.common import open_db  # the app's way: migrations, and the key of an encrypted database

    config = load_config()
    db = open_db(config)
    try:
        index = memory_index(db, config.embedder or None) if with_index else None
        control = MemoryControl(fact_book(db), index, SQLiteRedactor(db), ConversationStore(db))
        yield control, user or config.default_user()
    finally:
        db.close()


def _emit(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _fact_line(fact: Fact) -> str:
    state = "" if fact.active else " [old]"
    return f"[bold]{fact.id}[/bold]{state}  {fact.describe()}  [dim]({fact.created_at:%Y-%m-%d})[/dim]"


@memory_app.command("list")
def list_cmd(
    user: UserOpt = None,
    history: Annotated[bool, typer.Option("--history", help="Include old (superseded) versions")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List the facts Amity keeps about you (and how many conversation snippets)."""
    with open_control(user, with_index=True) as (control, uid):
        facts = control.facts_of(uid, include_history=history)
        episodes = control.episodes(uid, limit=10)
        if json_out:
            _emit(
                {
                    "user": uid,
                    "facts": [f.to_dict() for f in facts],
                    "recent_snippets": [
                        {"id": e.id, "text": e.text, "kind": e.kind, "when": e.created_at.isoformat()} for e in episodes
                    ],
                }
            )
            return
        if not facts and not episodes:
            console.print(f"Nothing is stored about {uid}.")
            return
        console.print(f"[bold]Facts about {uid}[/bold] ({len(facts)})")
        for fact in facts:
            console.print(_fact_line(fact))
        if episodes:
            console.print(f"\n[bold]Recent conversation snippets[/bold] (latest {len(episodes)})")
            for e in episodes:
                console.print(f"[bold]{e.id}[/bold]  {e.text[:90]}  [dim]({e.created_at:%Y-%m-%d})[/dim]")


@memory_app.command("search")
def search_cmd(query: str, user: UserOpt = None, k: int = 10, json_out: JsonOpt = False) -> None:
    """Search facts and conversation snippets."""
    with open_control(user, with_index=True) as (control, uid):
        results = control.search(uid, query, k)
        if json_out:
            _emit([r.to_dict() for r in results])
            return
        if not results:
            console.print("No memories match.")
        for r in results:
            when = f"  [dim]({r.when:%Y-%m-%d})[/dim]" if r.when else ""
            console.print(f"[bold]{r.id}[/bold] [{r.kind}] {r.text[:100]}{when}")


@memory_app.command("show")
def show_cmd(item_id: str, user: UserOpt = None, json_out: JsonOpt = False) -> None:
    """Show one memory with its source (and a fact's history)."""
    with open_control(user, with_index=True) as (control, uid):
        found = control.show(uid, item_id)
        if isinstance(found, Fact):
            if json_out:
                _emit(found.to_dict())
                return
            console.print(_fact_line(found))
            console.print(f"  confidence {found.confidence:.2f}, from {found.origin}, turn {found.source_turn_id}")
            if found.quote:
                console.print(f'  you said: "{found.quote}"')
            for old in found.history:
                console.print(
                    f"  earlier: {old.describe()} ({old.created_at:%Y-%m-%d}, replaced {old.superseded_at:%Y-%m-%d})"
                )
            return
        data = {
            "id": found.id,
            "kind": found.kind,
            "text": found.text,
            "role": found.role,
            "session": found.session_id,
            "when": found.created_at.isoformat(),
        }
        if json_out:
            _emit(data)
        else:
            console.print(f"[bold]{found.id}[/bold] [{found.kind}] {found.text}\n  {found.created_at:%Y-%m-%d %H:%M}")


@memory_app.command("edit")
def edit_cmd(
    fact_id: str,
    value: Annotated[str, typer.Argument(help="The corrected value, e.g. 'Lisbon' or '5 May'")],
    user: UserOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Correct a fact; the old value stays in its history."""
    with open_control(user, with_index=True) as (control, uid):
        found = control.show(uid, fact_id)
        date_value = None
        if isinstance(found, Fact) and found.date_value:
            match = find_date(value, date.today(), recurring=found.key in {"birthday", "anniversary"})
            if match is None:
                raise InputError(f"'{value}' is not a date I can read.", "Try e.g. '5 May' or '2026-12-04'.")
            date_value, value = match.value, format_date_value(match.value, weekday=False)
        change = control.edit(uid, fact_id, value, date_value)
        if json_out:
            _emit(change.fact.to_dict())
        else:
            err_console.print(f"[green]Updated[/green] {change.fact.id}: {change.fact.describe()}")


@memory_app.command("forget")
def forget_cmd(
    item_id: Annotated[str | None, typer.Argument(help="The id from `amity memory list`")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Forget everything about this user")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation")] = False,
    user: UserOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Forget one memory (everywhere it is stored), or everything with --all."""
    if (item_id is None) == (not all_):
        raise InputError("Give either an id or --all.", "amity memory forget ID   |   amity memory forget --all")
    with open_control(user, with_index=True) as (control, uid):
        if all_:
            if not yes and not typer.confirm(f"Forget everything Amity knows about {uid}? This cannot be undone"):
                raise typer.Exit(1)
            report = control.forget_all(uid)
        else:
            assert item_id is not None
            report = control.forget(uid, item_id)
        if json_out:
            _emit(report.to_dict())
        else:
            err_console.print(
                f"[green]Forgotten[/green]: {report.facts} fact version(s), "
                f"{report.index_items} index item(s), "
                f"{report.turns_redacted} transcript turn(s), {report.summaries} summary(ies). Verified."
            )


@memory_app.command("upcoming")
def upcoming_cmd(user: UserOpt = None, days: int = 30, json_out: JsonOpt = False) -> None:
    """Birthdays, anniversaries and appointments in the next days."""
    with open_control(user, with_index=False) as (control, uid):
        events = upcoming(control.facts_of(uid), date.today(), days)
        if json_out:
            _emit(
                [
                    {"id": e.fact.id, "date": e.on.isoformat(), "days_left": e.days_left, "text": e.phrase()}
                    for e in events
                ]
            )
            return
        for e in events:
            console.print(f"{e.on:%a %d %b}  {e.phrase()}")
        if not events:
            console.print(f"Nothing noted for the next {days} days.")


@memory_app.command("reminders")
def reminders_cmd(
    state: Annotated[str | None, typer.Argument(help="on | off (omit to show)")] = None, user: UserOpt = None
) -> None:
    """Opt in to (or out of) gentle reminders of upcoming dates at the start of a conversation."""
    with open_control(user, with_index=False) as (control, uid):
        store = control.facts.store
        if state is not None:
            if state not in {"on", "off"}:
                raise InputError(f"'{state}' is not on or off.", "amity memory reminders on|off")
            store.set_reminders_enabled(uid, state == "on")
        console.print(f"Reminders for {uid}: {'on' if store.reminders_enabled(uid) else 'off'}")
