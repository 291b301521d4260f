"""Play: a true fact when asked for something interesting, play rather than chores for boredom."""

from __future__ import annotations

from amity.app import build_app, open_database
from amity.care.play import BORED_GUIDANCE, FACTS, asks_for_a_fact, fact_reply, is_bored
from amity.config import Config
from amity.llm.fake import FakeLLM


def test_the_questions_are_recognised() -> None:
    for text in ["tell me something interesting", "tell me something", "know any fun facts?", "teach me something",
                 "tell me a fun fact please"]:  # fmt: skip
        assert asks_for_a_fact(text), text
    for text in ["tell me something about yourself", "can you tell me something about anxiety?", "I know a fact"]:
        assert not asks_for_a_fact(text), text
    for text in ["im bored", "so bored lol", "I'm bored out of my mind", "bored"]:
        assert is_bored(text), text
    assert not is_bored("I get bored at work") and not is_bored("my job bores me but I need it")


def test_each_fact_is_told_once_before_any_repeats() -> None:
    told = [fact_reply(i) for i in range(len(FACTS))]
    assert len(set(told)) == len(FACTS)
    assert all(sum(fact in reply for fact in FACTS) == 1 for reply in told)
    assert told[0].startswith("Okay - did you know that octopuses have three hearts")


async def test_asked_twice_a_conversation_hears_two_different_facts(config: Config) -> None:
    """ "tell me something interesting" drew from the 1.5B "Let me tell you a little bit about each." - and nothing."""
    llm = FakeLLM(default="Maybe you could go for a walk or read a book?")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        [e async for e in app.companion.turn("eli", "im bored", session_id="e")]
        assert BORED_GUIDANCE in llm.last_system_prompt
        calls = len(llm.calls)
        first = [e async for e in app.companion.turn("eli", "tell me something interesting", session_id="e")][-1]
        second = [e async for e in app.companion.turn("eli", "haha another one", session_id="e")][-1]
        [e async for e in app.companion.turn("eli", "lol that's so weird", session_id="e")]
        third = [e async for e in app.companion.turn("eli", "tell me another fun fact", session_id="e")][-1]
        assert FACTS[0] in first.reply and FACTS[1] in second.reply  # a yes to "Want another one?"
        assert FACTS[2] in third.reply and len(llm.calls) == calls + 1  # only "lol that's so weird" went to the model
    finally:
        await app.aclose()
