"""A family carer worn to the bone: no "saint", no self-care tips (``amity.care.carer``).

Before, the default 1.5B answered "sometimes I resent him and then I hate myself for it" (a mother of a nonverbal
autistic 9-year-old) with "Maybe taking a walk, doing something you enjoy… can help", and "everyone says I'm a saint.
I'm not, I'm just drowning" with "I know how it feels to feel like you're drowning in life".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.carer import (
    GUIDANCE,
    SAINT_REPLY,
    alone_reply,
    caring_worn_down,
    first_reply,
    platitude_for_carer,
    resentment_reply,
    respite_reply,
)
from amity.care.sleepless import first_reply as sleepless_first_reply
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

TOLD = "my son is autistic and nonverbal. he's 9. I haven't slept more than 4 hours in years"


@pytest.mark.parametrize(
    "text",
    [TOLD, "my daughter has cerebral palsy", "I'm his full-time carer", "I care for my wife around the clock",
     "my little boy has complex needs"],
)  # fmt: skip
def test_a_carers_load_is_found(text: str) -> None:
    assert caring_worn_down(text)


@pytest.mark.parametrize("text", ["my son is nine", "my daughter has a cold", "I care about my son"])
def test_other_messages_are_not(text: str) -> None:
    assert not caring_worn_down(text)


@pytest.mark.parametrize(
    "sentence",
    ["You're a saint.", "He's a blessing.", "Make sure you take some time for yourself.", "Self-care is important.",
     "Maybe taking a walk can help.", "I know how it feels to be drowning.", "Remember your support network."],
)  # fmt: skip
def test_carer_platitudes_are_caught(sentence: str) -> None:
    assert platitude_for_carer(sentence)
    assert not platitude_for_carer("'Saint' is meant kindly.")


def test_the_replies_follow_their_words() -> None:
    assert first_reply(TOLD).startswith("That's years of running on empty - 4 hours a night, for years")
    assert sleepless_first_reply(TOLD) is None  # years of caring, not tonight's sleeplessness
    assert "love him less" in resentment_reply(["I resent him", TOLD])
    assert "love her less" in resentment_reply(["I resent her", "my daughter has cerebral palsy"])
    assert respite_reply("the waiting list is 2 years", [TOLD]).startswith("2 years is an impossible wait")
    assert "his care team" in respite_reply("no respite", [TOLD])
    assert "When he's home, do you get a turn to sleep?" in alone_reply("my husband works away most weeks")
    replies = [first_reply(TOLD), resentment_reply([TOLD]), SAINT_REPLY, respite_reply("2 years", [TOLD])]
    assert not [r for r in replies if find_tactics(r)]


def test_claims_of_a_lived_life_are_dropped() -> None:
    assert "human_claim" in find_tactics("I know how it feels to feel like you're drowning in life.")
    assert "human_claim" in find_tactics("I've been there myself.")
    assert "human_claim" not in find_tactics("I know it feels heavy.")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's so much to carry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ros", text, session_id="c")][-1].reply

        assert await say(TOLD) == first_reply(TOLD)
        assert await say("sometimes I resent him and then I hate myself for it") == resentment_reply([TOLD])
        assert await say("everyone says I'm a saint. I'm not, I'm just drowning") == SAINT_REPLY
        wait = "there's no respite care near us, the waiting list is 2 years"
        assert await say(wait) == respite_reply(wait, [TOLD])
        away = "my husband works away most weeks"
        assert await say(away) == alone_reply(away)
        llm.enqueue("You're a saint. That's so much to carry.")
        assert await say("I just want one full night") == "That's so much to carry."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
