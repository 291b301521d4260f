"""A miscarriage: a real loss the right size, no "at least", the name honoured (``amity.care.pregnancy_loss``).

Before, the default 1.5B answered "we'd already picked a name" with "Oh, I see. Are you happy with your name?", and the
name itself, "Rosie", with "Rosie, how are you?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.pregnancy_loss import (
    AT_LEAST_REPLY,
    GUIDANCE,
    NAME_REPLY,
    first_reply,
    lost_pregnancy,
    minimises_loss,
    named_reply,
    partner_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["I had a miscarriage last week. I was 11 weeks", "we lost the baby at 20 weeks", "I miscarried on sunday",
     "I had an ectopic pregnancy"],
)  # fmt: skip
def test_a_pregnancy_loss_is_found(text: str) -> None:
    assert lost_pregnancy(text)


@pytest.mark.parametrize("text", ["my sister had a baby", "we lost the match", "I lost my baby teeth late"])
def test_other_messages_are_not(text: str) -> None:
    assert not lost_pregnancy(text)


@pytest.mark.parametrize(
    "sentence",
    ["At least it was early.", "You can always try again.", "Everything happens for a reason.",
     "Miscarriage is so common.", "Are you happy with your name?", "That's good news."],
)  # fmt: skip
def test_minimising_sentences_are_caught(sentence: str) -> None:
    assert minimises_loss(sentence)
    assert not minimises_loss("'At least it was early' is meant to comfort.")


def test_the_replies_follow_their_words() -> None:
    assert first_reply("I had a miscarriage last week. I was 11 weeks").startswith(
        "I'm so sorry for your loss. At 11 weeks you'd already begun imagining your baby's life"
    )
    assert "It doesn't always mean he feels nothing" in partner_reply("my husband seems fine")
    assert "It doesn't always mean they feel nothing" in partner_reply("my partner is acting normal")
    replies = [first_reply("miscarriage"), AT_LEAST_REPLY, NAME_REPLY, named_reply("Rosie"), partner_reply("husband")]
    assert not [r for r in replies if minimises_loss(r) or find_tactics(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="I'm so sorry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("liv", text, session_id="m")][-1].reply

        told = "I had a miscarriage last week. I was 11 weeks"
        assert await say(told) == first_reply(told)
        assert await say("people keep saying at least it was early") == AT_LEAST_REPLY
        assert await say("we'd already picked a name") == NAME_REPLY
        assert (
            await say("Rosie")
            == "Rosie. That's a beautiful name. Thank you for telling me - Rosie was real, and loved."
        )
        fine = "my husband seems fine and went back to work like nothing happened"
        assert await say(fine) == partner_reply(fine)
        llm.enqueue("At least you can try again. I'm so sorry.")
        assert await say("I just feel empty") == "I'm so sorry."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
