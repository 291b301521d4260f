"""A parent who snapped at their children: guilt answered, repair named, tiredness heard (``amity.care.parenting``).

Before, the default 1.5B answered "I yelled at my kids today and I feel like a terrible mother" with "It's important
to remember that it's okay to feel this way… talk about it with someone you trust", and "I'm always so tired, I work
two jobs" with "It's important to prioritize your well-being and make sure you get enough sleep."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.parenting import GUIDANCE, guilt_reply, in_view, snapped, stretched_reply
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I yelled at my kids today", "I snapped at my son", "I lost my temper with my daughter", "I shouted at the baby",
     "I lost it with my 4-year-old this morning", "I just screamed at the children"],
)  # fmt: skip
def test_snapping_at_children_is_found(text: str) -> None:
    assert snapped(text)


@pytest.mark.parametrize(
    "text", ["I yelled at my boss", "my son yelled at me", "I shouted at the TV", "I snapped a photo of my kids"]
)
def test_other_shouting_is_not(text: str) -> None:
    assert not snapped(text)


def test_the_first_answer_fits_the_parent() -> None:
    mother = guilt_reply("I yelled at my kids today and I feel like a terrible mother")
    assert mother.startswith("Losing your temper on a hard day doesn't make you a terrible mother.")
    assert "I was tired, and it wasn't your fault." in mother
    assert "terrible dad" in guilt_reply("I'm a bad dad, I shouted at my son")
    assert "terrible parent" in guilt_reply("I snapped at my daughter")
    assert "love you" not in mother  # the manipulation guard drops a companion's "I love you", even quoted


def test_the_load_is_named_from_their_words() -> None:
    jobs = stretched_reply("I'm always so tired, I work two jobs")
    assert jobs is not None and jobs.startswith("Two jobs and the kids - of course your patience ran out.")
    alone = stretched_reply("I'm a single mom")
    assert alone is not None and alone.startswith("Doing it all on your own")
    assert stretched_reply("we had pizza") is None
    assert in_view("I'm so tired", ["my youngest cried", "I yelled at my kids"])
    assert not in_view("I'm so tired", ["work was long"])


async def test_the_conversation_gets_the_answers_then_the_line(config: Config) -> None:
    llm = FakeLLM(default="That sounds like such a hard evening.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ana", text, session_id="a")][-1].reply

        told = await say("I yelled at my kids today and I feel like a terrible mother")
        assert told == guilt_reply("I yelled at my kids today and I feel like a terrible mother")  # unchanged by guards
        llm.enqueue("You might try to talk to both of them calmly. That sounds like such a hard evening.")
        assert await say("they wouldn't stop fighting and I snapped. my youngest cried") == (
            "That sounds like such a hard evening."  # no tips unless asked (amity.care.unasked_advice)
        )
        assert GUIDANCE in llm.last_system_prompt
        assert await say("I'm always so tired, I work two jobs") == stretched_reply("I work two jobs")
        llm.enqueue("That must be hard. Let's talk about something else you're more comfortable with.")
        assert await say("not really. my mom lives far away") == "That must be hard."
    finally:
        await app.aclose()
