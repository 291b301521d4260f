"""How long the user has been chatting "today", where a late evening that runs past midnight is one day.

Usage is stored per UTC date (``safety_usage``). Counting only the current date would let a chat that runs
from 21:00 to 00:30 start from zero at midnight - the late-night sitting that the heavy-use nudge and a
minor's daily limit exist for. So yesterday's minutes are added while yesterday's last turn came within
:data:`ACROSS_MIDNIGHT` of midnight and it is not yet :data:`NIGHT_ENDS` hours past it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from amity.store.safety_store import SafetyStore

ACROSS_MIDNIGHT = timedelta(minutes=30)
NIGHT_ENDS = timedelta(hours=6)


def minutes_this_sitting(store: SafetyStore, user_id: str, now: datetime) -> float:
    """Today's active minutes, plus yesterday's when the chat ran on across midnight into the small hours."""
    used = store.usage(user_id, now.date().isoformat()).active_seconds
    midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=now.tzinfo)
    if now - midnight < NIGHT_ENDS:
        yesterday = store.usage(user_id, (now.date() - timedelta(days=1)).isoformat())
        if yesterday.last_turn_at is not None and midnight - yesterday.last_turn_at <= ACROSS_MIDNIGHT:
            used += yesterday.active_seconds
    return used / 60
