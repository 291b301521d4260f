"""Feeling like a fraud: the fear of being found out heard, no "that's great!" (``amity.care.impostor``).

Before, the default 1.5B answered "i got promoted and i feel like a total fraud" with "Oh, that's great! It's always
exciting to hear you're making progress", and "any day now they'll realise i have no idea what i'm doing" with "That's
very kind of you to say. It's always exciting when people start to understand their own limitations."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.impostor import (
    FIRST_REPLY,
    FOUND_OUT_REPLY,
    GUIDANCE,
    LUCK_REPLY,
    OTHERS_REPLY,
    ImpostorStage,
    cheers,
    feels_a_fraud,
    first_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["i got promoted and i feel like a total fraud", "I have such bad imposter syndrome",
     "I don't deserve this promotion", "any day now they'll realise i have no idea what i'm doing",
     "i only got the job by luck",
     "starting my phd and i feel like an impostor"],
)  # fmt: skip
def test_feeling_a_fraud_is_found(text: str) -> None:
    assert feels_a_fraud(text)


@pytest.mark.parametrize(
    "text",
    ["he's such a fraud", "that email was a fake", "i don't deserve this", "my boss is a fraud",
     "they'll realise it's my birthday", "I faked being sick"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not feels_a_fraud(text)


def test_the_first_reply_names_what_is_new() -> None:
    assert first_reply("i got promoted and i feel like a total fraud").startswith(
        "Getting promoted and feeling like a fraud at the same time"
    )
    assert first_reply("starting my phd and i feel like an impostor").startswith("Getting somewhere new")
    assert first_reply("I have such bad imposter syndrome").startswith("Feeling like a fraud, and waiting")
    assert ImpostorStage().first_reply("I feel like a fraud at work, how do I stop?") is None


@pytest.mark.parametrize(
    "sentence",
    ["Oh, that's great!", "It's always exciting to hear you're making progress.", "Congratulations on the promotion!",
     "Fake it till you make it.", "Just believe in yourself.",
     "It's always exciting when people start to understand their own limitations.",
     "That's very kind of you to say."],
)  # fmt: skip
def test_cheering_and_slogans_are_caught(sentence: str) -> None:
    assert cheers(sentence)
    assert not cheers("That fear sounds exhausting.")


def test_no_fixed_reply_cheers_or_advises() -> None:
    replies = [first_reply("i got promoted and i feel like a fraud"), first_reply("imposter syndrome"), FOUND_OUT_REPLY,
               LUCK_REPLY, OTHERS_REPLY, FIRST_REPLY]  # fmt: skip
    assert not [r for r in replies if cheers(r) or find_tactics(r) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That fear sounds exhausting.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ria", text, session_id="i")][-1].reply

        told = "i got promoted and i feel like a total fraud"
        assert await say(told) == first_reply(told)
        assert await say("any day now they'll realise i have no idea what i'm doing") == FOUND_OUT_REPLY
        assert await say("honestly it was just luck") == LUCK_REPLY
        assert await say("everyone else in the meetings knows what they're doing") == OTHERS_REPLY
        assert await say("i have my first meeting as manager tomorrow and i feel sick") == FIRST_REPLY
        llm.enqueue("Congratulations again! That fear sounds exhausting.")
        assert await say("i just feel so alone with it") == "That fear sounds exhausting."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
