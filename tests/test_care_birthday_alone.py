"""A birthday nobody remembered: a happy birthday, the sting named, no "are you feeling lonely?"
(``amity.care.birthday_alone``).

Before, the default 1.5B answered "it's my birthday today and nobody remembered" with "That's sad to hear. Are you
feeling lonely?", and "not even my sister" with "That's even more sad to hear. Do you have anyone else you can confide
in?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.birthday_alone import (
    FOR_MYSELF_REPLY,
    GUIDANCE,
    USED_TO_IT_REPLY,
    BirthdayAloneStage,
    birthday_forgotten,
    dismisses,
    first_reply,
    not_even_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["it's my birthday today and nobody remembered", "everyone forgot my birthday", "i'm spending my birthday alone",
     "it\u2019s my 30th birthday and no one has called", "I'm 45 today and nobody remembered my birthday"],
)  # fmt: skip
def test_a_forgotten_birthday_is_found(text: str) -> None:
    assert birthday_forgotten(text)


@pytest.mark.parametrize(
    "text",
    ["it's my birthday!", "my birthday is next week", "no one came to my birthday party", "my friend forgot my pen"],
)
def test_other_messages_are_not(text: str) -> None:
    assert not birthday_forgotten(text)


def test_the_first_reply_wishes_a_happy_birthday_with_the_age() -> None:
    assert first_reply("it's my birthday today and nobody remembered").startswith("Happy birthday - ")
    assert first_reply("it's my 30th birthday and no one has called").startswith("Happy 30th birthday - ")
    assert first_reply("I'm 41 today and nobody remembered my birthday").startswith("Happy 41st birthday - ")
    stage = BirthdayAloneStage()
    assert stage.first_reply("my birthday was last weekend, and no one wished me a happy birthday.") is None


@pytest.mark.parametrize(
    "sentence",
    ["That's sad to hear.", "Are you feeling lonely?", "Do you have anyone else you can confide in?",
     "Maybe they're just busy.", "They probably just forgot.", "It's just another day, after all."],
)  # fmt: skip
def test_dismissals_are_caught(sentence: str) -> None:
    assert dismisses(sentence)
    assert not dismisses("I'm really glad you told me.")


def test_no_fixed_reply_dismisses_or_advises() -> None:
    replies = [first_reply("it's my birthday and nobody remembered"), not_even_reply("not even my sister"),
               USED_TO_IT_REPLY, FOR_MYSELF_REPLY]  # fmt: skip
    assert not [r for r in replies if dismisses(r) or find_tactics(r) or gives_advice(r)]
    assert not_even_reply("not even my sister").startswith("Not even your sister - ")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="I'm really glad you told me.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ida", text, session_id="b")][-1].reply

        told = "it's my birthday today and nobody remembered"
        assert await say(told) == first_reply(told)
        assert await say("not even my sister") == not_even_reply("not even my sister")
        assert await say("whatever, i'm used to it") == USED_TO_IT_REPLY
        assert await say("i bought myself a cake from the supermarket") == FOR_MYSELF_REPLY
        llm.enqueue("Are you feeling lonely? I'm really glad you told me.")
        assert await say("it was chocolate") == "I'm really glad you told me."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
