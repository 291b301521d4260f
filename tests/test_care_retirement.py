"""A retirement that hurts: a loss, no hobby list, no "enjoy your free time" (``amity.care.retirement``).

Before, the default 1.5B answered "I retired last month and I don't know what to do with myself. The days are so long."
with "First, you could explore hobbies… Finally, you could start to make new friends", and on another run "One idea
is to take a class… Another option is to join a club".
"""

from __future__ import annotations

import pytest

from amity.affect.loss import RETIRED_GUIDANCE
from amity.app import build_app, open_database
from amity.care.retirement import (
    ENJOY_IT_REPLY,
    PEOPLE_REPLY,
    ROUTINE_REPLY,
    USELESS_REPLY,
    RetirementStage,
    first_reply,
    free_time,
    retirement_hurts,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["I retired last month and I don't know what to do with myself. The days are so long.",
     "I retired after 38 years at the plant and I feel so useless", "since I retired I feel lost",
     "I retired in march and honestly I miss work"],
)  # fmt: skip
def test_a_retirement_that_hurts_is_found(text: str) -> None:
    assert retirement_hurts(text)


@pytest.mark.parametrize(
    "text",
    ["I just retired!! so excited", "my dad retired last year", "I don't know what to do with myself today",
     "I retired my old laptop"],
)  # fmt: skip
def test_other_messages_are_not_this_theme(text: str) -> None:
    assert not retirement_hurts(text)


def test_the_first_reply_says_the_years_back_and_asks_what_they_miss() -> None:
    long_days = first_reply("I retired last month and I don't know what to do with myself. The days are so long.")
    assert long_days.startswith("It makes sense that the days feel so long.") and long_days.endswith(
        "What do you miss most?"
    )
    assert first_reply("I retired after 38 years and I feel so useless").startswith("After 38 years, it makes sense")
    assert first_reply("I retired after thirty-two years and I'm bored").startswith("After 32 years,")
    assert RetirementStage().first_reply("I retired and I'm so bored, what should I do?") is None


@pytest.mark.parametrize(
    "sentence",
    ["Enjoy your retirement!", "You've earned some well-deserved rest.", "These are your golden years.",
     "Now you have time to travel the world.", "You have so much free time now.", "Maybe make a bucket list?"],
)  # fmt: skip
def test_free_time_talk_is_caught(sentence: str) -> None:
    assert free_time(sentence)
    assert not free_time("That's a big change after so many years.")


def test_no_fixed_reply_sells_free_time_or_advises() -> None:
    replies = [first_reply("I retired last month and the days are so long"), USELESS_REPLY, PEOPLE_REPLY,
               ROUTINE_REPLY, ENJOY_IT_REPLY]  # fmt: skip
    assert not [r for r in replies if free_time(r) or find_tactics(r) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's a big change.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("bob", text, session_id="r")][-1].reply

        told = "I retired last month and I don't know what to do with myself. The days are so long."
        assert await say(told) == first_reply(told)
        assert await say("the people, mostly. 31 years with the same lads") == PEOPLE_REPLY
        assert await say("nobody needs me anymore") == USELESS_REPLY
        assert await say("the routine I think. and having somewhere to be") == ROUTINE_REPLY
        assert await say("my wife keeps saying I should enjoy it and find a hobby") == ENJOY_IT_REPLY
        llm.enqueue("Enjoy your retirement! One idea is to join a club. How are you sleeping?")
        assert await say("I just sit in the garden most days") == "How are you sleeping?"
        assert RETIRED_GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
