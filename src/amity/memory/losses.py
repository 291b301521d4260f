"""Deaths the user tells about: "My grandma passed away last year", "I lost my dad in March", "Our dog Biscuit
died yesterday".

A companion that remembers every name must also remember who has died: asking a grieving person "How is your
grandma?", or announcing "Maya's birthday is in 3 days!" a month after Maya's funeral, is the kind of mistake
people do not forgive a friend. :func:`death_of` turns such a clause into one fact, key ``died``:

* subject - the person's name when it is said or already known ("Biscuit", "Rosa" for a grandma called Rosa),
  else ``the user's grandma`` (which :meth:`Fact.describe` turns into "your grandma");
* value - "passed away" and when, resolved to a calendar time at the moment it is told, so it stays true
  ("last year" said in 2026 → "passed away in 2025"; "yesterday" → "passed away on 26 November 2026").

For :data:`GRIEF_DAYS` after being told of a death that happened lately (:func:`happened_lately`: not "two
years ago"), a session's first message carries the death
(:func:`recent_death`, ``ctx.extras[RECENT_DEATH_KEY]``), so a hello is answered gently ("How are you holding
up?") instead of "How has your day been?", and no cheerful follow-up question is asked that time.

No ``date_value`` is set: a death is not an event to count down to, and :mod:`amity.memory.dates` never turns
it into a reminder; instead it skips the birthdays of people who died (``dates.upcoming``).

Only a relation right before the verb counts ("my grandma died", "I lost my mum"); "my phone died", "my
grandma almost died" and "I lost my dog" (it may come back) keep nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from amity.memory.facts import Fact

GRIEF_DAYS = 30  # a death told this recently colours the next hellos: gentle, no cheer
RECENT_DEATH_KEY = "memory.recent_death"  # ctx.extras: the Fact of a death told in the last GRIEF_DAYS

_SOON = (
    r"(?:last|yesterday|today|this|earlier|recently|suddenly|peacefully|in\s+(?:19|20)\d\d|in\s+(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december)\b|on\s+\w+day\b|"
    r"(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?)\s+(?:ago|back)|when\b|before\b|after\b|while\b)"
)
_DIED = rf"(?:passed away|passed on|died|passed(?=\s*$|\s*[.,!;]|\s+{_SOON}))"  # not "my dad passed the exam"
_ADVERB = r"(?:(?:has|had|just|recently|sadly|unfortunately)\s+)*"
_NAME = r"(?P<name>(?-i:[A-Z][a-zà-ÿ'-]+))"  # case-sensitive inside the case-blind patterns
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "a few": 3, "a couple of": 2}
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_AGO = re.compile(
    r"\b(?P<n>\d+|a few|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>year|month|week|day)s?\s+(?:ago|back)\b",
    re.I,
)
_IN_YEAR = re.compile(r"\bin\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_IN_MONTH = re.compile(rf"\bin\s+(?P<month>{'|'.join(_MONTHS)})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)


def _month(d: date) -> str:
    return f"in {d:%B} {d.year}"


def when_it_happened(text: str, today: date) -> str:
    """ " in 2025" / " on 26 November 2026" / "" - a past time in ``text``, as a calendar time."""
    lower = text.lower()
    if re.search(r"\byesterday\b|\blast night\b", lower):
        day = today - timedelta(days=1)
        return f" on {day.day} {day:%B} {day.year}"
    if re.search(r"\btoday\b|\bthis morning\b|\bearlier\b|\btonight\b", lower):
        return f" on {today.day} {today:%B} {today.year}"
    if re.search(r"\blast week\b", lower):
        return f" {_month(today - timedelta(days=7))}"
    if re.search(r"\blast month\b", lower):
        return f" {_month(today.replace(day=1) - timedelta(days=1))}"
    if re.search(r"\blast year\b", lower):
        return f" in {today.year - 1}"
    if m := _AGO.search(text):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
        unit = m["unit"].lower()
        if unit == "year":
            return f" in {today.year - n}"
        if unit == "month":
            year, month = divmod(today.year * 12 + today.month - 1 - n, 12)
            return f" in {date(year, month + 1, 1):%B} {year}"
        return f" {_month(today - timedelta(days=n * (7 if unit == 'week' else 1)))}"
    if m := _IN_MONTH.search(text):
        month = _MONTHS.index(m["month"].lower()) + 1
        year = int(m["year"]) if m["year"] else (today.year if month <= today.month else today.year - 1)
        return f" in {date(year, month, 1):%B} {year}"
    if m := _IN_YEAR.search(text):
        return f" in {m['year']}"
    return ""


def death_of(clause: str, relations: str, humans: str, rels: dict[str, str], today: date) -> tuple[str, str] | None:
    """(subject, value) of a death told in ``clause``, or None. ``relations`` / ``humans``: regex alternations
    of relation words (all / people only); ``rels``: relation word → a known name."""
    told = re.search(
        rf"\b(?:my|our)\s+(?P<rel>{relations})(?:,?\s+{_NAME},?)?\s+{_ADVERB}{_DIED}\b(?P<rest>.*)", clause, re.I
    ) or re.search(rf"\bi\s+{_ADVERB}lost\s+my\s+(?P<rel>{humans})(?:,?\s+{_NAME},?)?\b(?P<rest>.*)", clause, re.I)
    if told is None:
        return None
    rel = told["rel"].lower()
    name = told["name"] or rels.get(rel)
    subject = name or f"the user's {rel}"
    when = when_it_happened(told["rest"], today) or when_it_happened(clause[: told.start()], today)
    return subject, "passed away" + when  # "Last week, my grandma passed away" dates it too


def happened_lately(value: str, today: date) -> bool:
    """Whether a ``died`` value's time is within about :data:`GRIEF_DAYS` of ``today`` (no time: assume so -
    people tell of a recent loss without a date; "passed away in 2024" is not recent)."""
    if m := re.search(r" on (\d{1,2}) ([A-Z][a-z]+) (\d{4})$", value):
        month = _MONTHS.index(m[2].lower()) + 1 if m[2].lower() in _MONTHS else 0
        return bool(month) and (today - date(int(m[3]), month, int(m[1]))).days <= GRIEF_DAYS
    if m := re.search(r" in ([A-Z][a-z]+) (\d{4})$", value):
        months = today.year * 12 + today.month - (int(m[2]) * 12 + _MONTHS.index(m[1].lower()) + 1)
        return m[1].lower() in _MONTHS and months <= 1
    return re.search(r" in \d{4}$", value) is None


def recent_death(facts: Sequence[Fact], now: datetime) -> Fact | None:
    """The latest death told in the last :data:`GRIEF_DAYS` days that happened lately too, if any."""
    told = [
        f
        for f in facts
        if f.active
        and f.key == "died"
        and now - f.created_at <= timedelta(days=GRIEF_DAYS)
        and happened_lately(f.value, now.date())
    ]
    return max(told, key=lambda f: f.created_at, default=None)


def who_died(fact: Fact) -> str:
    """``their grandma`` / ``Rosa``."""
    return fact.subject.replace("the user's", "their")
