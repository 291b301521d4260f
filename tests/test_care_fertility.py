"""Trying for a baby that doesn't come: no "just relax", no congratulations on others' news (``amity.care.fertility``).

Before, the default 1.5B answered "another negative test this morning. we've been trying for two years" with "it's
wonderful that you're trying so hard", and "my sister just announced she's pregnant… I cried in the bathroom" with
"That's wonderful news! Congratulations to your sister."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.fertility import (
    BROKEN_REPLY,
    GUIDANCE,
    JUST_RELAX_REPLY,
    first_reply,
    hurts,
    their_news_reply,
    trying_without_luck,
)
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.text import sentences


@pytest.mark.parametrize(
    "text",
    ["another negative test this morning. we've been trying for two years", "our second round of IVF failed",
     "I can't get pregnant", "we've been trying to conceive for 18 months", "another negative pregnancy test",
     "the transfer didn't work"],
)  # fmt: skip
def test_trying_without_success_is_found(text: str) -> None:
    assert trying_without_luck(text)


@pytest.mark.parametrize(
    "text",
    ["another negative covid test, finally", "we've been trying to sell the house for a year",
     "I've been trying for two years to learn piano", "my sister is pregnant!"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not trying_without_luck(text)


@pytest.mark.parametrize(
    "sentence",
    ["Just relax and it will happen.", "Congratulations on your sister's pregnancy!", "That's wonderful news!",
     "Have you considered adoption?", "Don't give up, keep trying.", "It's meant to be, in time.",
     "Sometimes things just take a little longer than we expect."],
)  # fmt: skip
def test_hurtful_sentences_are_caught(sentence: str) -> None:
    assert hurts(sentence)
    assert not hurts("That sounds so hard.")


def test_the_fixed_replies_use_their_words_and_survive_the_guard() -> None:
    assert "after two years of hoping" in first_reply("we've been trying for two years")
    assert "after so much hoping" in first_reply("our IVF failed")
    sister = their_news_reply("my sister just announced she's pregnant. I cried in the bathroom")
    assert "love your sister and be happy for her" in sister and "her news pressed" in sister
    friend = their_news_reply("my best friend is expecting")
    assert "be happy for them" in friend and "Crying" not in friend
    replies = [first_reply("trying for a year"), sister, friend, JUST_RELAX_REPLY, BROKEN_REPLY]
    assert not [s for reply in replies for s in sentences(reply) if hurts(s)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("mia", text, session_id="f")][-1].reply

        negative = "another negative test this morning. we've been trying for two years"
        assert await say(negative) == first_reply(negative)
        news = "my sister just announced she's pregnant. I'm happy for her but I cried in the bathroom"
        assert await say(news) == their_news_reply(news)
        assert await say("everyone keeps telling me to just relax and it'll happen") == JUST_RELAX_REPLY
        assert await say("I feel like my body is broken") == BROKEN_REPLY
        llm.enqueue("Congratulations to your sister! That sounds so hard.")
        assert await say("my husband doesn't really get it") == "That sounds so hard."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
