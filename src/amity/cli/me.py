"""``amity me``: everything Amity believes about you, in plain words — and the switches to reset it."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from amity.cli import affect, care
from amity.cli.common import console, open_db
from amity.config import load_config
from amity.errors import InputError
from amity.store.conversations import ConversationStore

me_app = typer.Typer(
    help="What Amity has learned about you: name, mood, personality guess, preferences.",
    invoke_without_command=True,
)
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="User id (default: you)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


def profile_report(user: str | None) -> dict[str, Any]:
    config = load_config()
    db = open_db(config)
    try:
        user_id = user or config.default_user()
        store = ConversationStore(db)
        profile = store.ensure_user(user_id, config.locale)
        sessions = store.list_sessions(user_id)
        return {
            "user": user_id,
            "name": profile.display_name,
            "locale": profile.locale,
            "sessions": len(sessions),
            "since": profile.created_at.date().isoformat(),
            "mood": affect.mood_report(db, user_id),
            "personality": affect.personality_report(db, user_id),
            "preferences": care.preferences_for(db, user_id),
        }
    finally:
        db.close()


@me_app.callback()
def me(ctx: typer.Context, user: UserOpt = None, json_out: JsonOpt = False) -> None:
    """Show what Amity has learned about you (these are estimates, and you can reset them)."""
    if ctx.invoked_subcommand is not None:
        return
    report = profile_report(user)
    if json_out:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    name = report["name"] or "(not told yet)"
    console.print(
        f"[bold]{name}[/bold] · user '{report['user']}' · {report['sessions']} sessions since {report['since']}"
    )
    console.print("\n[bold]How you've seemed lately[/bold] (read from your words; an estimate)")
    for line in report["mood"].get("lines", []):
        console.print(f"  {line}", highlight=False)
    console.print("\n[bold]Personality guess[/bold] (rough, from word choice; reset with `amity me reset personality`)")
    for line in report["personality"].get("lines", []):
        console.print(f"  {line}", highlight=False)
    prefs = report["preferences"]
    console.print("\n[bold]Preferences learned[/bold] (from /good, /bad and how you reply)")
    for context, style in prefs.get("style", {}).items():
        described = ", ".join(f"{k} {v}" for k, v in style.items()) if isinstance(style, dict) else str(style)
        console.print(f"  when you feel {context}: {described}", highlight=False)
    if prefs.get("topics"):
        console.print(f"  topics you enjoy: {', '.join(prefs['topics'])}", highlight=False)


@me_app.command("reset")
def reset(
    what: Annotated[str, typer.Argument(help="mood, personality, preferences or all")] = "all",
    user: UserOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation")] = False,
) -> None:
    """Forget the mood history, the personality guess and/or the learned preferences."""
    if what not in ("mood", "personality", "preferences", "all"):
        raise InputError(f"Unknown thing to reset: {what!r}.", "Use mood, personality, preferences or all.")
    if not yes and not typer.confirm(f"Forget your {what} data?"):
        raise typer.Exit(1)
    config = load_config()
    db = open_db(config)
    try:
        user_id = user or config.default_user()
        if what in ("mood", "personality", "all"):
            affect.reset(db, user_id, "all" if what == "all" else what)
        if what in ("preferences", "all"):
            care.reset_preferences(db, user_id)
    finally:
        db.close()
    typer.echo(f"Reset: {what}.")


me_app.command("history")(affect.history_cmd)
