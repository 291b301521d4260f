"""Feeling behind in life: "nothing to show for it" heard, no "milestone!" or "never too late"
(``amity.care.behind_in_life``).

Before, the default 1.5B answered "i turn 40 next week and i have nothing to show for it" with "That's a significant
milestone! Do you have any hobbies…", the comparison with old schoolmates with "That's quite a different life you
have" and "i just feel like i wasted my 30s" with "That's very kind of you to share… make the most of it?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.behind_in_life import (
    COMPARISON_REPLY,
    GUIDANCE,
    TOO_LATE_REPLY,
    BehindInLifeStage,
    family_reply,
    feels_behind,
    first_reply,
    scorecards,
    wasted_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["i turn 40 next week and i have nothing to show for it", "I wasted my 20s", "i\u2019m so behind in life",
     "everyone my age is married with kids and I'm still renting", "my life is going nowhere",
     "I'm 35 and I haven't achieved anything with my life", "i feel like i've wasted the last ten years of my life"],
)  # fmt: skip
def test_feeling_behind_is_found(text: str) -> None:
    assert feels_behind(text)


@pytest.mark.parametrize(
    "text",
    ["i have nothing to show you", "we are behind schedule", "what a waste of time", "i turn 40 next week!",
     "everyone i know is coming to the party and i'm excited"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not feels_behind(text)


def test_the_first_reply_takes_the_age_it_was_told() -> None:
    assert first_reply("i turn 40 next week and i have nothing to show for it").startswith(
        "Turning 40 and feeling like you have nothing to show for it - "
    )
    assert first_reply("I'm 35 and I haven't achieved anything with my life").startswith("Being 35 and feeling")
    assert first_reply("my life is going nowhere").startswith("Feeling like you have nothing to show for your years")
    assert BehindInLifeStage().first_reply("i'm so behind in life, what should i do?") is None


@pytest.mark.parametrize(
    "sentence",
    ["That's a significant milestone!", "Do you have any hobbies or interests?", "Age is just a number.",
     "It's never too late!", "Everyone has their own timeline.", "Try not to compare yourself to others.",
     "How can you make the most of it?", "That's very kind of you to share.", "Life begins at 40!"],
)  # fmt: skip
def test_scorecard_answers_are_caught(sentence: str) -> None:
    assert scorecards(sentence)
    assert not scorecards("That sounds like a heavy thing to carry.")


def test_no_fixed_reply_cheers_pushes_or_advises() -> None:
    replies = [first_reply("i turn 40 next week and i have nothing to show for it"), COMPARISON_REPLY,
               wasted_reply("i wasted my 30s"), wasted_reply("i wasted my life"), TOO_LATE_REPLY,
               family_reply("my mum keeps asking"), family_reply("my parents keep asking")]  # fmt: skip
    assert not [r for r in replies if scorecards(r) or find_tactics(r) or gives_advice(r)]
    assert wasted_reply("i just feel like i wasted my 30s").startswith("Your 30s can feel wasted")
    assert wasted_reply("i wasted my life").startswith("Those years can feel wasted")
    assert "Your mum probably means it as love" in family_reply("my mum keeps asking when i'll settle down")
    assert "Your parents probably mean it" in family_reply("my parents keep asking when i'll get married")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds like a heavy thing to carry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("jo", text, session_id="b")][-1].reply

        told = "i turn 40 next week and i have nothing to show for it"
        assert await say(told) == first_reply(told)
        compare = "no house, no partner, no kids. everyone i went to school with has their life sorted"
        assert await say(compare) == COMPARISON_REPLY
        assert await say("i just feel like i wasted my 30s") == wasted_reply("wasted my 30s")
        assert await say("is it too late for me?") == TOO_LATE_REPLY
        mum = "my mum keeps asking when i'll settle down"
        assert await say(mum) == family_reply(mum)
        llm.enqueue("Age is just a number! Of course it hurts.")
        assert await say("it's my birthday soon") == "Of course it hurts."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
