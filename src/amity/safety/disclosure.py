"""When to tell the user they are talking to an AI (and, for minors, to take a break).

Rules (NY GBL §1702, California SB 243):

* at the start of an interaction, at most once a day: when a conversation opens and no disclosure was
  shown in the last 24 hours (for minors: at the start of every session);
* during continuing interaction, at least every 3 hours: when 3 hours have passed since the later of the
  last disclosure and the start of the current session (a session ends after 6 idle hours);
* the very first turn ever always discloses.

The functions are pure (times in, decision out); the safety stage reads the last times from the safety
log and writes each notice shown back to it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

START_INTERVAL = timedelta(hours=24)
CONTINUING_INTERVAL = timedelta(hours=3)
DEDUP_INTERVAL = timedelta(minutes=1)  # an open and the first turn of a session never both disclose


def due_at_open(last: datetime | None, now: datetime, *, minor: bool = False) -> bool:
    """Disclose as a conversation opens?"""
    if last is None:
        return True
    return now - last >= (DEDUP_INTERVAL if minor else START_INTERVAL)


def due_in_turn(last: datetime | None, session_started: datetime, now: datetime) -> bool:
    """Disclose during a turn (continuing interaction)?"""
    if last is None:
        return True
    return now - max(last, session_started) >= CONTINUING_INTERVAL


def break_due(last: datetime | None, session_started: datetime, now: datetime) -> bool:
    """A minor's break reminder: every 3 hours of continuing interaction."""
    return now - max(last or session_started, session_started) >= CONTINUING_INTERVAL
