"""Moving someone they love into a care home: care, not abandonment (``amity.care.care_home``).

Before, the default 1.5B answered "I have to move my mum into a care home and I feel like I'm abandoning her" with "It
can be tough to say goodbye to your loved ones, especially when you have to make a big decision. What are you thinking
about next?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.care_home import (
    GUIDANCE,
    CareHomeStage,
    first_reply,
    guilt_reply,
    moving_into_care,
    reason_reply,
    says_goodbye,
    settling_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["I have to move my mum into a care home and I feel like I'm abandoning her",
     "we had to put my dad in a nursing home last week", "my nan went into a care home on monday",
     "my parents moved into assisted living"],
)  # fmt: skip
def test_a_move_into_care_is_found(text: str) -> None:
    assert moving_into_care(text)


@pytest.mark.parametrize(
    "text", ["if we move my dad into a home", "I put my keys in the home office", "my mum is home"]
)
def test_other_messages_are_not_this_theme(text: str) -> None:
    assert not moving_into_care(text)


def test_the_first_reply_needs_a_hurt_and_names_guilt_only_when_said() -> None:
    stage = CareHomeStage()
    abandoning = stage.first_reply("I have to move my mum into a care home and I feel like I'm abandoning her")
    assert abandoning is not None and abandoning.startswith("That's one of the hardest decisions there is.")
    assert "not leaving her - and the guilt you feel comes from how much you love her." in abandoning
    awful = stage.first_reply("we had to put my dad in a nursing home last week. it was awful")
    assert awful is not None and "not leaving him. How are you holding up?" in awful and "guilt" not in awful
    assert stage.first_reply("my parents moved into assisted living") is None  # maybe their own happy choice
    assert stage.first_reply("I have to move my mum into a care home. which one should I pick? it's so hard") is None


@pytest.mark.parametrize(
    "sentence",
    ["It can be tough to say goodbye to your loved ones.", "You're not abandoning her.", "She'll get used to it.",
     "At least she's safe now.", "Old people's homes can be nice."],
)  # fmt: skip
def test_goodbye_talk_is_caught(sentence: str) -> None:
    assert says_goodbye(sentence)
    assert not says_goodbye("How was your visit today?")


def test_no_fixed_reply_says_goodbye_or_advises() -> None:
    told = ["I have to move my mum into a care home and I feel like I'm abandoning her"]
    replies = [first_reply(told[0]), reason_reply(told), settling_reply(told), guilt_reply(told)]
    assert not [r for r in replies if says_goodbye(r) or find_tactics(r) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("jan", text, session_id="c")][-1].reply

        told = "I have to move my mum into a care home and I feel like I'm abandoning her"
        assert await say(told) == first_reply(told)
        why = "she has dementia and she keeps wandering at night. I can't keep her safe"
        assert await say(why) == reason_reply([why, told])
        begged = "on the first day she begged me to take her home"
        assert await say(begged) == settling_reply([begged, told])
        guilty = "I just feel so guilty all the time"
        assert await say(guilty) == guilt_reply([guilty, told])
        llm.enqueue("It can be tough to say goodbye. How was she when you visited?")
        assert await say("I visited again today") == "How was she when you visited?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
