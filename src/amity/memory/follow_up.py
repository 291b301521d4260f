"""Asking how it went: the first conversation after an event the user told about ("I start a new job on Monday").

A friend who heard about Monday's first day asks about it when you next meet; a companion that remembers every date
but never asks how things went has memory without care. :func:`due_follow_up` picks, when a session's first message
arrives, the most recent one-off event (an ``appointment`` or ``important_date`` fact with a full date) that took
place 1 to :data:`FOLLOW_UP_DAYS` days ago and was not followed up before. The memory stage hands it to the care
stages (``ctx.extras[FOLLOW_UP_KEY]``), which add one line of guidance with the question as an example: with a
hello, one line that greets and asks ("Hi! It's so good to hear from you. How did the first day at the new job
go?"), else ask how it went *if it fits what they say now*, and the strategy's own line is left out (on the
1.5B, three competing lines - greeting, strategy, follow-up - ended in "How's your day going?"). The user's own
topic comes first, and a user who opens hurting is not asked at all that time (the event stays due for the next
session inside the window).

Each event is offered once: the offer is written to the reminder log (``occurrence`` = ``followup:<date>``), so
forgetting the fact removes it with the reminders, exports carry it, and :class:`~amity.memory.dates.ReminderPolicy`
does not count it as a reminder notice. Yearly dates (birthdays) are not followed up: a birthday is greeted on the
day, which the opt-in reminders cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from amity.memory.facts import Fact, FactStore

FOLLOW_UP_DAYS = 10  # after this the moment has passed; asking would feel like a form, not a friend
FOLLOW_UP_PREFIX = "followup:"
FOLLOW_UP_KEY = "memory.follow_up"  # ctx.extras: the PastEvent to ask about this turn (worded by the care stages)
ONE_OFF_KEYS = frozenset({"appointment", "important_date"})


def follow_up_occurrence(on: date) -> str:
    """The reminder-log ``occurrence`` of a follow-up about the event on ``on``."""
    return f"{FOLLOW_UP_PREFIX}{on.isoformat()}"


@dataclass(frozen=True)
class PastEvent:
    """A one-off event that has happened: the fact, its day, and how many days ago."""

    fact: Fact
    on: date
    days_ago: int

    @property
    def subject(self) -> str:
        """``their dentist appointment`` / ``the first day at the new job`` / ``Maya's visit`` / ``the wedding``."""
        value = self.fact.value
        first = value.split()[0] if value else ""
        if first.lower() in {"the", "a", "an", "their", "your"} or first.endswith("'s"):
            return value
        return f"their {value}" if self.fact.key == "appointment" else f"the {value}"

    def when(self) -> str:
        """``yesterday`` / ``on Monday, 3 days ago`` / ``on Monday 30 November, 9 days ago``."""
        if self.days_ago == 1:
            return "yesterday"
        if self.days_ago < 7:
            return f"on {self.on:%A}, {self.days_ago} days ago"
        return f"on {self.on:%A} {self.on.day} {self.on:%B}, {self.days_ago} days ago"

    def question(self) -> str:
        """The question a friend would ask: ``How did the first day at the new job go?``"""
        subject = self.subject
        first, _, rest = subject.partition(" ")
        if first.lower() in {"their", "a", "an"}:
            subject = f"{'your' if first.lower() == 'their' else 'the'} {rest}"
        if subject.endswith("results"):  # "How did the results go?" is not how anyone asks
            return f"What did {subject} say?"
        return f"How did {subject} go?"

    def guidance(self, spoken: bool = False) -> str:
        """One prompt line asking the reply to follow up, gently and only if it fits (with the question as an
        example: small models follow an example far better than an instruction)."""
        if spoken:
            return f'If it fits, ask: "{self.question()}" ({self.when()}).'
        return (
            f"They told you about {self.subject}, which was {self.when()}. If it fits what they say now, warmly ask "
            f'how it went, e.g. "{self.question()}"; if they bring up something else, follow them instead.'
        )

    def memory_text(self) -> str:
        """How the event shows in ``memories_used``."""
        return f"{self.subject[0].upper()}{self.subject[1:]} was {self.when()}"


def past_events(facts: Sequence[Fact], today: date, days: int = FOLLOW_UP_DAYS) -> list[PastEvent]:
    """Active one-off events of the last ``days`` days (not today), most recent first."""
    events: list[PastEvent] = []
    for fact in facts:
        if not fact.active or fact.key not in ONE_OFF_KEYS or not fact.date_value:
            continue
        try:
            on = date.fromisoformat(fact.date_value)
        except ValueError:
            continue  # a yearly "--MM-DD" value
        days_ago = (today - on).days
        if 1 <= days_ago <= days:
            events.append(PastEvent(fact, on, days_ago))
    events.sort(key=lambda e: (e.days_ago, e.fact.value))
    return events


def due_follow_up(store: FactStore, user_id: str, facts: Sequence[Fact], now: datetime) -> PastEvent | None:
    """The event to ask about in this session, or None: nothing recent, or each one already offered."""
    events = past_events(facts, now.date())
    if not events:
        return None
    offered = {(e.fact_id, e.occurrence) for e in store.reminder_log(user_id, now - timedelta(days=FOLLOW_UP_DAYS + 2))}
    for event in events:
        if (event.fact.id, follow_up_occurrence(event.on)) not in offered:
            return event
    return None


def mark_followed_up(store: FactStore, user_id: str, event: PastEvent, now: datetime) -> None:
    """Record that the follow-up was offered, so it is never offered again."""
    store.log_reminder(user_id, event.fact.id, follow_up_occurrence(event.on), now)
