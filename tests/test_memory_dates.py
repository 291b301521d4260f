"""Date normalisation, upcoming events and the opt-in, rate-limited, kind reminder policy."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from amity.memory.dates import ReminderPolicy, coming_up_answer, due_reminder, find_date, next_occurrence, upcoming
from amity.memory.facts import Fact, FactBook, FactDraft
from amity.store.db import Database
from amity.store.schema_facts import MIGRATIONS
from amity.store.sqlite_facts import SQLiteFactStore

TODAY = date(2026, 11, 26)  # Thursday


@pytest.mark.parametrize(
    ("text", "recurring", "expected"),
    [
        ("my birthday is on the 5th of May", True, "--05-05"),
        ("my birthday is on the 5th of May", False, "2027-05-05"),
        ("March 3rd", True, "--03-03"),
        ("on March 3rd, 2027", False, "2027-03-03"),
        ("3 March 1990", True, "1990-03-03"),
        ("Dec 1", False, "2026-12-01"),
        ("it's on 2026-12-24", False, "2026-12-24"),
        ("12/24", False, "2026-12-24"),
        ("today", False, "2026-11-26"),
        ("tomorrow at 3", False, "2026-11-27"),
        ("the day after tomorrow", False, "2026-11-28"),
        ("on Friday", False, "2026-11-27"),
        ("this Friday", False, "2026-11-27"),
        ("next Friday", False, "2026-12-04"),  # said on a Thursday: Friday of next week
        ("next Monday", False, "2026-11-30"),
        ("on Thursday", False, "2026-12-03"),  # never today
        ("in 3 days", False, "2026-11-29"),
        ("in two weeks", False, "2026-12-10"),
        ("in a couple of days", False, "2026-11-28"),
        ("next month", False, "2026-12-26"),
        ("on the 5th", False, "2026-12-05"),
        ("on the 30th", False, "2026-11-30"),
        ("29 February", True, "--02-29"),
    ],
)
def test_find_date(text: str, recurring: bool, expected: str) -> None:
    match = find_date(text, TODAY, recurring=recurring)
    assert match is not None and match.value == expected


def test_find_date_locale_and_rejects() -> None:
    match = find_date("5/4", TODAY, locale="en-GB")
    assert match is not None and match.value == "2027-04-05"
    for text in ("I sat down", "31 February", "I'm 34", "may I ask", "nothing here"):
        assert find_date(text, TODAY) is None, text
    for text in ("next week", "in two weeks", "next month"):  # a birthday needs its day, not a guess at it
        assert find_date(text, TODAY, recurring=True) is None, text
    assert find_date("in 3 days", TODAY, recurring=True) is not None


def test_next_occurrence() -> None:
    assert next_occurrence("--05-05", TODAY, True) == date(2027, 5, 5)
    assert next_occurrence("--11-26", TODAY, True) == TODAY
    assert next_occurrence("1990-12-01", TODAY, True) == date(2026, 12, 1)
    assert next_occurrence("2026-11-25", TODAY, False) is None
    assert next_occurrence("--02-29", date(2027, 1, 1), True) == date(2027, 2, 28)
    assert next_occurrence("garbage", TODAY, True) is None


def _fact(key: str, value: str, subject: str, date_value: str, fid: str = "f_1") -> Fact:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Fact(fid, "u", subject, key, value, 0.9, None, "", now, now, date_value)


def test_upcoming_and_phrases() -> None:
    facts = [
        _fact("birthday", "29 November", "Maya", "--11-29", "f_1"),
        _fact("appointment", "dentist appointment", "user", "2026-11-27", "f_2"),
        _fact("anniversary", "26 November", "user", "--11-26", "f_3"),
        _fact("birthday", "5 May", "user", "--05-05", "f_4"),
        _fact("appointment", "eye test", "user", "2026-11-01", "f_5"),  # in the past
    ]
    events = upcoming(facts, TODAY, days=30)
    assert [e.phrase() for e in events] == [
        "Your anniversary is today.",
        "Your dentist appointment is tomorrow.",
        "Maya's birthday is in 3 days (Sunday 29 November).",
    ]
    assert "Maya's birthday" in coming_up_answer(events, 30)
    assert "don't have anything" in coming_up_answer([], 30)


GUILT = re.compile(r"\b(forg[eo]t|should|must|don't forget|remember to|need to|have to|again)\b", re.I)


def test_policy_rate_limits_and_is_kind(tmp_path: Path) -> None:
    store = SQLiteFactStore(Database(tmp_path / "f.db", MIGRATIONS))
    book = FactBook(store)
    book.record("u", FactDraft("birthday", "3 December", "Maya", date_value="--12-03"))
    book.record("u", FactDraft("appointment", "dentist appointment", date_value="2026-11-28"))
    book.record("u", FactDraft("birthday", "1 December", "Tom", date_value="--12-01"))
    facts = book.active("u")
    day1 = datetime(2026, 11, 26, 9, tzinfo=UTC)
    assert due_reminder(store, "u", facts, day1) is None  # not opted in: never
    store.set_reminders_enabled("u", True)
    first = due_reminder(store, "u", facts, day1)
    assert first is not None
    text = first[0]
    assert text == "Just a heads-up: Your dentist appointment is in 2 days (Saturday 28 November). " + (
        "Tom's birthday is in 5 days (Tuesday 1 December)."
    )
    assert not GUILT.search(text)
    assert due_reminder(store, "u", facts, day1 + timedelta(hours=3)) is None  # one notice a day
    labels = []
    for days in range(1, 8):
        due = due_reminder(store, "u", facts, day1 + timedelta(days=days))
        labels.append([e.label for e in due[1]] if due else [])
        assert due is None or not GUILT.search(due[0])
    # each occurrence at most twice, again only once a closer lead day (7, 3, 1, 0 days) is reached
    assert labels == [
        ["your dentist appointment", "Maya's birthday"],  # "tomorrow"; Maya first seen
        ["Tom's birthday"],  # 3 days left
        [],
        ["Maya's birthday"],  # 3 days left
        [],
        [],
        [],
    ]
    store.set_reminders_enabled("u", False)
    assert due_reminder(store, "u", facts, day1 + timedelta(days=7)) is None


def test_policy_select_limits_events_per_notice() -> None:
    facts = [_fact("birthday", f"{d} December", f"P{d}", f"--12-0{d}", f"f_{d}") for d in range(1, 5)]
    events = upcoming(facts, TODAY, 7)
    chosen = ReminderPolicy(max_events_per_notice=2).select(events, [], datetime(2026, 11, 26, tzinfo=UTC))
    assert [e.fact.subject for e in chosen] == ["P1", "P2"]
