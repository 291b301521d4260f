"""``amity safety …``: the user's safety log and the safety settings (age, daily limit, setting, consent).

None of these commands loads a model: they open the local database only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from amity.cli.common import console, print_json
from amity.config import load_config
from amity.errors import InputError
from amity.safety import log as safety_log
from amity.safety import minors, sensing
from amity.store.conversations import ConversationStore
from amity.store.db import utcnow
from amity.store.safety_store import SafetyStore
from amity.store.sql import SqlDatabase

safety_app = typer.Typer(help="Your safety log and safety settings.", no_args_is_help=True)
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="User id (default: config 'user' or login)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


@contextmanager
def _opened(user: str | None) -> Iterator[tuple[SqlDatabase, SafetyStore, str]]:
    from amity.app import open_database

    config = load_config()
    db = open_database(config)
    try:
        user_id = user or config.default_user()
        ConversationStore(db).ensure_user(user_id, config.locale)
        yield db, SafetyStore(db), user_id
    finally:
        db.close()


@safety_app.command("log")
def log_cmd(
    user: UserOpt = None,
    json_out: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many events")] = 50,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these kinds (repeatable)")] = None,
) -> None:
    """Show every safety event recorded on this device (newest first)."""
    with _opened(user) as (db, _store, user_id):
        rows = safety_log.entries(db, user_id, kinds=tuple(kind or ()), limit=limit)
    if json_out:
        print_json({"user": user_id, "events": rows})
        return
    if not rows:
        console.print("No safety events recorded yet.")
        return
    table = Table("when (UTC)", "event", "what happened")
    for row in rows:
        table.add_row(row["at"][:19].replace("T", " "), row["kind"], escape(row["description"]))
    console.print(table)


@safety_app.command("status")
def status_cmd(user: UserOpt = None, json_out: JsonOpt = False) -> None:
    """Show age / minor mode, daily limit, setting and camera / microphone consent."""
    now = utcnow()
    with _opened(user) as (db, store, user_id):
        profile = ConversationStore(db).get_user(user_id)
        age = minors.status(store, profile, now)
        data = {
            "user": user_id,
            "minor": age.minor,
            "birth_year": age.birth_year,
            "daily_limit_min": age.daily_limit_min,
            "setting": sensing.get_setting(store, user_id),
            "emotion_inference": sensing.emotion_inference_allowed(store, user_id),
            "consent": {d: sensing.has_consent(store, user_id, d) for d in sensing.DEVICES},
            "used_today_min": round(store.usage(user_id, now.date().isoformat()).active_seconds / 60, 1),
        }
    if json_out:
        print_json(data)
        return
    for key, value in data.items():
        console.print(f"{key}: {value}")


@safety_app.command("age")
def age_cmd(
    age: Annotated[int, typer.Argument(min=5, max=120, help="Your age in years")], user: UserOpt = None
) -> None:
    """Record your age (self-declared). Under 18 turns minor mode on."""
    with _opened(user) as (_db, store, user_id):
        result = minors.record_age(store, user_id, age, utcnow(), source="cli")
    console.print(f"Saved. Minor mode is {'on' if result.minor else 'off'}.")


@safety_app.command("limit")
def limit_cmd(
    minutes: Annotated[int, typer.Argument(min=5, max=1440, help="Daily chat minutes in minor mode")],
    user: UserOpt = None,
) -> None:
    """Set the daily chat limit that applies in minor mode."""
    with _opened(user) as (_db, store, user_id):
        minors.set_daily_limit(store, user_id, minutes, utcnow())
    console.print(f"Daily limit set to {minutes} minutes.")


@safety_app.command("setting")
def setting_cmd(
    where: Annotated[str, typer.Argument(help="home, work or school (work/school turn emotion inference off)")],
    user: UserOpt = None,
) -> None:
    """Tell Amity where it is used; at work or school it never infers emotions."""
    if where not in sensing.SETTINGS:
        raise InputError(f"'{where}' is not a setting.", "Use home, work or school.")
    with _opened(user) as (_db, store, user_id):
        sensing.set_setting(store, user_id, where, utcnow())
    console.print(f"Setting: {where}. Emotion inference {'on' if where == 'home' else 'off'}.")


@safety_app.command("consent")
def consent_cmd(
    device: Annotated[str, typer.Argument(help="camera or microphone")],
    allow: Annotated[bool, typer.Option("--allow/--deny", help="Allow or withdraw consent")] = True,
    user: UserOpt = None,
) -> None:
    """Allow (or withdraw) use of the camera or microphone for sensing how you feel."""
    if device not in sensing.DEVICES:
        raise InputError(f"'{device}' is not a device.", "Use camera or microphone.")
    with _opened(user) as (_db, store, user_id):
        sensing.set_consent(store, user_id, device, allow, utcnow())
    console.print(f"{device.capitalize()}: {'allowed' if allow else 'not allowed'}.")
