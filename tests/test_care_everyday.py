"""The date comes from the clock, and "remind me to…" gets the truth instead of a promise."""

from __future__ import annotations

from datetime import datetime

import pytest

from amity.care.everyday import (
    REMINDER_ANSWER,
    asks_about_taste,
    asks_for_reminder,
    asks_the_time,
    night_guidance,
    time_answer,
)
from amity.care.persona import PRESETS, persona_from_dict
from amity.engine import Companion
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.store.db import Database
from amity.types import Persona


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


def test_the_middle_of_the_night_is_known() -> None:
    """Told "cant sleep again" and "I have to be up at 7", the 1.5B answered "It's good that you have some
    flexibility. Do you have any other plans for the day?"."""
    line = night_guidance(datetime(2026, 11, 28, 3, 12), "just replaying that stupid thing i said at work")
    assert line is not None and line.startswith("It is 03:12 at night for them.")
    assert "Don't ask about plans for the day" in line
    assert night_guidance(
        datetime(2026, 11, 28, 15, 0),
        "cant sleep again",
    ).startswith("They can't sleep")
    assert night_guidance(datetime(2026, 11, 28, 15, 0), "my mind won't stop racing") is not None
    assert night_guidance(datetime(2026, 11, 28, 15, 0), "I slept badly but I'm fine") is None
    assert night_guidance(datetime(2026, 11, 28, 22, 30), "lovely evening") is None
    later = night_guidance(datetime(2026, 11, 28, 22, 30), "I have to be up at 7", ["x", "y", "cant sleep again"])
    assert later is not None and "don't suggest naps" in later  # the 1.5B: "it might be helpful to take a nap"


async def test_the_night_line_reaches_the_prompt(care_companion: tuple[Companion, FakeLLM, Database]) -> None:
    comp, llm, _ = care_companion
    llm.enqueue("I'm here.")
    [e async for e in comp.turn("ana", "its 3am and my mind wont stop")]
    assert "Keep your reply calm and short and help them settle" in llm.last_system_prompt


def test_questions_about_the_companions_own_taste() -> None:
    for text in [
        "what's your favourite animal?",
        "do you like music?",
        "do you have a favourite film",
        "do you like to read?",
    ]:
        assert asks_about_taste(text), text
    for text in ["do you like me?", "what do you like to talk about?", "I like dogs", "do you like talking to me"]:
        assert not asks_about_taste(text), text


async def test_a_favourite_comes_from_the_persona_the_same_every_time(
    care_companion: tuple[Companion, FakeLLM, Database],
) -> None:
    """The 1.5B: "As an AI, I don't have feelings, but I can tell you that many people enjoy different animals"."""
    comp, llm, _ = care_companion
    llm.enqueue("If I had to pick, octopuses.")
    [e async for e in comp.turn("ana", "what's your favourite animal?")]
    assert "octopuses; rainy afternoons" in llm.last_system_prompt and "simulated" in llm.last_system_prompt
    assert PRESETS["sage"].likes != Persona().likes  # each preset has its own
    assert persona_from_dict({"name": "Kit", "likes": ["jazz"]}).likes == ("jazz",)
