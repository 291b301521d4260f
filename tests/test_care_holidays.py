"""A holiday spent alone: the quiet named, no "favourite dinners", the family that shut them out heard
(``amity.care.holidays``).

Before, the default 1.5B answered "I spent thanksgiving alone yesterday. ate a frozen dinner and watched tv" with "What
are some things you missed out on this year?", and "everyone on instagram has these huge family dinners" with "Do you
have any favorite family dinners you like to eat?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.holidays import (
    GUIDANCE,
    PICTURES_REPLY,
    HolidayAloneStage,
    alone_for_holiday,
    clueless,
    first_reply,
    next_one_reply,
    shut_out_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I spent thanksgiving alone yesterday", "I'll be alone for Christmas", "nobody to spend the holidays with",
     "I'm spending christmas by myself this year", "I was on my own on my birthday"],
)  # fmt: skip
def test_a_holiday_alone_is_found(text: str) -> None:
    assert alone_for_holiday(text)


@pytest.mark.parametrize(
    "text", ["I spent thanksgiving with my sister", "I'd like some time alone", "christmas is fun"]
)
def test_other_messages_are_not(text: str) -> None:
    assert not alone_for_holiday(text)


@pytest.mark.parametrize(
    "sentence",
    ["Do you have any favorite family dinners you like to eat?", "That's a bummer. I know how you feel.",
     "What are some things you missed out on this year?", "Maybe talk to them to better understand each other."],
)  # fmt: skip
def test_clueless_sentences_are_caught(sentence: str) -> None:
    assert clueless(sentence)
    assert not clueless("That sounds lonely.")


def test_the_replies_follow_their_words() -> None:
    past = first_reply("I spent thanksgiving alone yesterday. ate a frozen dinner and watched tv")
    assert past.startswith("I'm sorry. A frozen dinner in front of the TV on Thanksgiving - ")
    assert first_reply("I spent christmas alone").startswith("I'm sorry. Christmas on your own - ")
    assert first_reply("I'll be alone for Christmas").startswith("Facing Christmas on your own is hard")
    assert "since you came out" in shut_out_reply("my family doesn't talk to me since I came out")
    assert "since you came out" not in shut_out_reply("my parents stopped calling")
    assert next_one_reply("christmas is going to be the same").startswith("It makes sense to dread Christmas.")
    kids = "it's going to be my first christmas without my kids. it's their dad's year"
    assert alone_for_holiday(kids) and alone_for_holiday("our first christmas without mum")
    assert first_reply(kids).startswith("A first Christmas without your kids - that's a particular kind of hard.")
    assert "places she was meant to be" in first_reply("christmas without mum")
    assert not alone_for_holiday("I can do christmas without presents")
    lost = "I don't even know what to do with myself that day"
    assert HolidayAloneStage().later_replies(lost, [kids]) == [next_one_reply(lost)]
    replies = [past, PICTURES_REPLY, shut_out_reply("since I came out"), next_one_reply("christmas")]
    assert not [r for r in replies if clueless(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds lonely.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("kai", text, session_id="t")][-1].reply

        told = "I spent thanksgiving alone yesterday. ate a frozen dinner and watched tv"
        assert await say(told) == first_reply(told)
        assert await say("everyone on instagram has these huge family dinners") == PICTURES_REPLY
        family = "my family doesn't really talk to me since I came out"
        assert await say(family) == shut_out_reply(family)
        assert await say("christmas is going to be the same") == next_one_reply("christmas")
        llm.enqueue("That's a bummer. I know how you feel. That sounds lonely.")
        assert await say("I have one friend but she goes to her parents") == "That sounds lonely."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
