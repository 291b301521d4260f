"""Hating how one looks: the pain heard, no comment on the body, no looks advice (``amity.care.body_image``).

Before, the default 1.5B answered "I hate how I look in every photo" with "Have you tried taking a different photo?",
and "everyone else looks so pretty and I look huge" with "Have you been thinking about what you want to look like?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.body_image import GUIDANCE, HIDING_REPLY, first_reply, gives_looks_advice, hates_looks
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I hate how I look in every photo", "I hate my body", "I look huge", "everyone else looks so pretty",
     "I can't stand looking in the mirror", "I untagged myself from all the pictures", "I feel so fat today"],
)  # fmt: skip
def test_hating_how_one_looks_is_found(text: str) -> None:
    assert hates_looks(text)


@pytest.mark.parametrize("text", ["I hate how the kitchen looks", "the cake looks huge", "I love my new haircut"])
def test_other_looks_are_not(text: str) -> None:
    assert not hates_looks(text)


@pytest.mark.parametrize(
    "sentence",
    ["Have you tried taking a different photo?", "Have you been thinking about what you want to look like?",
     "Maybe some exercise would help.", "We're all different, and that's what makes us unique.",
     "You could try to lose some weight."],
)  # fmt: skip
def test_looks_advice_is_caught(sentence: str) -> None:
    assert gives_looks_advice(sentence)
    assert not gives_looks_advice("That sounds so painful.")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so painful.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("em", text, session_id="e")][-1].reply

        assert await say("I hate how I look in every photo") == first_reply("photo")
        assert await say("I untagged myself from all the pictures from the wedding") == HIDING_REPLY
        llm.enqueue("Have you been thinking about what you want to look like? That sounds so painful.")
        assert await say("everyone else looks so pretty and I look huge") == "That sounds so painful."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
