"""A lump found, a result awaited: the fear met, a doctor, no guess either way (``amity.care.health_scare``).

Before, the default 1.5B answered "I found a lump in my breast this morning and I can't stop shaking" with "Sometimes,
doctors can find something wrong with a lump", and "I haven't told my husband yet" with "Sometimes, people choose to
wait and see if their situation improves".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.health_scare import (
    GUIDANCE,
    SEARCHING_REPLY,
    first_reply,
    guesses,
    not_told_reply,
    scared_of_results,
    waiting_reply,
    what_if_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["I found a lump in my breast this morning", "there's a lump on my neck", "I'm waiting for my biopsy results",
     "they found a shadow on my lung", "what if it's cancer", "I think I have cancer",
     "they called me back after my mammogram", "I just noticed a hard lump under my arm"],
)  # fmt: skip
def test_a_health_scare_is_found(text: str) -> None:
    assert scared_of_results(text)


@pytest.mark.parametrize(
    "text",
    ["there's a lump in my porridge", "I found a bug in my code", "my mum had cancer years ago",
     "I'm waiting for the bus"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not scared_of_results(text)


@pytest.mark.parametrize(
    "sentence",
    ["Sometimes, doctors can find something wrong with a lump.", "It could be cancer.", "I'm sure it's nothing.",
     "It's probably just a cyst... it's probably nothing.", "Sometimes people wait and see.",
     "Let's talk about what might be causing the lump.", "Survival rates are high."],
)  # fmt: skip
def test_guesses_either_way_are_caught(sentence: str) -> None:
    assert guesses(sentence)
    assert not guesses("That sounds so frightening.")


def test_the_first_answer_gives_the_vetted_fact_for_a_lump_they_found() -> None:
    breast = first_reply("I found a lump in my breast this morning and I can't stop shaking")
    assert breast is not None and "Most breast lumps turn out not to be cancer, but only a doctor can tell" in breast
    assert "of course you're shaking" in breast
    neck = first_reply("there's a lump on my neck")
    assert neck is not None and "Most lumps turn out to be harmless" in neck
    assert first_reply("I'm waiting for my biopsy results") is None  # no fact to give: the model answers, guided


def test_the_wait_the_fear_and_the_secret_use_their_words() -> None:
    lump = "I found a lump in my breast"
    wait = waiting_reply(["that's 9 days", lump])
    assert wait.startswith("Nine days is a long time to carry this.") and "found a new lump" in wait
    assert "sooner" not in waiting_reply(["the results won't be back until friday", "waiting for my scan results"])
    assert "your mind goes straight to them" in what_if_reply(["what if it is cancer. my kids are 6 and 8"])
    assert "your mind goes there" in what_if_reply(["what if it's cancer"])
    told = not_told_reply("I haven't told my husband yet", ["that's 9 days"])
    assert told is not None and "spare him" in told and "nine days is a long time" in told
    wife = not_told_reply("I haven't told my wife", [])
    assert wife is not None and "tell her?" in wife
    anyone = not_told_reply("nobody knows", [])
    assert anyone is not None and "one person" in anyone


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so frightening.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ana", text, session_id="a")][-1].reply

        lump = "I found a lump in my breast this morning and I can't stop shaking"
        assert await say(lump) == first_reply(lump)
        assert await say("I've been googling for hours and every site says it could be cancer") == SEARCHING_REPLY
        nine = "the doctor can't see me until next thursday. that's 9 days"
        assert await say(nine) == waiting_reply([nine, lump])
        kids = "what if it is cancer. my kids are 6 and 8"
        assert await say(kids) == what_if_reply([kids])
        assert await say("I haven't told my husband yet") == not_told_reply("I haven't told my husband", [nine])
        llm.enqueue("Sometimes, doctors can find something wrong with a lump. That sounds so frightening.")
        assert await say("I don't want to scare him until I know") == "That sounds so frightening."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
