"""Money running out: the fear met, no shame, no finance lesson (``amity.care.money_worry``).

Before, the default 1.5B answered "I've been eating one meal a day to make the money last" with "That's a great
strategy… You might need to talk to a financial advisor", and "I work two jobs and it's still not enough" with "there
are many strategies you can use to manage your finances".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.money_worry import (
    GUIDANCE,
    MoneyWorryStage,
    deadline_reply,
    first_reply,
    hungry_reply,
    letter_reply,
    money_worry,
    shame_reply,
    working_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.hardship import help_line, tone_deaf
from amity.safety.tactics import find_tactics

RENT = "I can't pay my rent this month and I'm terrified"


@pytest.mark.parametrize(
    "text", [RENT, "I can't afford food this week", "I'm drowning in debt", "I'm behind on rent again"]
)
def test_money_running_out_is_found_in_english(text: str) -> None:
    assert money_worry(text)


@pytest.mark.parametrize(
    "text", ["I can't afford a holiday", "Ich kann meine Miete nicht mehr bezahlen", "I used to have no money for food"]
)
def test_other_wants_other_languages_and_the_past_are_not_this_theme(text: str) -> None:
    assert not money_worry(text)


def test_the_first_reply_names_the_kind_and_leaves_questions_to_the_safety_stage() -> None:
    assert first_reply(RENT) == (
        "Not knowing how you'll pay the rent is frightening - it sits on top of everything else. It happens to so many "
        "people, and it isn't a failing on your part. How are you holding up?"
    )
    assert first_reply("I can't afford food this week").startswith("Not having enough for food is so hard")
    stage = MoneyWorryStage()
    assert stage.first_reply("I can't pay my rent. is there any help for rent?") is None
    assert stage.first_reply("I can't pay my rent, what should I do?") is None
    ended = "i did not have enough money to pay rent but i had some freelance work and i was confident i'd make it"
    assert (
        stage.first_reply(ended) is None
        and stage.first_reply("i felt weird when i didnt have the money to pay for dinner") is None
    )
    assert (
        stage.first_reply("i've lost my job and am behind on my mortgage. it scares me that i could lose my home.")
        is not None
    )


def test_later_answers() -> None:
    ask = "I'm too ashamed to ask my parents"
    assert shame_reply([ask, RENT]).endswith("Whether to tell your parents is yours to decide, and it doesn't have to "
                                             "be today.")  # fmt: skip
    assert "Whether" not in shame_reply(["I feel like such a failure", RENT])
    assert MoneyWorryStage().later_replies("I don't know, I just feel stupid", [RENT]) == [
        shame_reply(["I don't know, I just feel stupid", RENT])
    ]
    assert working_reply(["I work two jobs and it's still not enough"]).startswith("Two jobs and it still isn't enough")
    assert working_reply(["I'm working overtime and it still isn't enough"]).startswith("Working as hard as you are")
    assert "you deserve to eat properly" in hungry_reply([RENT])
    notice = "I got an eviction notice today"
    assert MoneyWorryStage().later_replies("I have two weeks", [notice]) == [
        deadline_reply(["I have two weeks", notice])
    ]
    assert deadline_reply(["I have two weeks"]).startswith("Two weeks - that's not long at all")
    assert not MoneyWorryStage().later_replies("I have two weeks off work in june", [notice])


@pytest.mark.parametrize(
    "sentence",
    ["There are many resources available to help you manage your finances.", "That's a great strategy.",
     "You might need to talk to a financial advisor.", "It's okay to feel ashamed, but it's important to take action.",
     "You might want to talk to a parent who you trust.", "Money doesn't always solve all problems."],
)  # fmt: skip
def test_finance_lessons_are_tone_deaf(sentence: str) -> None:
    assert tone_deaf(sentence)


def test_no_fixed_reply_is_tone_deaf_manipulates_or_advises() -> None:
    told = ["I'm too ashamed to ask my parents, I work two jobs and it's still not enough", RENT]
    replies = [first_reply(RENT), letter_reply(told), hungry_reply(told), shame_reply(told), working_reply(told)]
    assert not [r for r in replies if tone_deaf(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("sam", text, session_id="c")][-1].reply

        first = await say(RENT)
        assert first.startswith(first_reply(RENT)) and first.endswith(help_line("en", []).split(" - ")[-1])
        letter = "my landlord already sent a warning letter"
        assert await say(letter) == letter_reply([letter, RENT])
        meals = "I've been eating one meal a day to make the money last"
        assert await say(meals) == hungry_reply([meals, letter, RENT])
        ashamed = "I'm too ashamed to ask my parents"
        assert await say(ashamed) == shame_reply([ashamed, meals, letter, RENT])
        jobs = "I work two jobs and it's still not enough"
        assert await say(jobs) == working_reply([jobs, ashamed, meals, letter, RENT])
        llm.enqueue("That's a great strategy. How long is your commute?")
        assert await say("I take the bus to both") == "How long is your commute?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
