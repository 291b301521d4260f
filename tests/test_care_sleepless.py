"""Awake in the night: company, the racing list put down here, a big day made smaller (``amity.care.sleepless``).

Before, the default 1.5B answered "it's 5am and I still haven't slept. this is the fourth night this week" with "It's
still early… Do you have anything to do for the day?", and the list a racing mind was invited to write down with "Yes,
I can help you finish the slides… and call the dentist".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.sleepless import (
    GUIDANCE,
    LIST_INVITATION,
    big_day_reply,
    first_reply,
    list_items,
    list_reply,
    racing_reply,
    sleepless,
    slips,
)
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["it's 5am and I still haven't slept", "I can't sleep", "I was up all night again", "wide awake at 3am",
     "my insomnia is back", "my mind won't switch off"],
)  # fmt: skip
def test_sleeplessness_is_found(text: str) -> None:
    assert sleepless(text)


@pytest.mark.parametrize("text", ["I slept so well", "I can't wait for the weekend", "I haven't eaten yet"])
def test_other_messages_are_not(text: str) -> None:
    assert not sleepless(text)


@pytest.mark.parametrize(
    "sentence",
    ["It's still early, but you haven't slept much.", "Do you have anything to do for the day?",
     "It's fine to take a nap now and then.", "What are you doing to help yourself?"],
)  # fmt: skip
def test_night_slips_are_caught(sentence: str) -> None:
    assert slips(sentence)
    assert not slips("I'm here with you.")


def test_the_first_answer_counts_the_nights_and_leaves_longer_stories_to_the_model() -> None:
    fourth = first_reply("it's 5am and I still haven't slept. this is the fourth night this week")
    assert fourth is not None and fourth.startswith("The fourth night - no wonder you're worn through.")
    three = first_reply("three nights in a row I can't sleep")
    assert three is not None and three.startswith("Three nights")
    assert first_reply("I can't sleep because my dad is in hospital") is None
    assert first_reply("I can't sleep, my mind won't stop going over tomorrow's meeting") is None


def test_the_list_and_the_big_day() -> None:
    assert racing_reply("I keep going over everything I have to do tomorrow") == LIST_INVITATION
    assert "say it out loud" in racing_reply("I keep replaying what he said")
    items = list_items("finish the slides, email jen about the budget, pick up the dry cleaning, call the dentist")
    assert items == ["finish the slides", "email jen about the budget", "pick up the dry cleaning", "call the dentist"]
    assert "- call the dentist\n" in list_reply(items)
    day = big_day_reply("I have a big presentation at 9 and I'm going to be a wreck", [])
    assert "One bad night usually costs less" in day and "how you'll start the presentation" in day
    assert not find_tactics(day) and not find_tactics(LIST_INVITATION)


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="I'm here with you.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("lee", text, session_id="n")][-1].reply

        first = "it's 5am and I still haven't slept. this is the fourth night this week"
        assert await say(first) == first_reply(first)
        assert await say("my mind just won't stop. I keep going over everything I have to do tomorrow") == (
            LIST_INVITATION
        )
        todo = "finish the slides, email jen about the budget, pick up the dry cleaning, call the dentist"
        assert await say(todo) == list_reply(list_items(todo))
        day = "I have a big presentation at 9 and I'm going to be a wreck"
        assert await say(day) == big_day_reply(day, [])
        llm.enqueue("It's fine to take a nap now and then. I'm here with you.")
        assert await say("ok. maybe I'll just lie here for a bit") == "I'm here with you."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
