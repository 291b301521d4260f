"""Screamed at by a manager in front of everyone: not okay, no "be more careful", a pattern called a pattern
(``amity.care.work_bullying``).

Before, the default 1.5B answered "my manager screamed at me in front of the whole team today over a typo" with "Oh,
that's very unfortunate… How did it go?", and "I can't afford to quit. I have a kid" with "That's tough, but you can't
just give up."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.work_bullying import (
    DREAD_REPLY,
    GUIDANCE,
    PATTERN_REPLY,
    cant_quit_reply,
    excuses,
    first_reply,
    mistreated_at_work,
)
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

TOLD = "my manager screamed at me in front of the whole team today over a typo"


@pytest.mark.parametrize(
    "text",
    [TOLD, "my boss keeps humiliating me", "I'm being bullied at work", "my supervisor yelled at me again"],
)
def test_mistreatment_at_work_is_found(text: str) -> None:
    assert mistreated_at_work(text)


@pytest.mark.parametrize("text", ["my manager praised me today", "I yelled at my boss", "my boss is on holiday"])
def test_other_messages_are_not(text: str) -> None:
    assert not mistreated_at_work(text)


@pytest.mark.parametrize(
    "sentence",
    ["Oh, that's very unfortunate.", "He might be stressed.", "Try not to take it personally.",
     "Maybe double-check your work next time.", "That's tough, but you can't just give up."],
)  # fmt: skip
def test_excuses_are_caught(sentence: str) -> None:
    assert excuses(sentence)
    assert not excuses("That's not okay.")


def test_the_replies_follow_their_words() -> None:
    assert first_reply(TOLD).startswith("I'm sorry - being screamed at in front of the whole team, over a typo, is")
    kept = first_reply("my boss keeps humiliating me")
    assert kept is not None and kept.startswith("I'm sorry - being treated like that is humiliating")
    assert "No one deserves that at work." in kept
    assert first_reply("my boss yelled at me") is None  # the model answers, guided
    assert "between your kid and your dignity" in cant_quit_reply("I can't afford to quit. I have a kid")
    assert "between your income and your dignity" in cant_quit_reply("I need this job")
    replies = [first_reply(TOLD) or "", PATTERN_REPLY, cant_quit_reply("kid"), DREAD_REPLY]
    assert not [r for r in replies if excuses(r) or find_tactics(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's not okay.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("mo", text, session_id="w")][-1].reply

        assert await say(TOLD) == first_reply(TOLD)
        assert await say("this is the third time this month. everyone just stares at their screens") == PATTERN_REPLY
        quit_ = "I can't afford to quit. I have a kid"
        assert await say(quit_) == cant_quit_reply(quit_)
        assert await say("I'm dreading going in tomorrow") == DREAD_REPLY
        llm.enqueue("He might be stressed. That's not okay.")
        assert await say("I just feel small") == "That's not okay."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
