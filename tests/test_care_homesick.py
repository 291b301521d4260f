"""Homesick: an ache, not an adventure; no clubs; going back left to them (``amity.care.homesick``).

Before, the default 1.5B answered "I moved here from Brazil for uni three months ago and I miss home so much" with
"That's a beautiful feeling… you're doing something wonderful", and "I cried on the phone with my mum last night" with
"I'm so sorry you lost your composure".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.homesick import (
    GUIDANCE,
    HomesickStage,
    cheers_it,
    cried_reply,
    first_reply,
    go_back_reply,
    grateful_reply,
    groups_reply,
    homesick,
    language_reply,
    missed_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics

BRAZIL = "I moved here from Brazil for uni three months ago and I miss home so much"


@pytest.mark.parametrize(
    "text",
    [BRAZIL, "I'm so homesick", "I'm so far from home", "I moved here from Brazil last year and I miss my mum",
     "I moved here from Brazil two years ago and I still miss home"],
)  # fmt: skip
def test_missing_home_is_found(text: str) -> None:
    assert homesick(text)


@pytest.mark.parametrize("text", ["when I was at camp I was homesick", "I miss my ex", "I moved here from Brazil"])
def test_other_messages_are_not_this_theme(text: str) -> None:
    assert not homesick(text)


def test_the_first_reply_names_the_place_and_the_months() -> None:
    assert first_reply(BRAZIL) == (
        "Three months in, and missing Brazil that much - that's so hard. Everything familiar is far away: the people, "
        "the food, the way the days feel. It makes sense that it aches. What do you miss most?"
    )
    assert first_reply("I'm so homesick").startswith("Missing home that much - that's so hard.")
    assert HomesickStage().first_reply("I'm so homesick, what should I do?") is None


def test_what_they_miss_is_said_back() -> None:
    reply = missed_reply("my mum's feijoada, and just hearing portuguese everywhere")
    assert reply is not None and reply.startswith("Your mum's feijoada - that's exactly what makes somewhere home")
    assert (missed_reply("Probably the food.") or "").startswith("The food - ")
    assert missed_reply("idk everything") is None


def test_later_answers() -> None:
    assert cried_reply(["I cried on the phone with my mum last night"]).startswith(
        "Of course you cried - you love her, and her voice is so far away. Crying on the phone with your mum"
    )
    assert "you love them, and their voices are so far away" in cried_reply(["I cried on a call with my parents"])
    stage = HomesickStage()
    assert stage.later_replies("I cried with my dad at the airport", [BRAZIL]) == []  # not a call home
    assert stage.later_replies("everyone here already has their friend groups", [BRAZIL]) == [groups_reply([])]
    assert stage.later_replies("maybe I should just drop out and go back", [BRAZIL]) == [go_back_reply([])]
    german = "my german is bad and people get impatient with me"
    assert stage.later_replies(german, [BRAZIL]) == [language_reply([])]
    assert stage.later_replies("I don't want to seem ungrateful, it's a good job", [BRAZIL]) == [grateful_reply([])]


@pytest.mark.parametrize(
    "sentence",
    ["That's a beautiful feeling.", "You're doing something wonderful by moving to a new place.",
     "That's very interesting, isn't it?", "I'm so sorry you lost your composure.", "Why not join a club?",
     "That sounds like a really fun place to be.", "The people there are so friendly, and the food is delicious.",
     "It's such an adventure!"],
)  # fmt: skip
def test_cheer_and_push_are_caught(sentence: str) -> None:
    assert cheers_it(sentence)


def test_no_fixed_reply_cheers_manipulates_or_advises() -> None:
    told = ["I cried on the phone with my mum last night", BRAZIL]
    replies = [first_reply(BRAZIL), groups_reply(told), cried_reply(told), go_back_reply(told),
               missed_reply("my mum's feijoada") or "", language_reply(told), grateful_reply(told)]  # fmt: skip
    assert not [r for r in replies if cheers_it(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("lia", text, session_id="c")][-1].reply

        assert await say(BRAZIL) == first_reply(BRAZIL)
        food = "my mum's feijoada, and just hearing portuguese everywhere"
        assert await say(food) == missed_reply(food)
        assert await say("everyone here already has their friend groups") == groups_reply([])
        cried = "I cried on the phone with my mum last night"
        assert await say(cried) == cried_reply([cried])
        assert await say("maybe I should just drop out and go back") == go_back_reply([])
        llm.enqueue("That's a beautiful feeling. What did you eat today?")
        assert await say("I had rice") == "What did you eat today?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
