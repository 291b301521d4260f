"""Someone close moving far away: a loss even when it's good news, no "exciting!" (``amity.care.moving_away``).

Before, the default 1.5B answered "my best friend is moving to australia next month" with "That's a big change!",
feeling selfish for being sad with "we're all going through tough times together", the fear of drifting apart with
"you're both strong and resilient. What can you do to help her feel more comfortable together?" and "what do i even
do on saturdays now" with "Sure, Saturday is a good day for relaxation and socializing".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.moving_away import (
    DRIFT_REPLY,
    GUIDANCE,
    MovingAwayStage,
    first_reply,
    gap_reply,
    goodbye_reply,
    long_reply,
    misreads,
    moving_away,
    selfish_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    ("text", "start"),
    [("my best friend is moving to australia next month and i don't know what i'll do without her",
      "Your best friend moving to Australia - "),
     ("my sister is emigrating to new zealand in may", "Your sister emigrating to New Zealand - "),
     ("my sister is emigrating.", "Your sister emigrating - "),
     ("my friend is relocating to nyc for work", "Your friend relocating to NYC - "),
     ("My bestie\u2019s moving abroad", "Your bestie moving abroad - "),
     ("my brother is moving back to ireland", "Your brother moving back to Ireland - "),
     ("my friend is going to live in berlin", "Your friend moving to Berlin - "),
     ("my daughter is leaving for college in august", "Your daughter moving to college - "),
     ("my son left for university last week", "Your son being so far away now - "),
     ("my best mate moved across the country last year", "Your best mate being so far away now - ")],
)  # fmt: skip
def test_a_move_far_away_is_found_and_answered_in_its_words(text: str, start: str) -> None:
    assert moving_away(text)
    assert first_reply(text).startswith(start)


def test_the_pronoun_follows_who_is_leaving() -> None:
    assert "missing her before she's even gone" in first_reply("my sister is moving to spain")
    assert "missing him before he's even gone" in first_reply("my brother is moving to spain")
    assert "missing them before they're even gone" in first_reply("my friend is moving to spain")
    assert "having him around" in first_reply("my son moved to canada")


@pytest.mark.parametrize(
    "text",
    ["my friend is moving to a new flat", "my friend is moving", "my brother is leaving",
     "my dad moved to a care home", "my sister is going to spain for a holiday",
     "I'm moving to london", "my friend left for the party", "my mum left for work",
     "my son is moving to secondary school", "my friend was moved to tears", "my brother left to go to the gym",
     "my friend is moving in with her boyfriend", "my friend moved on", "my sister is going to paris",
     "my best friend is leaving for a trip to rome", "my friend is moving to the other side of town"],
)  # fmt: skip
def test_moves_that_are_not_a_loss_far_away_are_not_found(text: str) -> None:
    assert not moving_away(text)


@pytest.mark.parametrize(
    "sentence",
    ["That's a big change!", "How exciting!", "What a great opportunity for her.", "You'll make new friends.",
     "Video calls can be a great way to stay connected.", "What do you think about trying it out?",
     "We're all going through tough times together.", "You're both strong and resilient.",
     "Saturday is a good day for relaxation and socializing.", "At least you can still text."],
)  # fmt: skip
def test_cheering_and_brushing_aside_are_caught(sentence: str) -> None:
    assert misreads(sentence)
    assert not misreads("That sounds like a real loss.")


def test_no_fixed_reply_cheers_pushes_or_advises() -> None:
    told = ["my best friend is moving to australia. she got a job there", "we've been friends since we were 6"]
    replies = [first_reply(told[0]), first_reply("my son moved to canada"), selfish_reply(told), DRIFT_REPLY,
               gap_reply(told), long_reply(told[1]), goodbye_reply(told)]  # fmt: skip
    assert not [r for r in replies if misreads(r) or find_tactics(r) or gives_advice(r)]
    assert long_reply("we've been friends since we were 6").startswith("Since you were 6 - ")
    assert "glad for her and sad for yourself" in selfish_reply(told)
    assert "losing them nearby" in gap_reply(["my friend is moving to spain"])


def test_advice_asked_a_memory_or_a_heavier_hurt_gets_the_model_guided() -> None:
    stage = MovingAwayStage()
    assert stage.told("my best friend is moving to australia, how do I cope?")
    assert stage.first_reply("my best friend is moving to australia, how do I cope?") is None
    assert stage.first_reply("i cried when my best friend moved away.") is None
    assert stage.first_reply("my best friend moved away when i was 10.") is None
    assert stage.first_reply("my daughter moved to california and then she got in a car accident") is None
    assert stage.first_reply("my best friend just moved to another state") is not None


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds like a real loss.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("mia", text, session_id="m")][-1].reply

        told = "my best friend is moving to australia next month and i don't know what i'll do without her"
        assert await say(told) == first_reply(told)
        selfish = "i know i should be happy for her, it's a great job. but i just feel sad and kind of selfish"
        assert await say(selfish) == selfish_reply([selfish, told])
        assert await say("i'm scared we'll drift apart") == DRIFT_REPLY
        assert await say("everyone keeps saying we can video call but it's not the same") != DRIFT_REPLY
        gap = "she's the only one who really gets me. what do i even do on saturdays now"
        assert await say(gap) == gap_reply([gap, told])
        assert await say("we've been friends since we were 6") == long_reply("friends since we were 6")
        party = "her leaving party is on saturday and i don't know if i can get through it without crying"
        assert await say(party) == goodbye_reply([party, told])
        assert "show her what she means to you" in goodbye_reply([party])
        llm.enqueue("How exciting for her! Of course you miss her already.")
        assert await say("i miss her already") == "Of course you miss her already."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
