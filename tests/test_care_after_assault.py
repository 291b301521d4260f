"""A sexual assault told: the past one answered with belief and a specialist line (``amity.safety.past_assault``),
and what follows never blamed or pushed (``amity.care.after_assault``).

Before, "I was sexually assaulted last year and I still have nightmares about it" got the crisis protocol's emergency
text: "If you are in immediate danger, please call 911 now", the 988 Suicide & Crisis Lifeline, the National Domestic
Violence Hotline, "tell me… whether you're safe at this moment".
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.after_assault import (
    DISBELIEVED_REPLY,
    GUIDANCE,
    KNEW_THEM_REPLY,
    MINIMISE_REPLY,
    REPORT_REPLY,
    TOLD_NO_ONE_REPLY,
    assault_told,
    blames,
    self_blame_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.events import SafetyFlag
from amity.llm.fake import FakeLLM
from amity.safety.crisis import detect
from amity.safety.past_assault import reply, told_past
from amity.safety.tactics import find_tactics
from amity.store.safety_store import SafetyStore
from amity.types import CrisisResource

RAINN = "800-656-4673"


@pytest.mark.parametrize(
    "text",
    ["I was sexually assaulted last year and I still have nightmares about it", "I was raped two years ago",
     "I was molested when I was 9", "I was sexually abused as a kid", "I got raped at a party in college"],
)  # fmt: skip
def test_a_past_sexual_assault_is_told_past(text: str) -> None:
    assert told_past(text, detect(text), minor=False)
    assert not told_past(text, detect(text), minor=True)  # a child's disclosure keeps the protocol


@pytest.mark.parametrize(
    "text",
    ["I was raped last night and he's still outside", "I was raped two years ago and he keeps texting me again",
     "I was sexually assaulted last year and I live with him", "I was raped", "he hits me",
     "I was raped two years ago and I want to die"],
)  # fmt: skip
def test_danger_now_or_no_past_keeps_the_protocol(text: str) -> None:
    assert not told_past(text, detect(text), minor=False)


def test_the_answer_believes_names_the_aftermath_and_a_line() -> None:
    line = CrisisResource(name="RAINN", contact=RAINN, region="US", source="https://www.rainn.org", hours="24/7")
    said = reply("I was sexually assaulted last year and I still have nightmares about it", [line], "911")
    assert (
        said.startswith("Thank you for telling me") and "I believe you, and what happened was not your fault." in said
    )
    assert "The nightmares, even a long time after, are a very common response" in said
    assert f"- RAINN: {RAINN} (24/7)" in said and "call 911" in said and "immediate danger" not in said
    assert "Not being able to sleep, even a long time after, is" in reply(
        "I was raped in 2019. I can't sleep", [], "999"
    )
    assert "common response" not in reply("I was raped two years ago", [], "999")


@pytest.mark.parametrize(
    "sentence",
    ["Were you drinking that night?", "What were you wearing?", "Why didn't you report it?", "Did you fight back?",
     "You should report it to the police.", "Have you reported it?", "Maybe it was a misunderstanding.",
     "He probably didn't mean it that way.", "Would it help if you shared what happened?"],
)  # fmt: skip
def test_blaming_questions_are_caught(sentence: str) -> None:
    assert blames(sentence)
    assert not blames("Have you been able to tell anyone you trust?") and not blames("I believe you.")


def test_no_fixed_reply_blames_or_advises() -> None:
    replies = [self_blame_reply(["i was drunk, it was my fault"]), self_blame_reply(["i just froze"]), REPORT_REPLY,
               DISBELIEVED_REPLY, TOLD_NO_ONE_REPLY, KNEW_THEM_REPLY, MINIMISE_REPLY]  # fmt: skip
    assert not [r for r in replies if blames(r) or find_tactics(r) or gives_advice(r)]
    assert assault_told("he raped me") and assault_told("I was sexually assaulted when I was 15")
    assert not assault_told("I was assaulted by the smell in the kitchen")


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    db = open_database(config)
    app = build_app(config, llm=llm, db=db)
    try:

        async def say(text: str) -> tuple[str, list[object]]:
            events = [e async for e in app.companion.turn("kim", text, session_id="a")]
            return events[-1].reply, events

        told = "I was sexually assaulted last year and I still have nightmares about it"
        first, events = await say(told)
        assert first.startswith("Thank you for telling me") and RAINN in first and "immediate danger" not in first
        flags = [e for e in events if isinstance(e, SafetyFlag)]
        assert flags and flags[0].result.crisis and any(RAINN in r.contact for r in flags[0].result.resources)
        assert SafetyStore(db).events("kim", ("past_assault",)) and llm.calls == []
        froze = "i keep thinking i should have fought. i just froze"
        assert (await say(froze))[0] == self_blame_reply([froze])
        assert (await say("should I report it? it's been a year"))[0] == REPORT_REPLY
        assert (await say("my mum didn't believe me"))[0] == DISBELIEVED_REPLY
        assert (await say("I haven't even told my friend"))[0] == TOLD_NO_ONE_REPLY
        assert (await say("it was my friend's boyfriend. at a party"))[0] == KNEW_THEM_REPLY
        assert (await say("sometimes I think I'm overreacting"))[0] == MINIMISE_REPLY
        llm.enqueue("Were you drinking that night? Would it help if you shared what happened? I'm here with you.")
        assert (await say("the party was in march"))[0] == "I'm here with you."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
