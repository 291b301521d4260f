"""Adapters from the server to the optional areas (facts memory, mood check-ins, persona, companion affect).

Each adapter imports its area lazily and checks that the area's tables exist in this database, so the
core server runs without them; a route whose area is missing answers 501 with an explanation. Areas
whose functions look up rows by id alone (``FactBook.get``/``forget``) are wrapped with an ownership check
here: a row of another user is reported as not found, never revealed or changed.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path
from typing import Any

from amity.app import App
from amity.errors import AmityError, Category, NotFound
from amity.store.accounts import table_exists
from amity.store.db import to_ts


class FeatureUnavailable(AmityError):
    """An optional part of Amity is not installed or not enabled in this database (HTTP 501)."""

    category = Category.CONFIG

    @property
    def http_status(self) -> int:
        return 501


def _module(name: str, table: str, app: App, feature: str) -> Any:
    try:
        module = importlib.import_module(name)
    except ImportError:
        module = None
    if module is None or not table_exists(app.db, table):
        raise FeatureUnavailable(
            f"{feature} is not available on this server.",
            "Install the full Amity package and restart the server so its database migrations run.",
        )
    return module


# memories (facts) -----------------------------------------------------------------------------------
def _factbook(app: App) -> Any:
    _module("amity.memory.facts", "facts", app, "The memory viewer")
    store = importlib.import_module("amity.store.memory_backends")
    return store.fact_book(app.db)


def _own_fact(book: Any, user_id: str, fact_id: str) -> Any:
    try:
        fact = book.get(fact_id)
    except NotFound:
        fact = None
    if fact is None or fact.user_id != user_id:
        raise NotFound(f"There is no memory '{fact_id}'.", "List your memories with GET /api/v1/memories.")
    return fact


def list_memories(app: App, user_id: str) -> list[dict[str, Any]]:
    book = _factbook(app)
    return [book.get(f.id).to_dict() for f in book.active(user_id)]


def add_memory(app: App, user_id: str, key: str, value: str, subject: str) -> dict[str, Any]:
    book = _factbook(app)
    facts = importlib.import_module("amity.memory.facts")
    draft = facts.FactDraft(
        key=key, value=value, subject=subject, confidence=1.0, quote="(added by you)", origin="user"
    )
    change = book.record(user_id, draft)
    result: dict[str, Any] = change.fact.to_dict()
    return result


def edit_memory(app: App, user_id: str, fact_id: str, value: str) -> dict[str, Any]:
    book = _factbook(app)
    _own_fact(book, user_id, fact_id)
    change = book.edit(fact_id, value)
    result: dict[str, Any] = change.fact.to_dict()
    return result


def forget_memory(app: App, user_id: str, fact_id: str) -> int:
    book = _factbook(app)
    _own_fact(book, user_id, fact_id)
    return len(book.forget(fact_id))


# mood -------------------------------------------------------------------------------------------------
def _care_store(app: App) -> Any:
    module = _module("amity.store.care_store", "care_mood", app, "Mood check-ins")
    return module.CareStore(app.db)


def mood_checkin(app: App, user_id: str, score: int, words: str) -> dict[str, Any]:
    store = _care_store(app)
    checkins = importlib.import_module("amity.care.checkins")
    entry = checkins.MoodTracker(store).check_in(user_id, score, words)
    result: dict[str, Any] = entry.to_dict()
    return result


def mood_series(app: App, user_id: str, limit: int) -> dict[str, Any]:
    """Check-ins (if available) and the per-turn affect estimates (always: they are core data)."""
    turns = [t for t in app.store.recent_turns(user_id, limit=limit * 2) if t.role == "user" and t.affect]
    affect = [
        {
            "at": to_ts(t.created_at),
            "valence": round(t.affect.valence, 4),
            "arousal": round(t.affect.arousal, 4),
            "label": t.affect.label,
        }
        for t in turns[-limit:]
        if t.affect is not None
    ]
    try:
        checkins = [m.to_dict() for m in _care_store(app).moods(user_id)][-limit:]
        available = True
    except FeatureUnavailable:
        checkins, available = [], False
    return {"checkins": checkins, "affect": affect, "checkins_available": available}


# persona and the companion's simulated affect --------------------------------------------------------
def _persona_module(app: App) -> Any:
    return _module("amity.care.persona", "care_state", app, "Persona settings")


def get_persona(app: App, user_id: str) -> dict[str, Any]:
    module = _persona_module(app)
    result: dict[str, Any] = module.persona_to_dict(module.load_persona(app.db, user_id))
    result["presets"] = sorted(module.PRESETS)
    return result


def set_persona(app: App, user_id: str, preset: str | None, changes: dict[str, Any]) -> dict[str, Any]:
    module = _persona_module(app)
    module.customize(app.db, user_id, base=preset, **changes)
    return get_persona(app, user_id)


def companion_state(app: App, user_id: str) -> dict[str, Any] | None:
    """The companion's simulated mood for the web face, or None when that area is absent."""
    try:
        affect = _module("amity.care.companion_affect", "care_state", app, "Companion affect")
        persona = _persona_module(app).load_persona(app.db, user_id)
        store = importlib.import_module("amity.store.care_store").CareStore(app.db)
    except FeatureUnavailable:
        return None
    result: dict[str, Any] = affect.load_mood(store, user_id, persona).to_dict()
    return result


def export_extras(app: App, user_id: str) -> dict[str, Any]:
    """What the optional areas hold about the user (empty parts are left out)."""
    extras: dict[str, Any] = {}
    for key, fetch in (
        ("memories", lambda: list_memories(app, user_id)),
        ("moods", lambda: mood_series(app, user_id, 10_000)["checkins"]),
        ("persona", lambda: get_persona(app, user_id)),
        ("companion_affect", lambda: companion_state(app, user_id)),
    ):
        try:
            extras[key] = fetch()
        except FeatureUnavailable:
            continue
    return extras


# privacy: the relationship archive and verified deletion ------------------------------------------------
def relationship_archive(app: App, user_id: str) -> bytes:
    """The user's data as the privacy area's versioned export zip (``docs/export-schema.json``)."""
    try:
        export = importlib.import_module("amity.privacy.export")
    except ImportError:
        raise FeatureUnavailable(
            "The export archive is not available on this server.", "Use GET /api/v1/export (JSON) instead."
        ) from None
    with tempfile.TemporaryDirectory(prefix="amity-export-") as tmp:
        path = Path(tmp) / "export.zip"
        export.export_relationship(app.db, path, user_id=user_id)
        return path.read_bytes()


def forget_user(app: App, user_id: str) -> dict[str, int]:
    """Delete every row the user owns; the privacy area's verified sweep when installed (counts per table)."""
    try:
        forget = importlib.import_module("amity.privacy.forget")
    except ImportError:
        return {}
    report = forget.forget_everything(app.db, user_id)
    deleted: dict[str, int] = dict(report.deleted)
    return deleted
