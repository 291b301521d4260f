"""Estranged from close family: grief with them alive, no "give him time" (``amity.care.estranged``).

Before, the default 1.5B answered "my son hasn't spoken to me in two years" with "It's important to give your son time
to develop his communication skills. Maybe you could try scheduling a phone call", and "i don't even know what i did"
with "Oh, that's okay - it's okay to feel confused."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.estranged import (
    CARDS_REPLY,
    GRANDCHILDREN_REPLY,
    GUIDANCE,
    NOT_KNOWING_REPLY,
    EstrangedStage,
    blames,
    estranged,
    first_reply,
    write_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["my son hasn't spoken to me in two years", "my daughter cut me off", "my mum won\u2019t talk to me anymore",
     "I'm estranged from my dad"],
)  # fmt: skip
def test_estrangement_is_found(text: str) -> None:
    assert estranged(text)


@pytest.mark.parametrize(
    "text",
    ["my mum won't talk to me until i clean my room", "my brother hasn't called me back",
     "my friend hasn't spoken to me in weeks"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not estranged(text)


def test_the_first_reply_takes_who_and_how_long() -> None:
    assert first_reply("my son hasn't spoken to me in two years").startswith(
        "Two years without hearing from your son - that's a grief people rarely talk about, because he's still"
    )
    assert first_reply("my daughter cut me off").startswith("Being shut out by your daughter - ")
    assert EstrangedStage().first_reply("my daughter cut me off, what should i do?") is None


@pytest.mark.parametrize(
    "sentence",
    ["It's important to give your son time to develop his communication skills.",
     "Maybe you could try scheduling a phone call with your son.", "He'll come around eventually.",
     "Oh, that's okay - it's okay to feel confused.", "That's quite a situation."],
)  # fmt: skip
def test_blame_and_promises_are_caught(sentence: str) -> None:
    assert blames(sentence)
    assert not blames("That silence must be so painful.")


def test_no_fixed_reply_blames_and_only_the_asked_one_advises() -> None:
    told = ["my son hasn't spoken to me in two years"]
    replies = [first_reply(told[0]), NOT_KNOWING_REPLY, GRANDCHILDREN_REPLY, CARDS_REPLY]
    assert not [r for r in replies if blames(r) or find_tactics(r) or gives_advice(r)]
    assert not blames(write_reply(told)) and "that you love him, think of him" in write_reply(told)


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That silence must be so painful.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("joan", text, session_id="e")][-1].reply

        told = "my son hasn't spoken to me in two years"
        assert await say(told) == first_reply(told)
        assert await say("i don't even know what i did") == NOT_KNOWING_REPLY
        assert await say("he has a little girl now. my granddaughter. i've never met her") == GRANDCHILDREN_REPLY
        assert await say("i still send birthday cards every year") == CARDS_REPLY
        again = "should i write to him again?"
        assert await say(again) == write_reply([again, "my granddaughter. i've never met her", told])
        assert "that you love him" in write_reply([again, "my granddaughter. i've never met her", told])
        llm.enqueue("Give him time, he'll come around. That silence must be so painful.")
        assert await say("it's christmas soon") == "That silence must be so painful."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
