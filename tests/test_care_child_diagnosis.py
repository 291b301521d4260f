"""A child's diagnosis: not a tragedy, not the parent's doing (``amity.care.child_diagnosis``).

Before, the default 1.5B answered "My son was diagnosed with autism today" with "Oh no, that must be a very difficult
time for you", "I keep wondering if it's something I did" with "That's a good question - sometimes we do things out of
habit or impulse. What do you think might be behind it?", and "my mother-in-law says he just needs more discipline"
with "Do you think it's something you can work on together?".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.child_diagnosis import (
    GUIDANCE,
    ChildDiagnosisStage,
    cause_reply,
    diagnosed,
    doubters_reply,
    first_reply,
    future_reply,
    relief_reply,
    tragic,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["My son was diagnosed with autism today", "my daughter has just been diagnosed with ADHD",
     "we got the autism diagnosis yesterday", "the paediatrician said he has dyslexia",
     "my twins were diagnosed with ASD"],
)  # fmt: skip
def test_a_childs_diagnosis_is_found(text: str) -> None:
    assert diagnosed(text)


@pytest.mark.parametrize(
    "text",
    ["my son is autistic and nonverbal", "if my son was diagnosed with autism I would cope", "I have ADHD",
     "my son was diagnosed with flu"],
)  # fmt: skip
def test_other_messages_are_not_this_theme(text: str) -> None:
    assert not diagnosed(text)


def test_the_first_reply_makes_room_and_keeps_the_child_the_same() -> None:
    said = first_reply("My son was diagnosed with autism today")
    assert said.startswith("That's a big day.") and "He's still exactly who he was yesterday" in said
    assert "They're still exactly who they were yesterday" in first_reply("we got the autism diagnosis yesterday")
    assert ChildDiagnosisStage().first_reply("my son was diagnosed with autism. what should I do now?") is None


def test_the_cause_reply_is_true_to_the_condition() -> None:
    autism = cause_reply(["did I cause this?", "My son was diagnosed with autism today"])
    assert "it isn't caused by vaccines" in autism and "part of how he was born" in autism
    adhd = cause_reply(["is it my fault?", "my daughter has just been diagnosed with ADHD"])
    assert adhd.startswith("It isn't something you did. ADHD isn't caused by parenting") and "vaccines" not in adhd


@pytest.mark.parametrize(
    "sentence",
    ["Oh no, that must be a very difficult time for you.", "I'm sorry to hear that.",
     "It's a very serious diagnosis that can affect a child's life.", "Many children suffer from autism.",
     "There's no cure, but", "What do you think might be behind it?", "Maybe he does need more discipline.",
     "Do you think it's something you can work on together?"],
)  # fmt: skip
def test_tragedy_talk_is_caught(sentence: str) -> None:
    assert tragic(sentence)
    assert not tragic("How are you doing with it?")


def test_no_fixed_reply_is_tragic_or_advises() -> None:
    told = ["My son was diagnosed with autism today"]
    replies = [first_reply(told[0]), cause_reply(told), cause_reply(["my daughter was diagnosed with dyslexia"]),
               doubters_reply(told), future_reply(told), relief_reply(told)]  # fmt: skip
    assert not [r for r in replies if tragic(r) or find_tactics(r) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's a lot to take in.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("pat", text, session_id="d")][-1].reply

        told = "My son was diagnosed with autism today"
        assert await say(told) == first_reply(told)
        relief = "honestly I'm relieved. and guilty for being relieved"
        assert await say(relief) == relief_reply([relief, told])
        cause = "I keep wondering if it's something I did"
        assert await say(cause) == cause_reply([cause, told])
        doubt = "my mother-in-law says he just needs more discipline"
        assert await say(doubt) == doubters_reply([doubt, told])
        assert "You know him." in doubters_reply([doubt, told])
        future = "I'm scared about his future"
        assert await say(future) == future_reply([future, told])
        llm.enqueue("Oh no, I'm sorry to hear that. What does he love doing?")
        assert await say("he lines up his cars every morning") == "What does he love doing?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
