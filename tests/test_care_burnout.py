"""Worn down by work: too much, not weakness; no hobbies, no "don't let it hold you back" (``amity.care.burnout``).

Before, the default 1.5B answered "I can't do this job anymore. I cry in the car before work every morning" with
"It's very tough when you can't do something you enjoy anymore. Have you tried any other hobbies or activities?",
and "I'm scared if I quit I won't find anything else" with "It's okay to feel scared, but don't let it hold you back."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.burnout import GUIDANCE, QUIT_FEAR_REPLY, first_reply, worn_down
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I can't do this job anymore", "I cry in the car before work every morning", "I cry at work",
     "I dread going to work every day", "I'm so burnt out", "my job is breaking me", "I hate my job so much"],
)  # fmt: skip
def test_being_worn_down_by_work_is_found(text: str) -> None:
    assert worn_down(text)


@pytest.mark.parametrize("text", ["I cried at the wedding", "I can't do this puzzle", "I love my job", "work was ok"])
def test_other_words_are_not(text: str) -> None:
    assert not worn_down(text)


def test_the_first_answer_names_the_crying_as_too_much() -> None:
    assert first_reply("I cry in the car before work every morning").startswith(
        "Crying before work every day - that's your body telling you this has become too much, not a sign"
    )
    assert first_reply("I'm so burnt out").startswith("That sounds exhausting")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds like so much.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("jo", text, session_id="j")][-1].reply

        told = "I can't do this job anymore. I cry in the car before work every morning"
        assert await say(told) == first_reply(told)
        llm.enqueue("What can you do to help yourself manage your workload? That sounds like so much.")
        assert await say("my boss keeps piling more on and I can't say no") == "That sounds like so much."
        assert GUIDANCE in llm.last_system_prompt
        assert await say("I'm scared if I quit I won't find anything else") == QUIT_FEAR_REPLY
    finally:
        await app.aclose()
