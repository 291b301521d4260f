"""A close friend gone silent: the hurt named, the search for one's fault eased (``amity.care.friend_silence``).

Before, the default 1.5B answered "my best friend hasn't replied to me in three weeks. she's posting on instagram" with
"That's good to hear. It's nice that she's checking in on you.", and "we've been friends since we were 12" with
"That's amazing!"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.friend_silence import (
    GUIDANCE,
    REREAD_REPLY,
    first_reply,
    friend_went_silent,
    long_friend_reply,
    misreads,
    text_again_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["my best friend hasn't replied to me in three weeks", "I think she's ghosting me", "he left me on read again",
     "my friend stopped talking to me"],
)  # fmt: skip
def test_a_friend_gone_silent_is_found(text: str) -> None:
    assert friend_went_silent(text)


@pytest.mark.parametrize(
    "text",
    ["my friend replied straight away", "the ghost story was scary", "I read the message",
     "a girl from tinder ghosted me after our date"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not friend_went_silent(text)


@pytest.mark.parametrize(
    "sentence",
    ["That's good to hear.", "It's nice that she's checking in on you.", "She might be on vacation.",
     "That's amazing! What do you two do together?", "Don't take it personally."],
)  # fmt: skip
def test_misreadings_are_caught(sentence: str) -> None:
    assert misreads(sentence)
    assert not misreads("That silence sounds so painful.")


def test_the_replies_follow_their_words() -> None:
    told = "my best friend hasn't replied to me in three weeks. she's posting on instagram so I know she's fine"
    assert first_reply(told).startswith("Three weeks of silence from a close friend, while she's posting - ")
    again = text_again_reply(["should I text her again", "we've been friends since we were 12"])
    assert "a friend of so many years" in again and "the next move is hers. Whatever she does" in again
    assert "the next move is theirs. Whatever they do" in text_again_reply(["should I text them"])
    assert long_friend_reply("we've been friends since we were 12").startswith("Since you were 12 - ")
    replies = [first_reply(told), REREAD_REPLY, again, long_friend_reply("friends for 20 years")]
    assert not [r for r in replies if misreads(r) or find_tactics(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That silence sounds so painful.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ivy", text, session_id="f")][-1].reply

        told = "my best friend hasn't replied to me in three weeks. she's posting on instagram so I know she's fine"
        assert await say(told) == first_reply(told)
        assert await say("I keep rereading our last messages trying to figure out what I did wrong") == REREAD_REPLY
        ask = "should I text her again or is that desperate"
        assert await say(ask) == text_again_reply([ask, told])
        assert await say("we've been friends since we were 12") == long_friend_reply("friends since we were 12")
        llm.enqueue("That's amazing! That silence sounds so painful.")
        assert await say("I miss her") == "That silence sounds so painful."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
