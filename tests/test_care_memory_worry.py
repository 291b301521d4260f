"""Afraid for one's memory: taken seriously, a doctor gently encouraged, no "senior moment"
(``amity.care.memory_worry``).

Before, the default 1.5B answered "I keep forgetting things lately. yesterday I got lost driving home" with "That
sounds a bit tricky! How does it feel to lose your way?", and "I haven't told my kids, I don't want to worry them"
with "it's okay to not worry about things you don't want to worry about".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.memory_worry import (
    GUIDANCE,
    NOT_TELLING_REPLY,
    brushes_off,
    dementia_fear_reply,
    first_reply,
    worried_memory,
)
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I keep forgetting things lately", "my memory is getting worse", "yesterday I got lost driving home",
     "I forgot my grandson's name", "I'm scared it's dementia", "I'm worried I've got alzheimer's"],
)  # fmt: skip
def test_worry_about_ones_memory_is_found(text: str) -> None:
    assert worried_memory(text)


@pytest.mark.parametrize("text", ["I keep forgetting to water the plants", "we got lost in the woods on holiday"])
def test_everyday_forgetting_is_not(text: str) -> None:
    assert not worried_memory(text)


def test_the_answers() -> None:
    assert first_reply("yesterday I got lost driving home").startswith("That must have been frightening")
    assert "see your doctor" in first_reply("I keep forgetting things")
    assert "what it did to your mother" in dementia_fear_reply("I'm scared it's dementia. my mother had it")
    assert dementia_fear_reply("I'm scared it's dementia").startswith("Of course you're scared of that.")
    for sentence in ["That sounds a bit tricky!", "It's just a senior moment.", "It happens to everyone.",
                     "It's okay to not worry about things you don't want to worry about."]:  # fmt: skip
        assert brushes_off(sentence), sentence
    assert not brushes_off("That must be frightening.")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's a lot to hold.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("al", text, session_id="a")][-1].reply

        told = "I keep forgetting things lately. yesterday I got lost driving home"
        assert await say(told) == first_reply(told)
        fear = "I'm scared it's dementia. my mother had it"
        assert await say(fear) == dementia_fear_reply(fear)
        assert await say("I haven't told my kids, I don't want to worry them") == NOT_TELLING_REPLY
        llm.enqueue("It's just a senior moment. That's a lot to hold.")
        assert await say("I don't know") == "That's a lot to hold."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
