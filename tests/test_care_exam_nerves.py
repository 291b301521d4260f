"""Nerves before a test that matters: met, no promises, no tips (``amity.care.exam_nerves``).

Before, the default 1.5B answered "my driving test is tomorrow and I'm so nervous I feel sick" with "Don't worry",
"I failed it twice already" with "you have many opportunities to improve. What will you do next?", and "my whole family
will know if I fail again" with "Let's talk about some things that make you happy and strong."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.exam_nerves import (
    GUIDANCE,
    ExamNervesStage,
    exam_nerves,
    failed_before_reply,
    first_reply,
    others_know_reply,
    promises,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

DRIVING = "my driving test is tomorrow and I'm so nervous I feel sick"


@pytest.mark.parametrize(
    "text",
    [DRIVING, "I have a job interview in an hour and I'm shaking", "my final exam is on Monday and I'm dreading it",
     "I have exams next week and I'm panicking", "I've got an interview tomorrow and I'm terrified"],
)  # fmt: skip
def test_nerves_before_a_test_are_found(text: str) -> None:
    assert exam_nerves(text)


@pytest.mark.parametrize(
    "text",
    ["my driving test is tomorrow", "my son has an exam tomorrow and he's nervous", "I'm nervous about tomorrow"],
)
def test_no_nerves_someone_elses_test_and_no_test_are_not_this_theme(text: str) -> None:
    assert not exam_nerves(text)


def test_the_first_reply_names_the_test_and_when() -> None:
    assert first_reply(DRIVING) == (
        "A driving test tomorrow, and nerves so strong you feel sick - that's so hard to sit with. Nerves like that "
        "usually mean it really matters to you. What's the part you're dreading most?"
    )
    assert first_reply("my final exam is on Monday and I'm dreading it").startswith("A final exam on Monday, and")
    assert first_reply("I have an audition tonight and I'm terrified").startswith("An audition tonight")
    assert ExamNervesStage().first_reply("my exam is tomorrow and I'm panicking. how should I revise?") is None


def test_later_answers_name_the_test() -> None:
    stage = ExamNervesStage()
    twice = "I failed it twice already"
    assert stage.later_replies(twice, [DRIVING]) == [failed_before_reply([twice, DRIVING])]
    assert "failing a driving test before doesn't decide how this one goes" in failed_before_reply([twice, DRIVING])
    know = "my whole family will know if I fail again"
    assert stage.later_replies(know, [DRIVING]) == [others_know_reply([know, DRIVING])]


@pytest.mark.parametrize(
    "sentence",
    ["Don't worry, I understand how that can feel.", "You'll do great!", "You've got this!",
     "Remember, you have many opportunities to improve.", "What will you do next?",
     "Let's talk about some things that make you happy and strong."],
)  # fmt: skip
def test_promises_and_pushes_are_caught(sentence: str) -> None:
    assert promises(sentence)


def test_no_fixed_reply_promises_manipulates_or_advises() -> None:
    told = ["my whole family will know if I fail again", "I failed it twice already", DRIVING]
    replies = [first_reply(DRIVING), failed_before_reply(told), others_know_reply(told)]
    assert not [r for r in replies if promises(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ben", text, session_id="c")][-1].reply

        assert await say(DRIVING) == first_reply(DRIVING)
        twice = "I failed it twice already"
        assert await say(twice) == failed_before_reply([twice, DRIVING])
        llm.enqueue("Don't worry, you'll pass! Is it an automatic or a manual?")
        assert await say("the roundabouts mostly") == "Is it an automatic or a manual?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
