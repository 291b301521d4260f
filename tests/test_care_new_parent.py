"""The early weeks with a baby, told as hard: the parent met, no fixes, no pressure (``amity.care.new_parent``).

Before, the default 1.5B answered "my baby is 6 weeks old and she won't stop crying unless I'm holding her" with "Can
you tell me more about what's causing her to cry?", and "everyone keeps saying enjoy every moment" with "That's so true!
Life is all about moments… What's your favorite activity or hobby?"; the sleepless stage asked the mother what was
keeping her up.
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.new_parent import (
    GUIDANCE,
    NewParentStage,
    first_reply,
    moment_reply,
    new_parent,
    old_life_reply,
    pressures,
    sleep_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

CRYING = "my baby is 6 weeks old and she won't stop crying unless I'm holding her"


@pytest.mark.parametrize("text", [CRYING, "I just gave birth and I'm so exhausted", "I'm a new mum and I'm struggling"])
def test_a_hard_new_baby_time_is_found(text: str) -> None:
    assert new_parent(text)


@pytest.mark.parametrize(
    "text",
    ["my baby is 6 weeks old and she's perfect", "I haven't slept in days", "my son won't stop crying at school"],
)
def test_joy_tiredness_alone_and_an_older_child_are_not_this_theme(text: str) -> None:
    assert not new_parent(text)


def test_the_first_reply_names_the_weeks() -> None:
    assert first_reply(CRYING) == (
        "6 weeks in, with a baby who needs you every minute - that's exhausting in a way nothing really prepares you "
        "for. You're doing the hardest, most constant job there is. How are you holding up?"
    )
    assert first_reply("I'm a new mum and I'm struggling").startswith("The early weeks, with a baby")
    assert NewParentStage().first_reply("my baby is 6 weeks old and won't sleep. what should I do?") is None


def test_later_answers() -> None:
    stage = NewParentStage()
    sleep = "I haven't slept more than two hours at a time in weeks"
    assert stage.later_replies(sleep, [CRYING]) == [sleep_reply([])]
    moment = "everyone keeps saying enjoy every moment"
    assert stage.later_replies(moment, [CRYING]) == [moment_reply([moment, CRYING])]
    assert "You can love her and still find this really hard" in moment_reply([moment, CRYING])
    old = "I love her but I miss my old life"
    assert stage.later_replies(old, [CRYING]) == [old_life_reply([old, CRYING])]


@pytest.mark.parametrize(
    "sentence",
    ["Can you tell me more about what's causing her to cry?", "Is there anything you can do to help her feel more "
     "comfortable?", "That's so true! Life is all about moments.", "What's your favorite activity or hobby?",
     "It's okay to take a break and do things that bring you joy.", "Try to sleep when the baby sleeps.",
     "Enjoy every moment, it goes so fast!"],
)  # fmt: skip
def test_fixing_and_pressure_are_caught(sentence: str) -> None:
    assert pressures(sentence)


def test_no_fixed_reply_pressures_manipulates_or_advises() -> None:
    told = ["I love her but I miss my old life", CRYING]
    replies = [first_reply(CRYING), sleep_reply(told), moment_reply(told), old_life_reply(told)]
    assert not [r for r in replies if pressures(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("mia", text, session_id="c")][-1].reply

        assert await say(CRYING) == first_reply(CRYING)
        assert await say("I haven't slept more than two hours at a time in weeks") == sleep_reply([])
        moment = "everyone keeps saying enjoy every moment"
        assert await say(moment) == moment_reply([moment, CRYING])
        llm.enqueue("Try swaddling her. What's her name?")
        assert await say("my partner went back to work this week") == "What's her name?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
