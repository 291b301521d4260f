"""A partner cheating, suspected or found: the betrayal met, no "stay supportive", not their fault
(``amity.care.infidelity``).

Before, the default 1.5B answered "i think my husband is cheating on me" with "It's important to stay supportive and not
make the situation more difficult" and a breathing exercise, and messages found on his phone with "It sounds like
you're feeling a bit anxious or worried about something."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.infidelity import (
    BODY_REPLY,
    GUIDANCE,
    KIDS_REPLY,
    PICTURING_REPLY,
    InfidelityStage,
    brushes_aside,
    first_reply,
    found_reply,
    not_yet_reply,
    not_your_fault_reply,
    partner_cheating,
    why_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["i think my husband is cheating on me", "he cheated on me", "my girlfriend cheated on me with her ex",
     "I found out my wife is having an affair", "is my boyfriend cheating on me?",
     "my husband has been seeing someone else", "My fiancé cheated.", "she\u2019s been cheating on me for a year",
     "i caught my wife sleeping with my best friend"],
)  # fmt: skip
def test_a_partner_cheating_is_found(text: str) -> None:
    assert partner_cheating(text)


@pytest.mark.parametrize(
    "text",
    ["my brother cheated at monopoly", "he cheated on the test", "i cheated on my diet", "she's cheating on him",
     "I cheated on my boyfriend", "cheat day!", "my friend's husband is cheating on her", "they cheated in the game",
     "They never once hint that they were having an affair", "i knew my co worker was cheating"],
)  # fmt: skip
def test_other_cheating_is_not(text: str) -> None:
    assert not partner_cheating(text)


def test_a_suspicion_is_not_answered_as_a_discovery() -> None:
    assert first_reply("i think my husband is cheating on me").startswith(
        "That's a horrible place to be - feeling something is wrong with your husband, and not knowing."
    )
    assert first_reply("my girlfriend cheated on me").startswith(
        "I'm so sorry. Finding out that your girlfriend has been cheating is a deep betrayal"
    )
    assert "your boyfriend" in first_reply("my bf cheated on me")
    assert first_reply("my boyfriend cheated on me with my best friend").startswith(
        "I'm so sorry. Your boyfriend and your best friend - that's two betrayals at once"
    )


def test_stories_long_ago_already_ended_or_asking_advice_get_the_model_guided() -> None:
    stage = InfidelityStage()
    for text in ["after being married to my first wife for 8 years, i found out she was having an affair",
                 "i just found out my husband has been cheating. i already told him it's over",
                 "my wife cheated on me, what should i do?"]:  # fmt: skip
        assert stage.told(text) and stage.first_reply(text) is None


@pytest.mark.parametrize(
    "sentence",
    ["It's important to stay supportive and not make the situation more difficult.",
     "It sounds like you're feeling a bit anxious or worried about something.",
     "Maybe you should give him the benefit of the doubt.", "There might be an innocent explanation.",
     "Try not to jump to conclusions.", "Would you like to try a short breathing exercise together?",
     "What did you do to make him feel that way?", "I'm sure he still loves you.",
     "It sounds like there might be a deeper issue at play."],
)  # fmt: skip
def test_brushing_the_betrayal_aside_is_caught(sentence: str) -> None:
    assert brushes_aside(sentence)
    assert not brushes_aside("That must have been a terrible shock.")


def test_no_fixed_reply_brushes_aside_pushes_or_advises() -> None:
    told = ["i found messages on his phone", "i think my husband is cheating on me"]
    replies = [first_reply(told[1]), first_reply("he cheated on me"), found_reply(told), not_yet_reply(told),
               not_your_fault_reply(told), KIDS_REPLY, PICTURING_REPLY, BODY_REPLY,
               why_reply(told)]  # fmt: skip
    assert not [r for r in replies if brushes_aside(r) or find_tactics(r) or gives_advice(r)]
    assert "things he said" in found_reply(told) and "say something to him" in not_yet_reply(told)
    assert "a choice she made" in not_your_fault_reply(["my wife cheated on me"])
    assert "Whatever her reasons, they're hers to answer for" in why_reply(["why would she do this"])
    assert "Whatever his reasons, they're his to answer for" in why_reply(["my husband cheated on me"])


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That must have been a terrible shock.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("kim", text, session_id="c")][-1].reply

        told = "i think my husband is cheating on me"
        assert await say(told) == first_reply(told)
        found = "i found messages on his phone to someone called jess. 'can't stop thinking about last night'"
        assert await say(found) == found_reply([found, told])
        not_yet = "i haven't said anything yet. i don't know if i want to know"
        assert await say(not_yet) == not_yet_reply([not_yet, found, told])
        assert await say("we have two kids. i can't just blow up their lives") == KIDS_REPLY
        fault = "is it my fault? i've been so tired since the baby"
        assert await say(fault) == not_your_fault_reply([fault, told])
        assert await say("i keep picturing them together") == PICTURING_REPLY
        assert await say("i haven't eaten since yesterday") == BODY_REPLY
        why = "i just don't understand why he would do this"
        assert await say(why) == why_reply([why, told])
        llm.enqueue("Try to stay supportive. I'm here with you.")
        assert await say("i can't stop shaking") == "I'm here with you."  # the body's answer was given once
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
