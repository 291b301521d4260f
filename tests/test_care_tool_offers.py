"""Exercises start the way people ask: a loose name, a yes to an offer, a pick from the menu."""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.stage import (
    asks_for_writing,
    asks_if_loved,
    asks_if_normal,
    asks_what_you_would_do,
    asks_whether_to_contact,
    asks_whether_to_snoop,
    lost_for_words,
    minimal_answer,
)
from amity.care.strategy import (
    BEFORE_YOU_LOOK,
    CANNOT_KNOW,
    IN_THEIR_SHOES,
    KEEP_IT_LIGHT,
    NO_ANSWER_READY,
    SAY_IT_IS_HUMAN,
    THEIR_CHOICE,
    WRITE_FOR_THEM,
)
from amity.care.tool_offers import (
    PANIC_PREFACE,
    accepts,
    answer_to_offer,
    asked_for_any,
    asked_tool,
    menu,
    offered_tool,
)
from amity.config import Config
from amity.engine import Companion
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.safety.text import in_panic
from amity.store.db import Database


def test_loose_names_of_a_tool() -> None:
    assert asked_tool("can we do one of those thought exercises?") == "thought_record"
    assert asked_tool("Help me challenge this negative thought.") == "thought_record"
    assert asked_tool("Is there a CBT exercise for this?") == "thought_record"
    assert asked_tool("I need to calm my breathing") == "breathing"
    assert asked_tool("How do I ground myself?") == "grounding"
    for text in ["I had a thought about dinner.", "My breathing is fine.", "The exercise class was fun."]:
        assert asked_tool(text) is None, text


def test_an_offer_is_one_tool_named_in_a_question() -> None:
    assert offered_tool("That sounds stressful. Would you like to try a short breathing exercise?") == "breathing"
    assert offered_tool("Would you like to look at that thought together with a thought record?") == "thought_record"
    assert offered_tool("Take a breathing exercise break later.") is None  # not a question
    assert offered_tool("Would you like a breathing exercise or a grounding exercise?") is None  # a choice
    assert offered_tool("How was your day?") is None


@pytest.mark.parametrize("text", ["yes", "Ok let's try", "sure, please", "yeah why not", "I'd like that", "I guess so"])
def test_short_yeses(text: str) -> None:
    assert accepts(text)


@pytest.mark.parametrize(
    "text", ["no", "not now", "maybe later", "yes but first I need to tell you what happened at work today honestly"]
)
def test_not_yeses(text: str) -> None:
    assert not accepts(text)


def test_an_answer_to_the_menu_or_to_one_offer() -> None:
    every = ["breathing", "grounding", "thought_record", "gratitude", "activation"]
    assert answer_to_offer("the breathing one", every) == "breathing"
    assert answer_to_offer("grounding please", every) == "grounding"
    assert answer_to_offer("yes", every) is None  # which one?
    assert answer_to_offer("yes", ["breathing"]) == "breathing"
    assert answer_to_offer("no thanks", ["breathing"]) is None
    assert asked_for_any("Can we do an exercise?") and asked_for_any("Is there an exercise that could help?")
    assert not asked_for_any("can we do one of those thought exercises?")  # a name: that tool
    assert "- **breathing**" in menu() and "`/tool start NAME`" in menu()


@pytest.fixture
def companion(care_companion: tuple[Companion, FakeLLM, Database]) -> tuple[Companion, FakeLLM, Database]:
    return care_companion


async def reply(comp: Companion, text: str) -> TurnEnd:
    events = [e async for e in comp.turn("jo", text, session_id="s1")]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end


async def test_yes_to_an_offer_starts_that_exercise(companion: tuple[Companion, FakeLLM, Database]) -> None:
    comp, llm, _ = companion
    llm.enqueue("Exams are stressful. Would you like to try a short breathing exercise?")
    await reply(comp, "I have my stats exam on Friday and I'm freaking out.")
    calls = len(llm.calls)
    started = await reply(comp, "ok let's try")
    assert len(llm.calls) == calls  # the exercise answers, not the model
    assert started.reply.startswith("Let's slow your breathing down together.")


