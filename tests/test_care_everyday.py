"""The date comes from the clock, and "remind me to…" gets the truth instead of a promise."""

from __future__ import annotations

from datetime import datetime

import pytest

from amity.care.everyday import REMINDER_ANSWER, asks_for_reminder, asks_the_time, time_answer
from amity.engine import Companion
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.store.db import Database


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what day is it today?", True),  # the 1.5B: "Today is the 24th of July."
        ("What's the date?", True),
        ("what time is it", True),
        ("what's today's date", True),
        ("what year is it?", True),
        ("What day is your birthday?", False),
        ("what time is the meeting tomorrow?", False),
        ("what day is it in Tokyo?", False),
    ],
)
def test_time_questions(text: str, asked: bool) -> None:
    assert asks_the_time(text) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("remind me to call my sister tomorrow at 6", True),  # the 1.5B: "Sure! I'll remind you about that."
        ("can you remind me to take my pills", True),
        ("set a reminder for 5pm", True),
        ("You remind me of my mum", False),
        ("it reminds me of my dad", False),
    ],
)
def test_reminder_requests(text: str, asked: bool) -> None:
    assert asks_for_reminder(text) is asked


async def test_answered_without_the_model(care_companion: tuple[Companion, FakeLLM, Database]) -> None:
    comp, llm, _ = care_companion
    for text, expected in [
        ("what day is it today?", "by this computer's clock."),
        ("remind me to call my sister tomorrow at 6", REMINDER_ANSWER),
    ]:
        events = [e async for e in comp.turn("ana", text)]
        end = events[-1]
        assert isinstance(end, TurnEnd) and end.reply.endswith(expected)
    assert llm.calls == []
    assert (
        time_answer(datetime(2026, 11, 27, 16, 48)) == "It's Friday, 27 November 2026, 16:48 by this computer's clock."
    )
