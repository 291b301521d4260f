"""A job they wanted went to someone else: the sting met, no shrug, no push (``amity.care.job_rejection``).

Before, the default 1.5B answered "I didn't get the job. I made it to the final round and they picked someone else"
with "that's how things work sometimes", "honestly pretty crushed" with "after a significant failure. Do you have any
ideas about how to move forward?", and "I've applied to like 60 places this year" with "Have you decided which one to
apply to next?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.job_rejection import (
    GUIDANCE,
    JobRejectionStage,
    crushed_reply,
    first_reply,
    hoped_reply,
    job_rejection,
    many_reply,
    shrugs,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

FINAL = "I didn't get the job. I made it to the final round and they picked someone else"


@pytest.mark.parametrize(
    "text", [FINAL, "I got rejected for my dream job", "another rejection email today", "I didn't get the promotion"]
)
def test_a_rejection_is_found(text: str) -> None:
    assert job_rejection(text)


@pytest.mark.parametrize(
    "text",
    ["I got laid off and didn't get the job", "my sister didn't get the job", "they offered it and I turned it down"],
)
def test_a_lost_job_someone_elses_and_hope_are_not_this_theme(text: str) -> None:
    assert not job_rejection(text)


def test_the_first_reply_is_sharper_after_a_final_round() -> None:
    assert first_reply(FINAL).startswith("I'm sorry. Getting all the way to the final round and then hearing no")
    assert first_reply("another rejection email today") == (
        "I'm sorry. That no really stings, especially when you'd let yourself hope. How are you feeling about it?"
    )
    assert JobRejectionStage().first_reply("I didn't get the job. should I ask for feedback?") is None


def test_later_answers() -> None:
    stage = JobRejectionStage()
    assert stage.later_replies("honestly pretty crushed", [FINAL]) == [crushed_reply(["honestly pretty crushed"])]
    assert crushed_reply(["honestly pretty crushed"]).startswith("Crushed makes sense")
    assert stage.later_replies("I really thought this was the one", [FINAL]) == [hoped_reply([])]
    assert stage.later_replies("it was for a design role I really wanted", [FINAL]) == [hoped_reply([])]
    many = "I've applied to like 60 places this year"
    assert stage.later_replies(many, [FINAL]) == [many_reply([many])]
    assert many_reply([many]).startswith("60 applications - that's a huge amount of effort")


@pytest.mark.parametrize(
    "sentence",
    ["It's tough, but that's how things work sometimes.", "Everything happens for a reason.", "It's their loss!",
     "Have you decided which one to apply to next?", "Don't give up!", "Maybe ask them for feedback.",
     "It's not uncommon to feel that way after a significant failure.", "Do you have any ideas about how to move "
     "forward?", "Did you get it right?", "It's important not to take it personally."],
)  # fmt: skip
def test_shrugs_and_pushes_are_caught(sentence: str) -> None:
    assert shrugs(sentence)


def test_no_fixed_reply_shrugs_manipulates_or_advises() -> None:
    replies = [first_reply(FINAL), first_reply("another rejection email"), crushed_reply(["gutted"]), hoped_reply([]),
               many_reply(["I've applied to like 60 places"])]  # fmt: skip
    assert not [r for r in replies if shrugs(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ola", text, session_id="c")][-1].reply

        assert await say(FINAL) == first_reply(FINAL)
        assert await say("honestly pretty crushed") == crushed_reply(["honestly pretty crushed"])
        assert await say("I really thought this was the one") == hoped_reply([])
        llm.enqueue("Keep applying! What kind of role was it?")
        assert await say("it was a design role at a small studio") == "What kind of role was it?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
