"""A pet who died: family, not "just a dog"; no "how is he doing?", no new puppy (``amity.care.pet_loss``).

Before, the default 1.5B answered "we had to put our dog down this morning" with "How is your dog doing now?" (another
run: "Is there anything you would like to say about the person or how they are managing?"), and "he was 14. i had him
since i was in uni" with "Did you have him for a long time?" and "Wow, that's amazing."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.pet_loss import (
    EXPECTED_REPLY,
    GUIDANCE,
    PetLossStage,
    doubt_reply,
    first_reply,
    only_a_pet_reply,
    pet_died,
    quiet_reply,
    story_reply,
    unkind,
    years_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["we had to put our dog down this morning", "my cat died", "I lost my dog today",
     "our dog Max passed away last night", "my pet cat passed away. she was 15 years old."],
)  # fmt: skip
def test_a_pets_death_is_found(text: str) -> None:
    assert pet_died(text)


@pytest.mark.parametrize(
    "text",
    ["the vet says it might be time for my dog", "my dog is sick", "my mum died", "my dog loves the beach",
     "we have to put our cat to sleep tomorrow"],
)  # fmt: skip
def test_other_messages_are_not_a_pets_death(text: str) -> None:
    assert not pet_died(text)


def test_the_first_reply_follows_how_it_happened_and_who() -> None:
    assert first_reply("we had to put our dog down this morning. he was in so much pain").startswith(
        "I'm so sorry. Letting him go was the last kind thing you could do for him"
    )
    assert first_reply("my cat died. she was 15").endswith("What was she like?")
    assert first_reply("I lost my dog today").endswith("What were they like?")
    stage = PetLossStage()
    assert stage.first_reply("my dog died when i was 10") is None
    assert stage.first_reply("I lost my dog but then a stranger found him and I got him back") is None


def test_years_together_are_said_back() -> None:
    assert years_reply(["he was 14. i had him since i was in uni"]).startswith(
        "14 years - he was with you through so much of your life, since uni."
    )
    assert ", since you were 12." in years_reply(["she was 16. we had her since i was 12"])


@pytest.mark.parametrize(
    "sentence",
    ["Maybe you could get another dog someday.", "A new puppy might help.", "At least he had a good life.",
     "It was just a dog, but still.", "Wow, that's amazing.", "Did you have him for a long time?",
     "Is there anything you would like to say about the person or how they are managing?"],
)  # fmt: skip
def test_unkind_sentences_are_caught(sentence: str) -> None:
    assert unkind(sentence)
    assert not unkind("He sounds like he was a wonderful friend.")


def test_no_fixed_reply_is_unkind_or_advises() -> None:
    told = ["was it too soon? i keep thinking i should have waited", "we had to put our dog down. he was 14"]
    replies = [first_reply(told[1]), first_reply("my cat died"), years_reply(told[1:]), doubt_reply(told),
               quiet_reply(told), only_a_pet_reply(told), EXPECTED_REPLY, story_reply(told)]  # fmt: skip
    assert not [r for r in replies if unkind(r) or find_tactics(r) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="He sounds like he was a wonderful friend.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("sam", text, session_id="p")][-1].reply

        told = "we had to put our dog down this morning"
        assert await say(told) == first_reply(told)
        years = "he was 14. i had him since i was in uni"
        assert await say(years) == years_reply([years, told])
        doubt = "was it too soon? i keep thinking i should have waited"
        assert await say(doubt) == doubt_reply([doubt, years, told])
        quiet = "the house is so quiet. i keep expecting him at the door"
        assert await say(quiet) == quiet_reply([quiet, doubt, years, told])
        assert quiet_reply(["she's gone"]) != quiet_reply(["he's gone"])
        silly = "i know it's only a dog"
        assert await say(silly) == only_a_pet_reply([silly, quiet, doubt, years, told])
        story = "he was the goofiest dog. he used to steal socks and hide them in his bed"
        assert await say(story) == story_reply([story, told])
        assert "exactly who he was" in story_reply([story])
        assert await say("my boss said i should be fine to come in tomorrow") == EXPECTED_REPLY
        llm.enqueue("Maybe you could get another dog someday. I'm here with you.")
        assert await say("i just miss him") == "I'm here with you."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
