"""Proactive check-ins: opt-in, rate-limited, silent in quiet hours, and never a guilt trip.

Off by default. When a user opts in (``amity mood --proactive on``), :func:`due_check_in` decides whether a
check-in may be offered *now*:

* at most one per ``min_hours`` (default 20 h) since the last one offered,
* not if the user already checked in within that window,
* never inside quiet hours (default 22:00-08:00 in the user's UTC offset, recorded at opt-in).

The CLI shows it at session start (``ProactiveStage.on_open`` emits ``Notice(kind="check_in")``); the web
server polls :func:`due_check_in` and pushes the same text. The texts are invitations with an easy "no":
they never mention absence, never say the companion missed or needs the user (checked by a test against
:data:`GUILT_MARKERS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from amity.errors import InputError
from amity.store.care_store import CareStore
from amity.store.db import from_ts, to_ts, utcnow

KEY = "proactive"
TEXTS: tuple[str, ...] = (
    "Would you like a quick mood check-in? Just reply with a number from 1 to 10 - or skip it, that's fine too.",
    "If it helps, you can note how you're doing today: reply with a number from 1 to 10. Entirely optional.",
    "A small check-in, only if you feel like it: how's your day on a 1-10 scale?",
)
GUILT_MARKERS: tuple[str, ...] = (
    "missed you",
    "miss you",
    "where have you been",
    "haven't heard",
    "you forgot",
    "abandon",
    "lonely without",
    "you never",
    "disappointed",
    "i need you",
    "don't leave",
    "been a while",
    "ignoring",
)


@dataclass
class ProactiveSettings:
    enabled: bool = False
    min_hours: float = 20.0
    quiet_start: int = 22
    quiet_end: int = 8
    utc_offset_minutes: int = 0
    last_offered: str | None = None
    offered_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def load_settings(store: CareStore, user_id: str) -> ProactiveSettings:
    data = store.get_state(user_id, KEY)
    if not isinstance(data, dict):
        return ProactiveSettings()
    allowed = ProactiveSettings.__dataclass_fields__
    return ProactiveSettings(**{k: v for k, v in data.items() if k in allowed})


def configure(
    store: CareStore,
    user_id: str,
    *,
    enabled: bool | None = None,
    quiet_start: int | None = None,
    quiet_end: int | None = None,
    min_hours: float | None = None,
    utc_offset_minutes: int | None = None,
) -> ProactiveSettings:
    s = load_settings(store, user_id)
    if enabled is not None:
        s.enabled = enabled
        if enabled and utc_offset_minutes is None:
            offset = datetime.now().astimezone().utcoffset() or timedelta()
            s.utc_offset_minutes = int(offset.total_seconds() // 60)
    for hour in (quiet_start, quiet_end):
        if hour is not None and not 0 <= hour <= 23:
            raise InputError("Quiet hours are whole hours from 0 to 23.", "For example: --quiet 22-8")
    if min_hours is not None and not 1 <= min_hours <= 24 * 14:
        raise InputError("The minimum gap between check-ins must be 1 hour to 14 days.", "For example: 24")
    s.quiet_start = s.quiet_start if quiet_start is None else quiet_start
    s.quiet_end = s.quiet_end if quiet_end is None else quiet_end
    s.min_hours = s.min_hours if min_hours is None else min_hours
    s.utc_offset_minutes = s.utc_offset_minutes if utc_offset_minutes is None else utc_offset_minutes
    store.set_state(user_id, KEY, s.to_dict())
    return s


def in_quiet_hours(s: ProactiveSettings, now: datetime) -> bool:
    local = now.astimezone(timezone(timedelta(minutes=s.utc_offset_minutes)))
    h = local.hour
    if s.quiet_start == s.quiet_end:
        return False
    if s.quiet_start < s.quiet_end:
        return s.quiet_start <= h < s.quiet_end
    return h >= s.quiet_start or h < s.quiet_end


def due_check_in(store: CareStore, user_id: str, now: datetime | None = None, record: bool = True) -> str | None:
    """The check-in text if one may be offered now (and, with ``record``, remember that it was)."""
    now = now or utcnow()
    s = load_settings(store, user_id)
    if not s.enabled or in_quiet_hours(s, now):
        return None
    window = now - timedelta(hours=s.min_hours)
    if s.last_offered and from_ts(s.last_offered) > window:
        return None
    if store.moods(user_id, window):
        return None
    text = TEXTS[s.offered_count % len(TEXTS)]
    if record:
        s.last_offered = to_ts(now)
        s.offered_count += 1
        store.set_state(user_id, KEY, s.to_dict())
    return text
