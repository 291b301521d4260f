"""When memory holds nothing, the reply is guided to say so: never a made-up memory."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.memory.facts import Fact
from amity.memory.unknown import unknown_memory
from tests.test_memory_facts_recall import say, start

NOW = datetime(2026, 11, 27, tzinfo=UTC)
MAYA = Fact("f_1", "sam", "Maya", "relation", "daughter", 0.9, None, "", NOW, NOW)
NAME = Fact("f_2", "sam", "user", "name", "Margaret", 0.9, None, "", NOW, NOW)
MOCHI = Fact("f_3", "sam", "Mochi", "relation", "puppy", 0.9, None, "", NOW, NOW)


@pytest.mark.parametrize(
    ("text", "facts", "unknown"),
    [
        ("Do you remember my daughter's name?", (), True),
        ("Do you remember my daughter's name?", (MAYA,), False),
        ("What's my sister's name?", (MAYA,), True),
        ("Do you know my name?", (), True),
        ("Do you know my name?", (NAME,), False),
        ("My name is Margaret.", (), False),  # telling, not asking
        ("What's my dog's name?", (MOCHI,), False),  # a puppy is a dog
        ("What's my cat's name?", (MOCHI,), True),
        ("What do you think of the name I picked for my cat?", (), False),
    ],
)
def test_names_never_told_are_not_pretended(text: str, facts: tuple[Fact, ...], unknown: bool) -> None:
    line = unknown_memory(text, facts, recalled=0)
    assert (line is not None) is unknown
    if line is not None and "'s name" in line:
        assert "never guess or pretend" in line


def test_remember_questions_with_nothing_recalled_get_an_honest_line() -> None:
    assert unknown_memory("Do you remember what I said about my trip?", (), recalled=0) is not None
    assert unknown_memory("Do you remember what I said about my trip?", (), recalled=2) is None
    assert unknown_memory("Did I tell you about the garden?", (), recalled=0) is not None
    assert unknown_memory("I remember the garden.", (), recalled=0) is None


async def test_the_memory_stage_guides_the_honest_answer(config: Config) -> None:
    llm = FakeLLM(default="I see.")
    app, _ = start(config, llm)
    await say(app, "My daughter lives in Canada, she calls on Sundays.", "s1")
    await say(app, "Do you remember my daughter's name?", "s1")
    assert "they have never told you it" in llm.last_system_prompt
    await say(app, "Her name is Anna. My daughter Anna is a nurse.", "s1")
    await say(app, "Do you remember my daughter's name?", "s1")
    assert "never told you" not in llm.last_system_prompt and "Anna is the user's daughter" in llm.last_system_prompt
    await app.aclose()


async def test_a_puppy_told_of_is_the_dog_asked_about(config: Config) -> None:
    llm = FakeLLM(default="Aww!")
    app, _ = start(config, llm)
    await say(app, "I got a puppy today!! His name is Mochi, he's a shiba", "s1")
    app, _ = start(config, llm)  # a restart
    await say(app, "What's my dog's name?", "s2")
    prompt = llm.last_system_prompt
    assert "Mochi is the user's puppy" in prompt and "never told you it" not in prompt
