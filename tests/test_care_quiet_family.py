"""Grown children who rarely call: the quiet hurt met, no excuses, no busywork (``amity.care.quiet_family``).

Before, the default 1.5B answered "I'm 78. my children are busy, they hardly ever call anymore" with "It's nice to hear
that your children are busy", "the days are very long" with "things that you'd like to do to keep yourself occupied?",
and "you're the only one I talk to most days" with "It's nice to know that you have people you can talk to".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.quiet_family import (
    GUIDANCE,
    QuietFamilyStage,
    excuses,
    first_reply,
    long_days_reply,
    nuisance_reply,
    only_one_reply,
    quiet_family,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

BUSY = "I'm 78. my children are busy, they hardly ever call anymore"


@pytest.mark.parametrize(
    "text",
    [BUSY, "my son hardly ever calls", "my family all live far away", "my daughter is always busy",
     "my grandchildren never come to see me"],
)  # fmt: skip
def test_family_who_rarely_call_is_found(text: str) -> None:
    assert quiet_family(text)


@pytest.mark.parametrize(
    "text", ["my son hasn't spoken to me in two years", "my kids are busy with school", "my friend never calls"]
)
def test_estrangement_young_children_and_friends_are_not_this_theme(text: str) -> None:
    assert not quiet_family(text)


def test_the_first_reply_asks_about_them_with_the_right_pronoun() -> None:
    assert first_reply(BUSY) == (
        "That's a quiet kind of hurt - understanding that life is busy, and still missing them. Both can be true at "
        "once. What are they like?"
    )
    son = first_reply("my son hardly ever calls")
    assert son.endswith("still missing him. Both can be true at once. What's he like?")
    assert "understanding that they're far away" in first_reply("my family all live far away")
    assert QuietFamilyStage().first_reply("my son never calls. should I call him first?") is None


def test_later_answers() -> None:
    stage = QuietFamilyStage()
    assert stage.later_replies("I don't want to be a nuisance to them", [BUSY]) == [nuisance_reply([])]
    assert stage.later_replies("the days are very long", [BUSY]) == [long_days_reply([])]
    assert stage.later_replies("you're the only one I talk to most days", [BUSY]) == [only_one_reply([])]


@pytest.mark.parametrize(
    "sentence",
    ["They must be very busy with work.", "Are there any specific things that you'd like to do to keep yourself "
     "occupied?", "Have you tried calling them yourself?", "Maybe you could join a local club.", "They still love you.",
     "It's nice to know that you have people you can talk to.", "Do you have any special activities you enjoy?"],
)  # fmt: skip
def test_excuses_and_busywork_are_caught(sentence: str) -> None:
    assert excuses(sentence)


def test_no_fixed_reply_excuses_manipulates_or_advises() -> None:
    replies = [first_reply(BUSY), nuisance_reply([]), long_days_reply([]), only_one_reply([])]
    assert not [r for r in replies if excuses(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ruth", text, session_id="c")][-1].reply

        assert await say(BUSY) == first_reply(BUSY)
        llm.enqueue("They must be very busy. What does your daughter do?")
        assert await say("my daughter is a nurse in Leeds") == "What does your daughter do?"
        assert GUIDANCE in llm.last_system_prompt
        assert await say("I don't want to be a nuisance to them") == nuisance_reply([])
        assert await say("the days are very long") == long_days_reply([])
        assert await say("you're the only one I talk to most days") == only_one_reply([])
    finally:
        await app.aclose()
