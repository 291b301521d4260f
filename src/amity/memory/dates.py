"""Dates: natural-language date normalisation, upcoming events and a kind, opt-in reminder policy.

:func:`find_date` turns the date phrase in a sentence into an ISO value relative to *today*:

* absolute: ``2026-03-03``, ``March 3rd``, ``3 March 1990``, ``the 5th of May``, ``May 5``, ``5/5``
  (month first for ``en-US``, day first for other locales);
* relative: ``today``, ``tomorrow``, ``the day after tomorrow``, ``in 3 days``, ``in two weeks``,
  ``next week``, weekdays (``Friday``/``this Friday``/``on Friday``: the first Friday after today;
  ``next Friday``: the Friday of next week, i.e. the first Friday after today unless that one is still in
  the current Monday-to-Sunday week, then a week later), ``on the 5th`` (next 5th of a month).

Yearly events (birthdays, anniversaries) are stored as ``--MM-DD`` (ISO 8601 without a year) unless a
year is given; one-off events (appointments) always get a full date — without a year, the next
occurrence on or after today. :func:`upcoming` lists the events of the next N days from stored facts.

Reminders are opt-in (``FactStore.reminders_enabled``), shown only at session start, rate-limited by
:class:`ReminderPolicy` (at most one notice a day, a few events per notice, each occurrence at most twice)
and worded as a friendly heads-up — never an obligation, never guilt ("don't forget", "you should"). The
same log records follow-ups after an event (:mod:`amity.memory.follow_up`, occurrence ``followup:<date>``), which
are not notices and do not count against the notice limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from amity.memory.facts import Fact, FactStore, ReminderLogEntry, is_or_are

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBERS.update({"eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3})
RECURRING_KEYS = frozenset({"birthday", "anniversary"})

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_WD = r"(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
_NUM = r"(?P<n>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("day_month", re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}{_YEAR}\b", re.I)),
    ("month_day", re.compile(rf"\b{_MON}\s+(?:the\s+)?{_DAY}\b{_YEAR}", re.I)),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<year>(?:19|20)?\d\d))?\b")),
    ("after_tomorrow", re.compile(r"\bthe day after tomorrow\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I)),
    ("in_n", re.compile(rf"\bin\s+{_NUM}\s+(?P<unit>day|week|month)s?\b", re.I)),
    ("next_week", re.compile(r"\bnext (?P<unit>week|month)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<rel>next|this|on|coming|this coming|last)\s+)?{_WD}\b", re.I)),
    ("nth", re.compile(r"\bon the (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),
    (
        "holiday",
        re.compile(
            r"\b(?P<h>christmas eve|christmas day|christmas|xmas|boxing day|new year'?s eve|"
            r"new year'?s day|valentine'?s day|halloween)\b",
            re.I,
        ),
    ),
]
HOLIDAYS = {  # fixed-date holidays: (month, day)
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "xmas": (12, 25),
    "boxing day": (12, 26),
    "new years eve": (12, 31),
    "new years day": (1, 1),
    "valentines day": (2, 14),
    "halloween": (10, 31),
}


@dataclass(frozen=True)
class DateMatch:
    """A normalised date found in text: ``value`` is ``YYYY-MM-DD`` or ``--MM-DD`` (yearly, no year)."""

    value: str
    start: int
    end: int
    text: str


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_month_day(today: date, month: int, day: int) -> date | None:
    for year in (today.year, today.year + 1):
        d = _safe_date(year, month, day)
        if d is not None and d >= today:
            return d
    return _safe_date(today.year + 1, month, day)


def _add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    for day in (d.day, 30, 29, 28):
        result = _safe_date(year, month, day)
        if result is not None:
            return result
    raise ValueError(d)  # pragma: no cover - day 28 always exists


def _resolve(kind: str, m: re.Match[str], today: date, recurring: bool, locale: str) -> str | None:
    """The ISO value of one match, or None when the numbers do not form a date."""
    g = m.groupdict()
    if kind in {"iso", "day_month", "month_day", "numeric"}:
        if kind == "iso":
            month, day = int(g["m"]), int(g["d"])
        elif kind == "numeric":
            a, b = int(g["a"]), int(g["b"])
            month, day = (a, b) if locale.lower().startswith("en-us") else (b, a)
        else:
            month, day = MONTHS[g["mon"].lower().rstrip(".")], int(g["day"])
        year = g.get("year")
        if year:
            y = int(year) + (2000 if len(year) == 2 else 0)
            d = _safe_date(y, month, day)
            return d.isoformat() if d else None
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: accepts 29 February
            return None
        if recurring:
            return f"--{month:02d}-{day:02d}"
        nxt = _next_month_day(today, month, day)
        return nxt.isoformat() if nxt else None
    if kind == "today":
        return today.isoformat()
    if kind == "tomorrow":
        return (today + timedelta(days=1)).isoformat()
    if kind == "after_tomorrow":
        return (today + timedelta(days=2)).isoformat()
    if kind in {"in_n", "next_week"}:
        raw = (g.get("n") or "1").lower()
        n = int(raw) if raw.isdigit() else NUMBERS[raw]
        unit = g["unit"].lower()
        if recurring and unit != "day":
            return None  # "her birthday is next week": a yearly date needs the day, not a guess at it
        if unit == "month":
            return _add_months(today, n).isoformat()
        return (today + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        if g.get("rel") is None and len(g["wd"]) < 6:
            return None  # bare abbreviations ("sat", "wed") are too ambiguous
        if (g.get("rel") or "").lower() == "last":
            return (today - timedelta(days=(today.weekday() - wd) % 7 or 7)).isoformat()
        ahead = (wd - today.weekday()) % 7 or 7
        if (g.get("rel") or "").lower() == "next" and today.weekday() + ahead < 7:
            ahead += 7  # "next Friday" said on a Thursday: Friday of next week, not tomorrow
        return (today + timedelta(days=ahead)).isoformat()
    if kind == "holiday":
        month, day = HOLIDAYS[g["h"].lower().replace("'", "")]
        nxt = _next_month_day(today, month, day)
        return nxt.isoformat() if nxt else None
    if kind == "nth":
        day = int(g["day"])
        for months in range(0, 3):
            base = _add_months(today.replace(day=1), months)
            d = _safe_date(base.year, base.month, day)
            if d is not None and d >= today:
                return d.isoformat()
    return None


def find_date(text: str, today: date, *, recurring: bool = False, locale: str = "en-US") -> DateMatch | None:
    """The first date phrase in ``text``; where phrases overlap, the more specific pattern wins."""
    found: list[DateMatch] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            value = _resolve(kind, m, today, recurring, locale)
            if value is not None and recurring and kind not in {"iso", "day_month", "month_day", "numeric"}:
                value = "--" + value[5:]  # "my birthday is tomorrow": a yearly date without the year
            if value is not None:
                found.append(DateMatch(value, m.start(), m.end(), m.group(0)))
    return min(found, key=lambda f: f.start, default=None)


def next_occurrence(value: str, today: date, recurring: bool) -> date | None:
    """When an event stored as ``value`` next happens on or after ``today`` (None: passed or invalid)."""
    try:
        if value.startswith("--"):
            month, day = int(value[2:4]), int(value[5:7])
        else:
            d = date.fromisoformat(value)
            if not recurring:
                return d if d >= today else None
            month, day = d.month, d.day
    except ValueError:
        return None
    for year in (today.year, today.year + 1, today.year + 4):
        candidate = _safe_date(year, month, day) or (_safe_date(year, 2, 28) if (month, day) == (2, 29) else None)
        if candidate is not None and candidate >= today:
            return candidate
    return None


@dataclass(frozen=True)
class UpcomingEvent:
    fact: Fact
    on: date
    days_left: int

    @property
    def label(self) -> str:
        """``Maya's birthday`` / ``your birthday`` / ``your dentist appointment`` / ``our anniversary``."""
        fact = self.fact
        if fact.key in RECURRING_KEYS:
            owner = "your" if fact.subject == "user" else f"{fact.subject}'s"
            return f"{owner} {fact.key}"
        if fact.key == "appointment":
            value = fact.value
            return value if value.lower().startswith(("your ", "the ")) else f"your {value}"
        return fact.value

    def phrase(self) -> str:
        """``Maya's birthday is in 3 days (Saturday 29 November).``"""
        if self.days_left == 0:
            when = "today"
        elif self.days_left == 1:
            when = "tomorrow"
        else:
            when = f"in {self.days_left} days ({self.on:%A} {self.on.day} {self.on:%B})"
        label = self.label
        return f"{label[0].upper()}{label[1:]} {is_or_are(label)} {when}."