async def test_a_yes_long_after_the_offer_is_just_conversation(companion: tuple[Companion, FakeLLM, Database]) -> None:
    comp, llm, _ = companion
    llm.enqueue("Would you like to try a short breathing exercise?")
    await reply(comp, "I'm so stressed about work.")
    await reply(comp, "My boss keeps piling things on.")  # the offer is not answered
    end = await reply(comp, "yes")
    assert end.reply == "I'm here with you."


async def test_the_menu_and_a_pick_from_it(companion: tuple[Companion, FakeLLM, Database]) -> None:
    comp, llm, _ = companion
    calls = len(llm.calls)
    shown = await reply(comp, "Can we do an exercise?")
    assert shown.reply == menu() and len(llm.calls) == calls
    picked = await reply(comp, "the grounding one")
    assert picked.reply.startswith("Let's ground ourselves in the present")
    loose = await reply(comp, "stop")  # pauses it
    assert "paused" in loose.reply
    thought = await reply(comp, "can we do one of those thought exercises?")
    assert thought.reply.startswith("Let's do a thought record together")


async def test_asked_to_write_something_the_reply_writes_it(
    companion: tuple[Companion, FakeLLM, Database],
) -> None:
    """ "Can you help me write a text to my friend Lena…" drew consolation ("It's okay if you didn't get to
    celebrate with her") instead of the text."""
    comp, llm, _ = companion
    end = await reply(comp, "can you help me write a text to my friend Lena saying sorry I missed her birthday party?")
    assert end.strategy == "Providing Suggestions"
    assert WRITE_FOR_THEM in llm.last_system_prompt and "Support strategy for this reply" not in llm.last_system_prompt
    assert asks_for_writing("what should I text him?") and not asks_for_writing("I wrote a letter yesterday")
    await reply(comp, "I just need to vent, no advice")
    await reply(comp, "help me write an email to my boss")
    assert WRITE_FOR_THEM in llm.last_system_prompt  # asked for in so many words: it ends listening mode


