"""One's own divorce: an ending met as a loss, no "new chapter" (``amity.care.divorce``).

Before, the default 1.5B answered "my divorce was finalised today" with "Oh, that's a tough time for you.", and "15
years and it ends with an email from a solicitor" with "That's a tough time for you. Are you still struggling with it?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.divorce import (
    EMPTY_HOME_REPLY,
    GUIDANCE,
    KIDS_REPLY,
    RING_REPLY,
    DivorceStage,
    bright_sides,
    failure_reply,
    first_reply,
    own_divorce,
    paperwork_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["my divorce was finalised today", "my wife asked for a divorce", "we\u2019re getting divorced",
     "my husband left me", "i'm getting a divorce", "my partner just moved out"],
)  # fmt: skip
def test_ones_own_divorce_is_found(text: str) -> None:
    assert own_divorce(text)


@pytest.mark.parametrize(
    "text",
    ["my parents are getting divorced", "my wife left me alone for the whole week", "my divorce lawyer called",
     "my husband left me a note"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not own_divorce(text)


def test_the_first_reply_follows_what_happened() -> None:
    assert "seeing it made final can hit harder" in first_reply("my divorce was finalised today")
    assert "15 years is a big part of a life to close" in first_reply("divorce was final today after 15 years")
    assert first_reply("my wife asked for a divorce").startswith("I'm so sorry. A marriage ending")
    assert first_reply("my partner left me").startswith("I'm so sorry. A relationship ending")
    stage = DivorceStage()
    assert stage.first_reply("my divorce was finalised years ago") is None
    assert stage.first_reply("I'm Mark. Divorce was finalised last month.") is None
    assert stage.first_reply("my wife wants a divorce, what should i do?") is None


@pytest.mark.parametrize(
    "sentence",
    ["This could be a new chapter for you.", "Think of it as a fresh start.", "You're better off without her.",
     "There are plenty of fish in the sea.", "You'll find someone who deserves you.",
     "Are you still struggling with it?", "At least you don't have to fight anymore."],
)  # fmt: skip
def test_bright_sides_are_caught(sentence: str) -> None:
    assert bright_sides(sentence)
    assert not bright_sides("That's a real ending.")


def test_no_fixed_reply_looks_on_the_bright_side_or_advises() -> None:
    told = ["15 years and it ends with an email from a solicitor", "my divorce was finalised today"]
    replies = [first_reply(told[1]), first_reply("my husband left me"), paperwork_reply(told), KIDS_REPLY,
               failure_reply(told), EMPTY_HOME_REPLY, RING_REPLY]  # fmt: skip
    assert not [r for r in replies if bright_sides(r) or find_tactics(r) or gives_advice(r)]
    assert paperwork_reply(told).startswith("After 15 years, that feels brutally small")
    assert "tried for 15 years" in failure_reply(told)


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's a real ending.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("max", text, session_id="v")][-1].reply

        told = "my divorce was finalised today"
        assert await say(told) == first_reply(told)
        paper = "15 years and it ends with an email from a solicitor"
        assert await say(paper) == paperwork_reply([paper, told])
        assert await say("i only get the kids every other weekend now") == KIDS_REPLY
        fail = "i just feel like such a failure"
        assert await say(fail) == failure_reply([fail, paper, told])
        assert await say("first night alone in the flat") == EMPTY_HOME_REPLY
        assert await say("i keep wearing my ring. i can't take it off") == RING_REPLY
        llm.enqueue("Think of it as a new chapter! That's a real ending.")
        assert await say("i miss who we were") == "That's a real ending."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
