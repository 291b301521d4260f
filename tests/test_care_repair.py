"""Rupture and repair: frustration with the companion gets an apology and a question, never a defence (the
detector alone, and a real turn with a FakeLLM)."""

from __future__ import annotations

from amity.app import build_app, open_database
from amity.care.repair import (
    REPAIR_GUIDANCE,
    SORRY_FOR_RAMBLING_REPLIES,
    SORRY_FOR_SHARING_REPLIES,
    WHY_TELLING,
    WHY_TELLING_LIGHT,
    WHY_TELLING_REPLIES,
    apologises_for_sharing,
    criticises_companion,
    repair_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM


def test_frustration_with_the_companion_is_found_and_other_complaints_are_not() -> None:
    for text in [
        "You're useless, you never get anything right.",
        "you don't understand me",
        "That's not what I said.",
        "Stop giving me advice!",
        "Why can't you ever listen?",
        "that was a stupid answer",
        "you\u2019re not helping",
        "you sound like a therapist lol",
        "ugh, forget it",
    ]:
        assert criticises_companion(text), text
    for text in [
        "You're not useless.",
        "My boss is useless",
        "I feel useless",  # about themselves: the self-worth stage's matter
        "you don't have to help",
        "Thanks, you're helping a lot",
        "Don't you understand how hard this is for my mom",
        "Forget it, I have to go.",
        "never mind, I found my keys",
        "My sister sounds like a therapist.",
    ]:
        assert not criticises_companion(text), text


async def test_the_reply_is_guided_to_own_it_and_the_strategy_line_steps_aside(config: Config) -> None:
    llm = FakeLLM(default="I'm sorry - I got that wrong. What did I miss?")
    app = build_app(config, llm=llm, db=open_database(config))
    async for _event in app.companion.turn("dana", "Can you suggest a book?"):
        pass
    assert REPAIR_GUIDANCE not in llm.last_system_prompt
    async for _event in app.companion.turn("dana", "You're useless, you never get anything right."):
        pass
    prompt = llm.last_system_prompt
    assert "Don't defend yourself and don't talk about being an AI" in prompt
    assert 'e.g. "I\'m sorry - I got that wrong. What did I miss?"' in prompt
    assert "Support strategy for this reply" not in prompt
    await app.aclose()


async def test_a_tease_or_giving_up_gets_a_fixed_repair(config: Config) -> None:
    llm = FakeLLM(default="That's a great compliment!")
    app = build_app(config, llm=llm, db=open_database(config))
    first = [e async for e in app.companion.turn("dana", "whatever")]
    assert first[-1].reply == "That's a great compliment!"  # nothing said yet: nothing to repair
    tease = [e async for e in app.companion.turn("dana", "you sound like a therapist lol")][-1]
    assert tease.reply in {
        r.format(what="therapist")
        for r in (
            "Ha, fair - I'll drop the {what} voice. Go on, I'm listening.",
            "Fair point - less {what}, more friend. I'm listening.",
        )
    }
    gave_up = [e async for e in app.companion.turn("dana", "ugh, forget it")][-1]
    assert gave_up.reply.startswith(("Sorry - I wasn't much help there.", "I'm sorry, I didn't get that right."))
    assert len(llm.calls) == 1
    assert repair_reply("never mind", 0) != repair_reply("never mind", 1)  # said in turn
    await app.aclose()


def test_sorry_for_sharing_is_found_and_other_apologies_are_not() -> None:
    for text in [
        "sorry, I'm dumping all this on you",
        "sorry for the rant",
        "Sorry for rambling",
        "sorry to dump all this on you",
        "sorry I keep going on and on",
        "sorry for being such a downer",
        "i apologise for venting",
        "sorry for the long message",
    ]:
        assert apologises_for_sharing(text), text
    for text in ["sorry I was late", "sorry for your loss", "sorry, I am a mess", "sorry to hear that",
                 "I hate people dumping on me, sorry"]:  # fmt: skip
        assert not apologises_for_sharing(text), text


async def test_sorry_for_sharing_gets_a_warm_fixed_reply_or_a_line(config: Config) -> None:
    # the 1.5B, to a carer: "I'm sorry to hear that you're feeling overwhelmed. Let me know if there's anything else
    # I can help with."
    llm = FakeLLM(default="I'm sorry to hear that you're feeling overwhelmed.")
    app = build_app(config, llm=llm, db=open_database(config))
    async for _event in app.companion.turn("dana", "I haven't had a day off in eight months and I'm exhausted"):
        pass
    hurt = [e async for e in app.companion.turn("dana", "sorry, I'm dumping all this on you")][-1]
    assert hurt.reply in SORRY_FOR_SHARING_REPLIES
    async for _event in app.companion.turn("dana", "anyway! we went to the seaside and the dog chased a crab"):
        pass
    async for _event in app.companion.turn("dana", "and then the crab won, and we had chips on the wall"):
        pass
    light = [e async for e in app.companion.turn("dana", "sorry for rambling")][-1]
    assert light.reply in SORRY_FOR_RAMBLING_REPLIES
    long = "sorry for the rant, it's just that nobody else ever asks how I am and my brother only sends money"
    async for _event in app.companion.turn("dana", long):
        pass
    assert "nothing to be sorry for" in llm.last_system_prompt
    await app.aclose()


async def test_not_knowing_why_they_are_telling_you_gets_no_reason_needed(config: Config) -> None:
    llm = FakeLLM(default="That's okay, it's not your fault that you feel this way.")
    app = build_app(config, llm=llm, db=open_database(config))
    async for _event in app.companion.turn("ines", "my husband drinks every night"):
        pass
    hurt = [e async for e in app.companion.turn("ines", "I don't even know why I'm telling you this")][-1]
    assert hurt.reply in WHY_TELLING_REPLIES
    other = FakeLLM(default="Lovely.")
    light_app = build_app(config, llm=other, db=open_database(config))
    async for _event in light_app.companion.turn("otto", "we went to the seaside and the dog chased a crab"):
        pass
    light = [e async for e in light_app.companion.turn("otto", "why am I even telling you this lol")][-1]
    assert light.reply == WHY_TELLING_LIGHT
    assert WHY_TELLING.search("I shouldn't be telling you this") and not WHY_TELLING.search("I'm telling you, it works")
    await app.aclose()
    await light_app.aclose()