def upcoming(facts: Sequence[Fact], today: date, days: int = 30) -> list[UpcomingEvent]:
    """Dated active facts happening within ``days`` of ``today``, soonest first; never the birthday of
    someone who has died (a ``died`` fact about the same subject)."""
    events: list[UpcomingEvent] = []
    died = {f.subject for f in facts if f.active and f.key == "died"}
    for fact in facts:
        if not fact.active or not fact.date_value or (fact.key == "birthday" and fact.subject in died):
            continue
        on = next_occurrence(fact.date_value, today, recurring=fact.key in RECURRING_KEYS)
        if on is not None and (on - today).days <= days:
            events.append(UpcomingEvent(fact, on, (on - today).days))
    events.sort(key=lambda e: (e.on, e.label))
    return events


def coming_up_answer(events: Sequence[UpcomingEvent], days: int) -> str:
    """A reply to "what's coming up?" built only from stored dates."""
    if not events:
        return (
            f"I don't have anything noted for the next {days} days. If you tell me about a birthday, "
            "an anniversary or an appointment, I'll keep track of it."
        )
    lines = [e.phrase() for e in events]
    return "Here's what I have noted for the next few weeks: " + " ".join(lines)


@dataclass(frozen=True)
class ReminderPolicy:
    """When an opted-in reminder may be shown (all limits are per user)."""

    horizon_days: int = 7  # only events this close
    lead_days: tuple[int, ...] = (7, 3, 1, 0)  # remind when this many days are left (or fewer, once)
    max_notices_per_day: int = 1
    max_events_per_notice: int = 2
    max_per_occurrence: int = 2

    def select(
        self, events: Sequence[UpcomingEvent], log: Sequence[ReminderLogEntry], now: datetime
    ) -> list[UpcomingEvent]:
        """The events to mention now, given what was already shown (``log`` covers at least a week)."""
        today = now.date()
        notices_today = {e.shown_at for e in log if e.shown_at.date() == today and e.occurrence[:1].isdigit()}
        if len(notices_today) >= self.max_notices_per_day:
            return []
        chosen: list[UpcomingEvent] = []
        for event in events:
            if event.days_left > self.horizon_days:
                continue
            past = [e for e in log if e.fact_id == event.fact.id and e.occurrence == event.on.isoformat()]
            if len(past) >= self.max_per_occurrence:
                continue
            if past:  # shown before: only again once a closer lead day is reached
                last_left = min((event.on - e.shown_at.date()).days for e in past)
                if not any(event.days_left <= lead < last_left for lead in self.lead_days):
                    continue
            chosen.append(event)
        return chosen[: self.max_events_per_notice]

    @staticmethod
    def wording(events: Sequence[UpcomingEvent]) -> str:
        """A light heads-up; no obligations, no guilt."""
        return "Just a heads-up: " + " ".join(e.phrase() for e in events)


def due_reminder(
    store: FactStore, user_id: str, facts: Sequence[Fact], now: datetime, policy: ReminderPolicy | None = None
) -> tuple[str, list[UpcomingEvent]] | None:
    """The reminder text to show now (and log it), or None: not opted in, nothing due, or rate-limited."""
    if not store.reminders_enabled(user_id):
        return None
    policy = policy or ReminderPolicy()
    events = upcoming(facts, now.date(), policy.horizon_days)
    log = store.reminder_log(user_id, now - timedelta(days=policy.horizon_days + 1))
    chosen = policy.select(events, log, now)
    if not chosen:
        return None
    for event in chosen:
        store.log_reminder(user_id, event.fact.id, event.on.isoformat(), now)
    return policy.wording(chosen), chosen