async def test_a_panic_attack_starts_breathing_at_once(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """The 1.5B had answered with the command itself ("I'd be happy to help you breathe. `/tool start breathing`")."""
    comp, llm, _ = companion
    end = await reply(comp, "my heart is racing and I can't breathe properly, I think I'm having a panic attack")
    assert end.reply.startswith(PANIC_PREFACE) and "5 rounds of: breathe in for 4, breathe out for 6" in end.reply
    assert "call emergency services" in end.reply and llm.calls == []
    assert (await reply(comp, "done")).reply.startswith("How do you feel now, from 1 (tense) to 10 (calm)?")
    for text in ["I had a panic attack last year", "I can't breathe without you lol", "I need to calm down"]:
        assert not in_panic(text), text


async def test_panics_fear_of_dying_gets_breathing_not_the_crisis_protocol(config: Config) -> None:
    """ "I'm having a panic attack, I feel like I'm going to die" ran the suicide crisis protocol (988, "tell me
    whether you're safe"); a wish to die in the same message still does."""
    llm = FakeLLM(default="I'm here with you.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        panic = [e async for e in app.companion.turn("jo", "I'm having a panic attack, I feel like I'm going to die")]
        assert panic[-1].reply.startswith(PANIC_PREFACE) and not panic[-1].safety.crisis and llm.calls == []
        said = "I'm having a panic attack and I just want to die"
        wish = [e async for e in app.companion.turn("jo", said, session_id="other")]
        assert wish[-1].safety.crisis and "988" in wish[-1].reply
    finally:
        await app.aclose()


async def test_is_it_normal_to_feel_this_way_gets_a_plain_yes(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """A carer angry at her mother asked "Is it normal to feel this way?"; the 1.5B talked about dementia and ended
    "It's important to be there for them"."""
    comp, llm, _ = companion
    end = await reply(comp, "Is it normal to feel this way?")
    assert SAY_IT_IS_HUMAN in llm.last_system_prompt and end.strategy == "Affirmation and Reassurance"
    assert asks_if_normal("Am I a bad daughter for getting angry at her?")
    for text in ["Is it normal to want to die?", "I feel dizzy all the time, is it normal to feel this way?",
                 "Is this normal?", "Is it normal for a dog to sleep all day?"]:  # fmt: skip
        assert not asks_if_normal(text), text


async def test_what_would_you_do_is_answered_from_their_side(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """A widower whose children want him to move asked "what would you do?"; the 1.5B answered "I'd try to help them
    find comfort and support…", as if asked about someone else."""
    comp, llm, _ = companion
    await reply(comp, "what would you do?")
    assert IN_THEIR_SHOES in llm.last_system_prompt
    assert asks_what_you_would_do("If you were me, would you sell the house?")
    assert not asks_what_you_would_do("What do you do all day?")


async def test_does_he_still_love_me_is_not_guessed(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """A mother whose son did not call at Thanksgiving asked "do you think he still loves me?"; the 1.5B said "I think
    that's a very important question to consider. I'm here to help you feel better"."""
    comp, llm, _ = companion
    await reply(comp, "do you think he still loves me?")
    assert CANNOT_KNOW in llm.last_system_prompt
    assert asks_if_loved("does my son even care about me") and not asks_if_loved("do you love me?")


async def test_whether_to_text_the_ex_is_left_to_them(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """Two weeks after a break-up, "should I text him? just to say hi" drew "It's okay to send a quick message. Let's
    say "Hi" or "Hey" and see how he responds.": the model decided for them."""
    comp, llm, _ = companion
    await reply(comp, "should I text him? just to say hi")
    assert THEIR_CHOICE in llm.last_system_prompt
    for text in ["should i just call my ex", "Should I reply to her?", "should I get back together with him"]:
        assert asks_whether_to_contact(text), text
    for text in ["should I text my mum a happy birthday", "I texted him", "should I go to bed"]:
        assert not asks_whether_to_contact(text), text


async def test_lost_for_words_is_not_told_what_to_say(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """A weekend dad: "my son asked why I don't live with them anymore. I didn't know what to say" drew "Maybe you
    could tell them about your decision and the reasons behind it. What was your decision and what were the
    reasons?"."""
    comp, llm, _ = companion
    await reply(comp, "my son asked why I don't live with them anymore. I didn't know what to say")
    assert NO_ANSWER_READY in llm.last_system_prompt
    assert lost_for_words("she said it and I just froze") and not lost_for_words("I know what to say to him")


async def test_a_one_word_answer_is_not_questioned(companion: tuple[Companion, FakeLLM, Database]) -> None:
    """ "idk" drew "Okay, let's try that again. What do you mean by "idk"?"."""
    comp, llm, _ = companion
    await reply(comp, "idk")
    assert KEEP_IT_LIGHT in llm.last_system_prompt
    assert minimal_answer("not really") and minimal_answer("meh.") and not minimal_answer("I don't know what to say")


async def test_whether_to_go_through_his_phone_is_not_cheered_on(
    companion: tuple[Companion, FakeLLM, Database],
) -> None:
    """ "should I look through his phone while he sleeps?" (a wife who thinks her husband is cheating) drew "Sure,
    it's a good idea to check his phone while he's sleeping"."""
    comp, llm, _ = companion
    await reply(comp, "should I look through his phone while he sleeps?")
    assert BEFORE_YOU_LOOK in llm.last_system_prompt
    assert asks_whether_to_snoop("should I check my boyfriend's messages") and not asks_whether_to_snoop(
        "should I check my phone"
    )
