"""Dreading a party: the dread heard, no "just relax", no drink, their choice (``amity.care.social_anxiety``).

Before, the default 1.5B answered "I already feel sick about it" (a coworker's party) with "Have you thought about how
you can prepare for the party?", and "maybe I should just say I'm sick" with "It's understandable to feel sick".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.social_anxiety import (
    DRINK_REPLY,
    GUIDANCE,
    JUDGED_REPLY,
    LAST_TIME_REPLY,
    NORMAL_REPLY,
    TOLD_NO_ONE_REPLY,
    SocialAnxietyStage,
    avoid_reply,
    dreads_social,
    first_reply,
    pressures,
    replay_reply,
    small_talk_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM


@pytest.mark.parametrize(
    "text",
    ["my coworker invited me to her birthday party on saturday and I already feel sick about it",
     "I'm terrified of the wedding, I won't know anyone", "so nervous about meeting new people tomorrow",
     "what if everyone thinks I'm weird", "the office party is on friday and I'm dreading it",
     "I never know what to say to people", "I'm so awkward around people"],
)  # fmt: skip
def test_dread_of_a_social_occasion_is_found(text: str) -> None:
    assert dreads_social(text)


@pytest.mark.parametrize(
    "text",
    ["I'm so excited for the party", "I'm scared of spiders", "the wedding was lovely", "I feel sick, I think it's flu",
     "I dread mondays"],
)  # fmt: skip
def test_other_messages_are_not(text: str) -> None:
    assert not dreads_social(text)


@pytest.mark.parametrize(
    "sentence",
    ["Just relax and be yourself!", "You'll have a great time.", "Don't worry about what other people think.",
     "A glass of wine can help you relax.", "Try to step out of your comfort zone.", "Face your fears!"],
)  # fmt: skip
def test_pushing_sentences_are_caught(sentence: str) -> None:
    assert pressures(sentence)
    assert not pressures("That sounds really hard.")


def test_each_later_answer_fits_its_message() -> None:
    stage = SocialAnxietyStage()
    assert stage.later_replies("what if everyone thinks I'm weird", []) == [JUDGED_REPLY]
    assert stage.later_replies("last time I left after 20 minutes and cried in the bathroom", []) == [LAST_TIME_REPLY]
    assert stage.later_replies("I'll just have a few drinks first", []) == [DRINK_REPLY]
    assert stage.later_replies("the next morning I replay everything I said", []) == [replay_reply([])]
    assert stage.later_replies("I wish I could just be normal about this", []) == [NORMAL_REPLY]
    assert stage.later_replies("I've never told anyone it's this bad", []) == [TOLD_NO_ONE_REPLY]
    assert stage.later_replies("it's on saturday", []) == []
    assert "after drinking" not in replay_reply(["I replay every word"])
    assert "after drinking" in replay_reply(["I replay every word", "I'll have a few drinks first"])


def test_the_plan_not_to_go_and_the_openers_use_the_hosts_pronoun() -> None:
    assert "He invited you because he likes you." in avoid_reply(["maybe I'll cancel", "he invited me to his bbq"])
    assert "Whoever invited you wants you there." in avoid_reply(["maybe I'll just stay home"])
    opener = small_talk_reply(["I could go for an hour. what do I say to people", "she invited me to her party"])
    assert opener.startswith("An hour sounds like a kind plan.")
    assert "'How do you know her?'" in opener
    assert "'How do you know them?'" in small_talk_reply(["what do I even say to strangers"])
    wedding = ["I'll have to make small talk with his wife's family", "I'm terrified of my brother's wedding"]
    assert "'How do you know the couple?'" in small_talk_reply(wedding)
    assert small_talk_reply(["I'm so awkward around people"]).startswith("Feeling awkward is so common")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds really hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("sam", text, session_id="s")][-1].reply

        party = "my coworker invited me to her birthday party on saturday and I already feel sick about it"
        assert await say(party) == first_reply(party)
        assert await say("I won't know anyone there except her. what if I stand in the corner") == JUDGED_REPLY
        assert await say("last time I went to a party I left after 20 minutes and cried in the bathroom") == (
            LAST_TIME_REPLY
        )
        plan = await say("maybe I should just say I'm sick")
        assert plan == avoid_reply([party])
        assert "She invited you because she likes you." in plan
        assert await say("I could go for an hour. but what do I even say to people I don't know") == (
            small_talk_reply(["I could go for an hour.", party])
        )
        llm.enqueue("Just relax and be yourself! That sounds really hard. A drink can help calm your nerves.")
        assert await say("it's still two days away") == "That sounds really hard."
        assert GUIDANCE in llm.last_system_prompt
        llm.enqueue("You could try arriving early.")  # unasked advice is dropped while the dread is in view
        assert await say("I keep thinking about it") != "You could try arriving early."
    finally:
        await app.aclose()
