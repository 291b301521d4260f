"""Longing for a partner: the ache heard, no "the right one is out there" (``amity.care.longing``).

Before, to "I'm happy for her, I am. I'm just 34 and nobody has even come close" (after a best friend's engagement)
the default 1.5B said "It's also important to remember that we are all unique and valuable… it's helpful to take a
break", and later "Remember, love and relationships take time to grow" and "you have a lot of time".
"""

from __future__ import annotations

import pytest

from amity.affect.self_report import find_self_reports
from amity.app import build_app, open_database
from amity.care.longing import GUIDANCE, is_platitude, longing_reply, longs
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I'm just 34 and nobody has even come close", "no one has ever asked me out", "I'm going to be alone forever",
     "I'll die alone", "everyone is getting married except me", "all my friends are having babies but me",
     "I just want someone to come home to"],
)  # fmt: skip
def test_longing_is_found_and_reads_as_lonely(text: str) -> None:
    assert longs(text)
    assert "lonely" in [r.word for r in find_self_reports(text)]


@pytest.mark.parametrize(
    "text", ["nobody has even come close to my high score", "I want someone to help me move", "I'm alone at home"]
)
def test_other_words_are_not_longing(text: str) -> None:
    assert not longs(text)


@pytest.mark.parametrize(
    "sentence",
    ["The right person is out there for you.", "It will happen when you least expect it.", "Love yourself first.",
     "Remember, love and relationships take time to grow.", "You have a lot of time to figure things out.",
     "There are plenty of fish in the sea.", "Have you tried dating apps?"],
)  # fmt: skip
def test_platitudes_are_caught(sentence: str) -> None:
    assert is_platitude(sentence)
    assert not is_platitude("That sounds so lonely.")


def test_the_first_answer_names_the_ache() -> None:
    assert longing_reply("I'm happy for her, I am. nobody has even come close").startswith(
        "So underneath being happy for her, there's an ache of your own: wanting someone"
    )
    assert longing_reply("I'm going to be alone forever").startswith("That's a real ache: wanting someone")


async def test_the_conversation_gets_the_answer_the_line_and_no_platitude(config: Config) -> None:
    llm = FakeLLM(default="That sounds so lonely.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("kim", text, session_id="k")][-1].reply

        told = "I'm happy for her, I am. I'm just 34 and nobody has even come close"
        assert await say(told) == longing_reply(told)
        llm.enqueue("The right person is out there. What has it been like, watching everyone pair off?")
        assert await say("yeah, all the time") == "What has it been like, watching everyone pair off?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
