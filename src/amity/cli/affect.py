"""``amity mood …`` and the affect part of ``amity me``: the user's mood history and personality estimate.

:func:`mood_report` and :func:`personality_report` return JSON-ready dicts (with ``lines`` of plain words) so
``amity me`` can show them next to other sections; :data:`mood_app` holds ``history``, ``personality`` and
``reset``. Everything shown is an estimate from the user's words and is labelled as such.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Annotated, Any

import typer

from amity.affect import mood as mood_model
from amity.affect.personality import estimate, explain
from amity.store.affect_store import AffectStore, MoodPoint
from amity.store.db import utcnow
from amity.store.sql import SqlDatabase

mood_app = typer.Typer(help="How Amity thinks you've been feeling, and its guess at your personality.")
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="User id (default: config 'user' or login)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


def mood_report(db: SqlDatabase, user_id: str, now: datetime | None = None, limit: int = 20) -> dict[str, Any]:
    """Current mood (decayed to ``now``), the latest history points, and plain-words lines."""
    store = AffectStore(db)
    now = now or utcnow()
    state = store.latest_mood(user_id)
    history = store.mood_history(user_id, limit=limit)
    if state is None:
        return {
            "mood": None,
            "history": [],
            "lines": ["Mood: nothing noticed yet - we haven't talked enough."],
        }
    current = mood_model.decay(state, now)
    word = mood_model.describe(current.valence, current.arousal)
    sure = "a rough impression" if current.evidence < 3 else "an impression from several messages"
    lines = [
        f"Mood lately: {word} (valence {current.valence:+.2f}, energy {current.arousal:+.2f}; {sure}, "
        "guessed from your words - tell me if it's off)."
    ]
    recent = [p.label for p in history[-5:]]
    if recent:
        lines.append("Recent messages read as: " + ", ".join(recent) + ".")
    trend = daily_trend(store, user_id, now)
    if len(trend) > 1:
        lines.append(
            "By day (mood at day's end): "
            + ", ".join(f"{d['day']} {mood_model.describe(d['valence'], d['arousal'])}" for d in trend)
            + "."
        )
    return {
        "mood": current.to_dict(),
        "history": [p.to_dict() for p in history],
        "trend": trend,
        "lines": lines,
    }


def daily_trend(store: AffectStore, user_id: str, now: datetime, days: int = 7) -> list[dict[str, Any]]:
    """The smoothed mood at the end of each of the last ``days`` days that had readings."""
    last: dict[str, MoodPoint] = {}
    counts: dict[str, int] = {}
    for p in store.mood_history(user_id, limit=5000, since=now - timedelta(days=days)):
        day = p.at.date().isoformat()
        last[day] = p
        counts[day] = counts.get(day, 0) + 1
    return [
        {
            "day": day,
            "valence": round(p.mood.valence, 4),
            "arousal": round(p.mood.arousal, 4),
            "readings": counts[day],
        }
        for day, p in sorted(last.items())
    ]


def personality_report(db: SqlDatabase, user_id: str) -> dict[str, Any]:
    """Big Five estimates with their uncertainty, the evidence size, and plain-words lines."""
    evidence = AffectStore(db).evidence(user_id)
    estimates = estimate(evidence)
    return {
        "words": evidence.words,
        "messages": evidence.messages,
        "traits": [e.to_dict() for e in estimates],
        "lines": explain(estimates, evidence),
    }


def reset(db: SqlDatabase, user_id: str, what: str) -> dict[str, Any]:
    """Forget mood history and/or personality evidence (``what``: mood, personality or all)."""
    store = AffectStore(db)
    out: dict[str, Any] = {}
    if what in ("mood", "all"):
        out["mood_points_removed"] = store.reset_mood(user_id)
    if what in ("personality", "all"):
        out["personality_reset"] = store.reset_personality(user_id)
    return out


@contextmanager
def _opened(user: str | None) -> Iterator[tuple[SqlDatabase, str]]:
    from amity.cli.common import open_db
    from amity.config import load_config

    config = load_config()
    db = open_db(config)
    try:
        yield db, user or config.default_user()
    finally:
        db.close()


def _emit(data: Any, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in data.get("lines", []):
            typer.echo(line)


@mood_app.command("history")
def history_cmd(user: UserOpt = None, limit: int = 20, json_out: JsonOpt = False) -> None:
    """Your mood as Amity has read it, with the latest readings."""
    with _opened(user) as (db, uid):
        _emit(mood_report(db, uid, limit=limit), json_out)


@mood_app.command("personality")
def personality_cmd(user: UserOpt = None, json_out: JsonOpt = False) -> None:
    """Amity's rough Big Five guess from your word choice, with how unsure it is."""
    with _opened(user) as (db, uid):
        _emit(personality_report(db, uid), json_out)


@mood_app.command("reset")
def reset_cmd(
    what: Annotated[str, typer.Argument(help="mood, personality or all")] = "all",
    user: UserOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Forget your mood history and/or personality evidence."""
    from amity.errors import InputError

    if what not in ("mood", "personality", "all"):
        raise InputError(f"Unknown thing to reset: {what!r}.", "Use mood, personality or all.")
    if not yes and not typer.confirm(f"Forget your {what} data?"):
        raise typer.Abort()
    with _opened(user) as (db, uid):
        result = reset(db, uid, what)
    if json_out:
        typer.echo(json.dumps(result))
    else:
        typer.echo(f"Done: {result}")
