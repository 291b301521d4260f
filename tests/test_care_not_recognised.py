"""Not known by someone with dementia: grief while they're still here, no lecture (``amity.care.not_recognised``).

Before, the default 1.5B answered "my dad didn't recognise me today" with "It must hurt for your dad to not recognize
you. How is he doing?", and "he has dementia. he asked me who i was" with "It must feel difficult to recognize your own
identity. Is there anything you can tell me about how you think about yourself?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.not_recognised import (
    AFTER_VISIT_REPLY,
    GUIDANCE,
    NotRecognisedStage,
    asked_who_reply,
    before_reply,
    correct_reply,
    first_reply,
    lectures,
    not_recognised,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["my dad didn't recognise me today", "he has dementia. he asked me who i was",
     "some days she doesn't know who I am", "my mum has dementia and called me by my aunt's name"],
)  # fmt: skip
def test_being_forgotten_is_found(text: str) -> None:
    assert not_recognised(text)


@pytest.mark.parametrize(
    "text", ["my mum has dementia", "my crush doesn't know me", "my mum didn't recognise me today with my new haircut"]
)
def test_other_messages_are_not(text: str) -> None:
    assert not not_recognised(text)


def test_the_first_reply_names_who_and_when() -> None:
    assert first_reply("my dad didn't recognise me today").startswith(
        "That must have hurt so much. Not being known by your dad is a loss that happens while he's still here"
    )
    assert first_reply("my dad didn't recognise me today").endswith("How are you doing after today?")
    assert first_reply("some days she doesn't know who I am").endswith("How are you holding up?")
    assert NotRecognisedStage().first_reply("my mum doesn't know me anymore, what should i do?") is None


@pytest.mark.parametrize(
    "sentence",
    ["It's important to remember that dementia is a progressive condition.",
     "It must feel difficult to recognize your own identity.", "How is he doing?",
     "At least she's still here.", "It sounds like he is having trouble recognizing your face."],
)  # fmt: skip
def test_lectures_are_caught(sentence: str) -> None:
    assert lectures(sentence)
    assert not lectures("That must have been so painful.")


def test_no_fixed_reply_lectures_and_only_the_asked_one_advises() -> None:
    told = ["my dad didn't recognise me today"]
    replies = [first_reply(told[0]), before_reply(told), AFTER_VISIT_REPLY, asked_who_reply(told)]
    assert not [r for r in replies if lectures(r) or find_tactics(r) or gives_advice(r)]
    assert not lectures(correct_reply(told)) and '"I\'m someone who loves you very much."' in correct_reply(told)
    assert "where his mind is" in correct_reply(told)


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That must have been so painful.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("eve", text, session_id="n")][-1].reply

        told = "my dad didn't recognise me today"
        assert await say(told) == first_reply(told)
        who = "he has dementia. he asked me who i was"
        assert await say(who) == asked_who_reply([who, told])
        assert asked_who_reply([who, told]).startswith("Hearing your own dad ask who you are")
        aunt = "she called me by my aunt's name"
        assert NotRecognisedStage().later_replies(aunt, ["my mum didn't recognise me today"]) == [
            asked_who_reply([aunt, "my mum didn't recognise me today"], "mistake you for someone else")
        ]
        assert await say("should i correct him or just play along?") == correct_reply([told])
        taught = "he was the one who taught me to drive"
        assert await say(taught) == before_reply([taught, told])
        assert await say("i cried in the car after the visit") == AFTER_VISIT_REPLY
        llm.enqueue("Dementia is a progressive condition. That must have been so painful.")
        assert await say("i go back on sunday") == "That must have been so painful."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
