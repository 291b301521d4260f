"""A breakup, fresh: the loss met, no "you'll find someone better" (``amity.care.breakup``).

Before, the default 1.5B answered "my girlfriend broke up with me last night. we were together four years" with "That's
a very sad day for you. Are you feeling sad or just tired?", and "everyone says I'll find someone better" with "That's
true - there are many wonderful people out there who could be your new partner."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.breakup import (
    GUIDANCE,
    BreakupStage,
    better_reply,
    breakup,
    fell_out_reply,
    first_reply,
    miss_reply,
    numb_reply,
    someone_better,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

FOUR = "my girlfriend broke up with me last night. we were together four years"


@pytest.mark.parametrize(
    "text", [FOUR, "we broke up", "I got dumped today", "he dumped me", "my bf ended things",
             "she broke up with me after 3 years together"],
)  # fmt: skip
def test_a_breakup_is_found(text: str) -> None:
    assert breakup(text)


@pytest.mark.parametrize("text", ["my wife left me", "we broke up years ago", "if she broke up with me I'd be lost"])
def test_a_marriage_the_past_and_a_hypothetical_are_not_this_theme(text: str) -> None:
    assert not breakup(text)


def test_the_first_reply_names_how_long_and_when() -> None:
    assert first_reply(FOUR) == (
        "I'm so sorry. Four years together, and it ended last night - that's a huge loss, and it's still so raw. How "
        "are you doing right now?"
    )
    assert first_reply("I got dumped today") == (
        "I'm so sorry. A breakup hurts so much, and this one is so fresh. How are you doing right now?"
    )
    stage = BreakupStage()
    assert stage.first_reply("we broke up and honestly I'm relieved") is None
    assert stage.first_reply("my boyfriend dumped me. should I text him?") is None


def test_later_answers_use_the_exs_pronouns() -> None:
    stage = BreakupStage()
    assert stage.later_replies("she said she fell out of love", [FOUR]) == [fell_out_reply([])]
    assert stage.later_replies("numb I guess", [FOUR]) == [numb_reply([])]
    better = "everyone says I'll find someone better"
    assert stage.later_replies(better, [FOUR]) == [better_reply([better, FOUR])]
    assert "where you loved her and lost her" in better_reply([better, FOUR])
    assert miss_reply(["i miss him so much", "he dumped me"]).startswith("Of course you miss him.")


@pytest.mark.parametrize(
    "sentence",
    ["That's true - there are many wonderful people out there who could be your new partner.",
     "You'll find someone better.", "There are plenty of fish in the sea!", "It's time to move on.",
     "You're better off without her.", "It's her loss.", "Are you feeling sad or just tired?",
     "It's important to remember that we all have our ups and downs."],
)  # fmt: skip
def test_someone_better_talk_is_caught(sentence: str) -> None:
    assert someone_better(sentence)


def test_no_fixed_reply_says_someone_better_manipulates_or_advises() -> None:
    told = ["everyone says I'll find someone better", FOUR]
    replies = [
        first_reply(FOUR),
        first_reply("we broke up"),
        fell_out_reply(told),
        better_reply(told),
        miss_reply(told),
    ]
    assert not [r for r in replies if someone_better(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("max", text, session_id="c")][-1].reply

        assert await say(FOUR) == first_reply(FOUR)
        assert await say("she said she fell out of love") == fell_out_reply([])
        better = "everyone says I'll find someone better"
        assert await say(better) == better_reply([better, FOUR])
        llm.enqueue("Plenty of fish in the sea! What did you do today?")
        assert await say("I stayed in bed all day") == "What did you do today?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
