"""Laid off: the loss heard, no "other opportunities", the telling at home and the age fear met
(``amity.care.job_loss``).

Before, the default 1.5B answered "I got laid off today. 14 years at that company…" with "remember that you have other
opportunities", and "I'm 52. who is going to hire me now" with "You're still young… with persistence and hard work".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.job_loss import (
    CAR_REPLY,
    GUIDANCE,
    age_reply,
    first_reply,
    lost_job,
    not_told_reply,
    silver_lining,
)
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I got laid off today", "I was made redundant", "they let me go this morning", "I lost my job",
     "my position was eliminated", "I just got fired"],
)  # fmt: skip
def test_a_lost_job_is_found(text: str) -> None:
    assert lost_job(text)


@pytest.mark.parametrize("text", ["they laid off half my team but I'm safe", "I fired up the grill", "I lost my keys"])
def test_other_messages_are_not(text: str) -> None:
    assert not lost_job(text)


@pytest.mark.parametrize(
    "sentence",
    ["Remember that you have other opportunities.", "You're still young.",
     "With persistence and hard work you'll get there.", "It could be a blessing in disguise.",
     "Maybe update your CV tonight.", "It's okay to take breaks from the work."],
)  # fmt: skip
def test_silver_linings_are_caught(sentence: str) -> None:
    assert silver_lining(sentence)
    assert not silver_lining("That's a real loss.")


def test_the_replies_use_their_words() -> None:
    told = "I got laid off today. 14 years at that company and they gave me a 10 minute meeting"
    assert first_reply(told).startswith("I'm so sorry. 14 years - and it ended like that.")
    assert first_reply("I lost my job").startswith("I'm so sorry. That's a shock")
    assert "14 years of doing the work is experience" in age_reply(["I'm 52", told])
    wife = not_told_reply("I haven't told my wife yet")
    assert wife is not None and "telling her" in wife and "She'd likely rather hear it from you" in wife
    assert not_told_reply("I'm fine") is None


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's a real loss.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("dan", text, session_id="j")][-1].reply

        told = "I got laid off today. 14 years at that company and they gave me a 10 minute meeting"
        assert await say(told) == first_reply(told)
        assert await say("I'm 52. who is going to hire me now") == age_reply([told])
        assert await say("I haven't told my wife yet. she's going to panic about the mortgage") == not_told_reply(
            "I haven't told my wife"
        )
        assert await say("I just keep sitting in the car outside the house") == CAR_REPLY
        llm.enqueue("You're still young, there are other opportunities. That's a real loss.")
        assert await say("it just doesn't feel real") == "That's a real loss."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
