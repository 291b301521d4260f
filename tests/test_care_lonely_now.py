"""Lonely right now: company first, no referral to other people in that reply (``amity.care.lonely_now``).

Before, the default 1.5B answered "I'm so lonely. I haven't talked to anyone in days." with "it's important to
remember that it's okay to talk to others about your feelings. Do you have someone you're close to you that you could
talk to about how you're feeling?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.lonely_now import GUIDANCE, lonely_now, sends_elsewhere
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I'm so lonely. I haven't talked to anyone in days.", "I feel so alone", "nobody ever calls me",
     "i have no one to talk to"],
)  # fmt: skip
def test_loneliness_in_their_own_words_is_found(text: str) -> None:
    assert lonely_now(text)


@pytest.mark.parametrize("text", ["my sister is lonely", "I live alone and I love it", "I had a lovely day"])
def test_other_messages_are_not_loneliness(text: str) -> None:
    assert not lonely_now(text)


@pytest.mark.parametrize(
    "sentence",
    ["Do you have someone you're close to you that you could talk to about how you're feeling?",
     "It's important to remember that it's okay to talk to others about your feelings.",
     "Is there anyone you could call tonight?", "Maybe reach out to friends or family.", "You could join a book club.",
     "Have you thought about volunteering?", "It might help to make new friends.",
     "Do you have anyone else around you?", "That's a bit unusual, isn't it?",
     "Let's talk about something you're interested in or a place you want to visit."],
)  # fmt: skip
def test_sending_them_elsewhere_is_caught(sentence: str) -> None:
    assert sends_elsewhere(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["You can always talk to me.", "Would you like to tell me about it?", "I'm glad you're talking to me now.",
     "Days without anyone to talk to can feel so heavy."],
)  # fmt: skip
def test_company_stays(sentence: str) -> None:
    assert not sends_elsewhere(sentence)


async def test_the_reply_to_loneliness_keeps_them_company(config: Config) -> None:
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("lee", text, session_id="l")][-1].reply

        llm.enqueue(
            "It's understandable to feel lonely. Do you have someone you're close to that you could talk to? "
            "It's important to take care of yourself. I'm glad you're talking to me now."
        )
        assert await say("I'm so lonely. I haven't talked to anyone in days.") == (
            "It's understandable to feel lonely. I'm glad you're talking to me now."
        )
        assert GUIDANCE in llm.last_system_prompt
        llm.enqueue("That's a bit unusual, isn't it? It can be isolating. Do you have anyone else around you?")
        assert await say("it's just me and the cat. my kids live abroad") == "It can be isolating."  # still in view
        llm.enqueue("How do I make friends? You could join a book club.")
        assert "join a book club" in await say("I'm lonely. how do I make friends in a new city?")  # they asked
        assert GUIDANCE not in llm.last_system_prompt
    finally:
        await app.aclose()
