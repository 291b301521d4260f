"""Someone they love drinking or using again: the user asked after, not their fault (``amity.care.loved_one_drinking``).

Before, the default 1.5B answered "my dad started drinking again. he was sober for three years" with "Oh my goodness!
… I can't imagine how tough it is for him. Is he drinking alone or with others?", "I feel like it's my fault somehow"
with "Keep working on your recovery", and "should I say something to him?" with "support your dad in his recovery".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.loved_one_drinking import (
    GUIDANCE,
    LovedOneDrinkingStage,
    anger_reply,
    boundary_reply,
    burdens,
    fault_reply,
    first_reply,
    hope_reply,
    kids_reply,
    loved_one_drinking,
    promises_reply,
    talk_reply,
    tired_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.sobriety import in_recovery, milestone
from amity.safety.tactics import find_tactics

DAD = "my dad started drinking again. he was sober for three years"


@pytest.mark.parametrize(
    "text",
    [DAD, "my brother relapsed", "my mum is back on the drink", "my husband is an alcoholic",
     "my dad's drinking again", "my son is addicted to heroin", "my wife drinks every night",
     "my sister is using again", "my dad drinks too much"],
)  # fmt: skip
def test_someone_close_drinking_is_found(text: str) -> None:
    assert loved_one_drinking(text)


@pytest.mark.parametrize(
    "text",
    ["when I was a kid my dad was an alcoholic", "my dad was an alcoholic", "if my dad started drinking again",
     "I had a drink with my dad", "my dad drinks coffee every night", "my brother was addicted to drugs for ten years",
     "I started drinking again"],
)  # fmt: skip
def test_memories_hypotheticals_and_the_users_own_drinking_are_not_this_theme(text: str) -> None:
    assert not loved_one_drinking(text)


def test_someone_elses_sober_time_is_not_the_users_recovery() -> None:
    assert not in_recovery(DAD) and milestone(DAD) is None
    assert not in_recovery("my brother had a relapse") and milestone("my dad was two years sober") is None
    assert in_recovery("I relapsed last night") and milestone("I have been sober for 2 years") == "2 years"
    assert in_recovery("my sponsor says hi")


def test_the_first_reply_names_the_sober_time_and_what_was_taken_up_again() -> None:
    assert first_reply(DAD) == (
        "Oh, I'm so sorry. After three years sober, seeing him drink again must be such a blow - the worry, the anger, "
        "maybe old fears coming back all at once. How are you doing with it?"
    )
    assert "seeing her use again" in first_reply("my mum is using again, she had been clean for 8 months")
    assert "After 8 months clean" in first_reply("my mum is using again, she had been clean for 8 months")
    assert "Watching someone you love relapse" in first_reply("my brother relapsed")
    assert "someone who is using" in first_reply("my son is addicted to heroin")
    worn = first_reply("my husband drinks every night and I don't know how much longer I can do this")
    assert worn.endswith("It makes sense that you're worn down - you've been carrying so much. How are you holding up?")
    assert LovedOneDrinkingStage().first_reply("my husband is an alcoholic. what should I do?") is None


def test_later_answers_use_the_right_pronouns_and_substance() -> None:
    assert fault_reply([DAD]).startswith("It isn't your fault. His drinking isn't something you caused")
    assert "Nothing you did made him drink." in fault_reply([DAD])
    son = ["my son is addicted to heroin"]
    assert "His using isn't" in fault_reply(son) and "Nothing you did made him use." in fault_reply(son)
    assert "while he's drunk" in boundary_reply([DAD]) and "while he's high" in boundary_reply(son)
    assert "when she's sober" in talk_reply(["my mum is back on the drink"]) and "Al-Anon" in talk_reply([DAD])
    assert "Nar-Anon" in talk_reply(son)


@pytest.mark.parametrize(
    "sentence",
    ["It's important to support your dad in his recovery.", "Maybe you could encourage him to get help.",
     "Is he drinking alone or with others?", "Keep working on your recovery.", "Be patient with him.",
     "It's not his fault, addiction is a disease.", "It sounds like he's going through a difficult time.",
     "Oh my goodness!", "There are always things you can learn from your mistakes."],
)  # fmt: skip
def test_burdens_are_caught(sentence: str) -> None:
    assert burdens(sentence)


def test_hope_lost_is_met_and_cheer_about_it_is_dismissing() -> None:
    assert promises_reply([DAD]).endswith("stop pinning your hopes on the next promise and still love him.")
    assert "Loving him and being worn out by this can both be true" in tired_reply([DAD])
    assert "wanting to shield them" in kids_reply([DAD])
    assert hope_reply([DAD]).startswith("Of course you believed it - he was doing well")
    assert "dismissing_pain" in find_tactics("I can't imagine it could be any better.", user_hurting=True)
    assert "dismissing_pain" in find_tactics("It's great to see how much you've grown together.", user_hurting=True)
    assert "dismissing_pain" in find_tactics(
        "Sometimes, even the smallest things can make us feel overwhelmed.", user_hurting=True
    )


def test_plain_care_is_not_a_burden() -> None:
    assert not burdens("That sounds so painful. How are you holding up?")
    assert not burdens("You don't have to fix this.")


def test_no_fixed_reply_burdens_manipulates_or_gives_unasked_advice() -> None:
    told = [DAD]
    replies = [first_reply(DAD), fault_reply(told), boundary_reply(told), anger_reply(told), hope_reply(told),
               promises_reply(told), tired_reply(told), kids_reply(told)]  # fmt: skip
    assert not [r for r in replies if burdens(r) or find_tactics(r) or gives_advice(r)]
    assert not burdens(talk_reply(told)) and not find_tactics(talk_reply(told))


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ana", text, session_id="c")][-1].reply

        assert await say(DAD) == first_reply(DAD)
        hung = "he called me last night slurring and I just hung up"
        assert await say(hung) == boundary_reply([hung, DAD])
        fault = "I feel like it's my fault somehow"
        assert await say(fault) == fault_reply([fault, hung, DAD])
        ask = "should I say something to him?"
        assert await say(ask) == talk_reply([ask, fault, hung, DAD])
        hope = "he was doing so well. I really believed it this time"
        assert await say(hope) == hope_reply([hope, ask, fault, hung, DAD])
        llm.enqueue("Keep working on your recovery. How did he sound this morning?")
        assert await say("he texted me sorry this morning") == "How did he sound this morning?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
